"""Reads shared by views, exports and reports of the directory."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils import timezone

from core.lookups import Fold
from focal_points.models import (
    Country,
    Designation,
    Institution,
    Presidency,
    WorkingGroup,
)

# ---------------------------------------------------------------------------------------------
# Public directory: what a visitor may read without signing in.
# A person's name, position and institution leave this section only where they agreed to be
# listed publicly; e-mails and phone numbers never do.
# ---------------------------------------------------------------------------------------------

ROLE_ORDER = Case(
    When(role=Designation.Role.PRINCIPAL, then=Value(0)),
    When(role=Designation.Role.ALTERNATE, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class PublicSeat:
    """One current designation as a visitor may see it: the person only with consent."""

    role: str
    role_label: str
    name: str | None = None
    position: str | None = None
    institution: str | None = None

    @property
    def is_named(self) -> bool:
        return self.name is not None


@dataclass
class PublicGroupSeats:
    """A working group and a country's current seats in it."""

    group: WorkingGroup
    seats: list[PublicSeat] = field(default_factory=list)


@dataclass(frozen=True)
class MemberCoverage:
    """Whether a member country has designated a principal and an alternate in a group."""

    country: Country
    has_principal: bool
    has_alternate: bool


def public_seat(designation: Designation) -> PublicSeat:
    """Return what a visitor may see of a designation (no contact details, ever)."""
    person = designation.focal_point
    if not person.public_listing_consent:
        return PublicSeat(role=designation.role, role_label=designation.get_role_display())
    return PublicSeat(
        role=designation.role,
        role_label=designation.get_role_display(),
        name=person.full_name,
        position=person.position or "",
        institution=str(person.institution),
    )


def public_current_presidency(today: date | None = None) -> Presidency | None:
    """Return the Pro-Tempore Presidency in force today, or None."""
    return Presidency.objects.current(today)


def public_member_countries():
    """Member countries by name in the active language."""
    return Country.objects.members().by_name()


def public_observer_countries():
    """Observer countries by name in the active language."""
    return Country.objects.observers().by_name()


def public_observer_organizations():
    """International organizations with observer status, by name."""
    return Institution.objects.filter(kind=Institution.Kind.INTERNATIONAL_ORGANIZATION).by_name()


def public_country_institutions(country: Country):
    """A country's institutions in the CRM directory, by name."""
    return Institution.objects.in_country(country).by_name()


def public_country_presidencies(country: Country):
    """The presidencies a country has held, latest first."""
    return Presidency.objects.held_by(country).order_by("-starts_on")


def public_country_group_seats(
    country: Country, today: date | None = None
) -> list[PublicGroupSeats]:
    """Per active working group, the country's current seats as a visitor may see them."""
    today = today or timezone.localdate()
    designations = (
        Designation.objects.current(today)
        .filter(country=country, focal_point__is_active=True)
        .select_related("focal_point__institution")
        .order_by(
            ROLE_ORDER, Fold("focal_point__family_name"), Fold("focal_point__given_name"), "pk"
        )
    )
    groups = (
        WorkingGroup.objects.active()
        .by_name()
        .prefetch_related(
            Prefetch("designations", queryset=designations, to_attr="public_designations")
        )
    )
    return [
        PublicGroupSeats(
            group=group,
            seats=[public_seat(designation) for designation in group.public_designations],
        )
        for group in groups
    ]


def public_working_groups():
    """Active working groups and networks, by name."""
    return WorkingGroup.objects.active().by_name()


def public_group_coverage(group: WorkingGroup, today: date | None = None) -> list[MemberCoverage]:
    """For each member country, whether it has a current principal and alternate in group."""
    today = today or timezone.localdate()
    held = set(
        Designation.objects.current(today)
        .filter(
            working_group=group,
            focal_point__is_active=True,
            role__in=[Designation.Role.PRINCIPAL, Designation.Role.ALTERNATE],
        )
        .values_list("country_id", "role")
        .distinct()
    )
    return [
        MemberCoverage(
            country=country,
            has_principal=(country.pk, Designation.Role.PRINCIPAL) in held,
            has_alternate=(country.pk, Designation.Role.ALTERNATE) in held,
        )
        for country in public_member_countries()
    ]

"""Reads shared by views, exports and staff pages: the public directory, coverage, seats."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
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


# Coverage: member countries x active working groups


@dataclass
class CoverageCell:
    country: Country
    working_group: WorkingGroup
    principal: Designation | None = None
    alternates: list[Designation] = field(default_factory=list)
    # Alternates beyond the ones shown (the page lists at most MAX_ALTERNATES_SHOWN).
    more_alternates: int = 0

    @property
    def is_empty(self) -> bool:
        return self.principal is None and not self.alternates

    @property
    def has_stale(self) -> bool:
        people = [d.focal_point for d in ([self.principal] if self.principal else [])]
        people += [d.focal_point for d in self.alternates]
        return any(person.is_stale for person in people)


@dataclass
class CoverageRow:
    country: Country
    cells: list[CoverageCell]


@dataclass
class Coverage:
    working_groups: list[WorkingGroup]
    rows: list[CoverageRow]

    @property
    def empty_cells(self) -> int:
        return sum(cell.is_empty for row in self.rows for cell in row.cells)


MAX_ALTERNATES_SHOWN = 3


def coverage_matrix(*, country_id: int | None = None, today: date | None = None) -> Coverage:
    """Return who holds each member country's principal and alternate seat in each group."""
    countries = Country.objects.members().by_name()
    if country_id is not None:
        countries = countries.filter(pk=country_id)
    countries = list(countries)
    working_groups = list(WorkingGroup.objects.active().by_name())
    seat = [F("country_id"), F("working_group_id"), F("role")]
    # Only the newest few holders per seat leave the database, however crowded a seat is.
    designations = (
        Designation.objects.current(today)
        .filter(
            role__in=[Designation.Role.PRINCIPAL, Designation.Role.ALTERNATE],
            country__in=[c.pk for c in countries],
            working_group__is_active=True,
        )
        .annotate(
            seat_rank=Window(
                RowNumber(), partition_by=seat, order_by=[F("starts_on").desc(), F("pk").desc()]
            ),
            seat_size=Window(Count("pk"), partition_by=seat),
        )
        .filter(seat_rank__lte=MAX_ALTERNATES_SHOWN)
        .select_related("focal_point")
        .order_by("starts_on", "pk")
    )
    cells: dict[tuple[int, int], CoverageCell] = {}
    for country in countries:
        for group in working_groups:
            cells[country.pk, group.pk] = CoverageCell(country=country, working_group=group)
    for designation in designations:
        cell = cells.get((designation.country_id, designation.working_group_id))
        if cell is None:
            continue
        if designation.role == Designation.Role.PRINCIPAL:
            cell.principal = designation
        else:
            cell.alternates.append(designation)
            cell.more_alternates = designation.seat_size - MAX_ALTERNATES_SHOWN
    rows = [
        CoverageRow(country=c, cells=[cells[c.pk, g.pk] for g in working_groups]) for c in countries
    ]
    return Coverage(working_groups=working_groups, rows=rows)


def seat_history(*, country: Country, working_group: WorkingGroup, role: str):
    """Return every designation of one seat, newest first, with the person who held it."""
    return (
        Designation.objects.for_seat(country=country, working_group=working_group, role=role)
        .select_related("focal_point__institution")
        .order_by("-starts_on", "-pk")
    )

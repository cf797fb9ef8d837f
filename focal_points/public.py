"""Public directory reads: what a visitor may see without signing in, at a bounded cost.

A person's name, position and institution leave the database only where they agreed to be
listed publicly; e-mails and phone numbers are never selected. Every page reads a bounded
number of rows whatever the size of the directory: a country page lists the first
SEATS_LISTED seats of each group and counts the others in SQL.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import Concat, RowNumber
from django.utils import timezone

from core.lookups import Fold
from core.models import localized_either
from focal_points.models import (
    ROLE_ORDER,
    Country,
    Designation,
    FocalPoint,
    Institution,
    Presidency,
    WorkingGroup,
)

# Seats named on a country page per working group; the rest are counted by role.
SEATS_LISTED = 8


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


@dataclass(frozen=True)
class UnlistedSeats:
    """How many current seats of one role a country page does not list."""

    role: str
    role_label: str
    count: int


@dataclass
class PublicGroupSeats:
    """A working group, the first of a country's current seats in it, and the others counted."""

    group: WorkingGroup
    seats: list[PublicSeat] = field(default_factory=list)
    unlisted: list[UnlistedSeats] = field(default_factory=list)

    @property
    def unlisted_count(self) -> int:
        return sum(item.count for item in self.unlisted)


@dataclass(frozen=True)
class MemberCoverage:
    """Whether a member country has designated a principal and an alternate in a group."""

    country: Country
    has_principal: bool
    has_alternate: bool


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


def public_working_groups():
    """Active working groups and networks, by name."""
    return WorkingGroup.objects.active().by_name()


def _if_consented(expression):
    """The expression where the person agreed to be listed publicly, else NULL."""
    return Case(
        When(focal_point__public_listing_consent=True, then=expression),
        default=None,
        output_field=CharField(),
    )


def _public_current_seats(country: Country, today: date):
    # "No inactive person" as an anti-join on the few inactive people (a partial index), not
    # a join to every person of the directory.
    inactive = FocalPoint.objects.filter(pk=OuterRef("focal_point_id"), is_active=False)
    return Designation.objects.current(today).filter(
        ~Exists(inactive),
        country=country,
        working_group__in=WorkingGroup.objects.active().values("pk"),
    )


def public_country_group_seats(
    country: Country, today: date | None = None
) -> list[PublicGroupSeats]:
    """Per active working group, the country's first current seats and the rest counted.

    The first SEATS_LISTED of each group by role (principal, alternates, others), the
    longest-serving first; shown by role and name. Three queries whatever the number of seats:
    the groups, the ranking with the count per group and role (in SQL), and the listed seats
    (only the columns shown, names only with consent).
    """
    today = today or timezone.localdate()
    groups = list(public_working_groups())
    labels = dict(Designation.Role.choices)
    # Ranked on ids, roles and dates alone (longest-serving first): folding the names of every
    # seat cost more than the rest of the page. One row comes back per listed seat, plus the
    # first of each role (it carries the role's count); the shown columns are then computed,
    # and the names folded for the order on the page, for the listed rows only.
    ranked = (
        _public_current_seats(country, today)
        .annotate(
            seat_rank=Window(
                RowNumber(),
                partition_by=[F("working_group_id")],
                order_by=[ROLE_ORDER, F("starts_on"), F("pk")],
            ),
            role_rank=Window(
                RowNumber(),
                partition_by=[F("working_group_id"), F("role")],
                order_by=[F("starts_on"), F("pk")],
            ),
            role_total=Window(Count("pk"), partition_by=[F("working_group_id"), F("role")]),
        )
        .filter(Q(seat_rank__lte=SEATS_LISTED) | Q(role_rank=1))
        .values_list("pk", "working_group_id", "role", "seat_rank", "role_total")
        .order_by()
    )
    listed_ids, totals = [], {}
    for pk, group_id, role, seat_rank, role_total in ranked:
        totals[group_id, role] = role_total
        if seat_rank <= SEATS_LISTED:
            listed_ids.append(pk)
    listed = (
        Designation.objects.filter(pk__any=listed_ids)
        .values_list(
            "working_group_id",
            "role",
            _if_consented(
                Concat("focal_point__given_name", Value(" "), "focal_point__family_name")
            ),
            _if_consented(localized_either("focal_point__position")),
            _if_consented(localized_either("focal_point__institution__name")),
            _if_consented(localized_either("focal_point__institution__acronym")),
        )
        .order_by(
            "working_group_id",
            ROLE_ORDER,
            Fold("focal_point__family_name"),
            Fold("focal_point__given_name"),
            "pk",
        )
    )
    seats: dict[int, list[PublicSeat]] = defaultdict(list)
    shown: dict[tuple[int, str], int] = defaultdict(int)
    for group_id, role, name, position, institution, acronym in listed:
        if acronym:
            institution = f"{institution} ({acronym})"
        seats[group_id].append(
            PublicSeat(
                role=role,
                role_label=labels[role],
                name=name.strip() if name is not None else None,
                position=position,
                institution=institution,
            )
        )
        shown[group_id, role] += 1
    unlisted: dict[int, list[UnlistedSeats]] = defaultdict(list)
    for (group_id, role), total in totals.items():
        rest = total - shown[group_id, role]
        if rest > 0:
            unlisted[group_id].append(UnlistedSeats(role=role, role_label=labels[role], count=rest))
    order = {role: index for index, role in enumerate(Designation.Role.values)}
    return [
        PublicGroupSeats(
            group=group,
            seats=seats[group.pk],
            unlisted=sorted(unlisted[group.pk], key=lambda item: order[item.role]),
        )
        for group in groups
    ]


def _holds(group: WorkingGroup, role: str, today: date) -> Exists:
    return Exists(
        Designation.objects.current(today).filter(
            working_group=group, country=OuterRef("pk"), role=role, focal_point__is_active=True
        )
    )


def public_group_coverage(group: WorkingGroup, today: date | None = None) -> list[MemberCoverage]:
    """For each member country, whether it has a current principal and alternate in group."""
    today = today or timezone.localdate()
    countries = public_member_countries().annotate(
        has_principal=_holds(group, Designation.Role.PRINCIPAL, today),
        has_alternate=_holds(group, Designation.Role.ALTERNATE, today),
    )
    return [
        MemberCoverage(
            country=country,
            has_principal=country.has_principal,
            has_alternate=country.has_alternate,
        )
        for country in countries
    ]

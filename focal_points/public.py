"""Public directory reads: what a visitor may see without signing in, at a bounded cost.

A person's name, position and institution leave the database only where they agreed to be
listed publicly; e-mails and phone numbers are never selected. Every page reads a bounded
number of rows whatever the size of the directory: a country page lists the first
SEATS_LISTED seats of each group and counts the others in SQL.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import get_language

from focal_points.models import (
    DESIGNATION_CURRENT_SQL,
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


def _either(column: str, language: str) -> str:
    """SQL for a translated column in language, the other one when empty, else ''."""
    other = "en" if language == "es" else "es"
    return f"COALESCE(NULLIF({column}_{language}, ''), NULLIF({column}_{other}, ''), '')"


def _country_seats_sql(language: str) -> str:
    """The query behind public_country_group_seats (see there)."""
    designations = Designation._meta.db_table
    people = FocalPoint._meta.db_table
    institutions = Institution._meta.db_table
    current = (
        "d.country_id = %(country)s AND d.working_group_id = g.id AND d.role = r.role"
        f" AND {DESIGNATION_CURRENT_SQL}"
        f" AND NOT EXISTS (SELECT 1 FROM {people} inactive"
        " WHERE inactive.id = d.focal_point_id AND NOT inactive.is_active)"
    )
    # A name, position or institution leaves the database only with the person's consent.
    consented = "CASE WHEN p.public_listing_consent THEN {} END"
    # No WITH: pghistory's middleware puts two set_config() calls before every statement of
    # a request that does not begin with SELECT (0.2 ms a page). Sorted on the names' stored
    # folded columns: crm_fold() on the listed seats' names (120 rows for Mexico at scale)
    # was a third of the statement.
    return f"""
        SELECT ranked.group_id, ranked.role, ranked.total, ranked.seat_rank <= %(listed)s,
               {consented.format("p.given_name || ' ' || p.family_name")},
               {consented.format(_either("p.position", language))},
               {consented.format(_either("i.name", language))},
               {consented.format(_either("i.acronym", language))}
        FROM (
          SELECT first.*, row_number() OVER (
              PARTITION BY group_id ORDER BY position, starts_on, id
          ) AS seat_rank
          FROM (
            SELECT g.id AS group_id, r.role, r.position, total.n AS total,
                   seat.id, seat.starts_on, seat.focal_point_id
            FROM unnest(%(groups)s::bigint[]) AS g(id)
            CROSS JOIN unnest(%(roles)s::text[]) WITH ORDINALITY AS r(role, position)
            CROSS JOIN LATERAL (
                SELECT count(*) AS n FROM {designations} d WHERE {current}
            ) total
            CROSS JOIN LATERAL (
                SELECT d.id, d.starts_on, d.focal_point_id FROM {designations} d
                WHERE {current} ORDER BY d.starts_on, d.id LIMIT %(listed)s
            ) seat
          ) first
        ) ranked
        JOIN {people} p ON p.id = ranked.focal_point_id
        JOIN {institutions} i ON i.id = p.institution_id
        ORDER BY ranked.group_id, ranked.position,
                 p.family_name_folded, p.given_name_folded, ranked.id
    """


def public_country_group_seats(
    country: Country, today: date | None = None
) -> list[PublicGroupSeats]:
    """Per active working group, the country's first current seats and the rest counted.

    The first SEATS_LISTED of each group by role (principal, alternates, others), the
    longest-serving first; shown by role and name. Two queries whatever the number of seats:
    the groups, and one that, for every (group, role) pair, reads at most SEATS_LISTED seats
    on the index (country, group, role, start) with a LATERAL subquery and counts the role's
    seats on the same index without visiting the table. Sorting every current seat of a
    large country (1,819 in Mexico at scale) cost more than the rest of the page. Only the
    columns shown are selected, names only with consent; inactive people are left out by an
    anti-join on their small partial index.
    """
    today = today or timezone.localdate()
    groups = list(public_working_groups())
    labels = dict(Designation.Role.choices)
    roles = list(labels)  # principal, alternate, additional: the order of ROLE_ORDER
    with connection.cursor() as cursor:
        cursor.execute(
            _country_seats_sql((get_language() or "es")[:2]),
            {
                "country": country.pk,
                "today": today,
                "groups": [group.pk for group in groups],
                "roles": roles,
                "listed": SEATS_LISTED,
            },
        )
        rows = cursor.fetchall()
    seats: dict[int, list[PublicSeat]] = defaultdict(list)
    totals: dict[tuple[int, str], int] = {}
    shown: dict[tuple[int, str], int] = defaultdict(int)
    for group_id, role, total, is_listed, name, position, institution, acronym in rows:
        totals[group_id, role] = total
        if not is_listed:
            continue
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
    for (group_id, role), total in totals.items():  # in role order within each group
        rest = total - shown[group_id, role]
        if rest > 0:
            unlisted[group_id].append(UnlistedSeats(role=role, role_label=labels[role], count=rest))
    return [
        PublicGroupSeats(group=group, seats=seats[group.pk], unlisted=unlisted[group.pk])
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

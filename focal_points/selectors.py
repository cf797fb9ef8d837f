"""Reads shared by the staff pages: coverage and seat history.

The public directory's reads are in focal_points/public.py.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.utils import timezone

from focal_points.models import (
    DESIGNATION_CURRENT_SQL,
    Country,
    Designation,
    WorkingGroup,
)

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

    @property
    def has_unreachable(self) -> bool:
        people = [self.principal] if self.principal else []
        return any(d.focal_point.unreachable_since for d in [*people, *self.alternates])


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


def _newest_holders(countries, working_groups, today: date) -> dict[int, int]:
    """The newest few current holders of every principal and alternate seat: {id: seat size}.

    One query. Per seat (country, group, role), a LATERAL subquery reads at most
    MAX_ALTERNATES_SHOWN designations backwards on the index (country, group, role, start),
    and another counts the seat's current ones on the same index without visiting the table:
    ranking every current seat of the directory (10,000 at scale) with a window cost more
    than the rest of the page.
    """
    table = Designation._meta.db_table
    current = (
        "d.country_id = c.id AND d.working_group_id = g.id AND d.role = r.role"
        f" AND {DESIGNATION_CURRENT_SQL}"
    )
    sql = f"""
        SELECT newest.id, total.n
        FROM unnest(%(countries)s::bigint[]) AS c(id)
        CROSS JOIN unnest(%(groups)s::bigint[]) AS g(id)
        CROSS JOIN unnest(%(roles)s::text[]) AS r(role)
        CROSS JOIN LATERAL (SELECT count(*) AS n FROM {table} d WHERE {current}) total
        CROSS JOIN LATERAL (
            SELECT d.id FROM {table} d WHERE {current}
            ORDER BY d.starts_on DESC, d.id DESC LIMIT %(shown)s
        ) newest
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "countries": [country.pk for country in countries],
                "groups": [group.pk for group in working_groups],
                "roles": [Designation.Role.PRINCIPAL, Designation.Role.ALTERNATE],
                "today": today,
                "shown": MAX_ALTERNATES_SHOWN,
            },
        )
        return dict(cursor.fetchall())


def coverage_matrix(*, country_id: int | None = None, today: date | None = None) -> Coverage:
    """Return who holds each member country's principal and alternate seat in each group."""
    countries = Country.objects.members().by_name()
    if country_id is not None:
        countries = countries.filter(pk=country_id)
    countries = list(countries)
    working_groups = list(WorkingGroup.objects.active().by_name())
    seat_sizes = _newest_holders(countries, working_groups, today or timezone.localdate())
    designations = (
        Designation.objects.filter(pk__in=list(seat_sizes))
        .select_related("focal_point")
        .only(
            "country_id",
            "working_group_id",
            "role",
            "starts_on",
            "focal_point__given_name",
            "focal_point__family_name",
            "focal_point__last_verified_on",
            "focal_point__unreachable_since",
        )
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
            cell.more_alternates = seat_sizes[designation.pk] - MAX_ALTERNATES_SHOWN
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

"""Reads shared by the staff pages: coverage and seat history.

The public directory's reads are in focal_points/public.py.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Count,
    F,
    Window,
)
from django.db.models.functions import RowNumber

from focal_points.models import (
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


def coverage_matrix(*, country_id: int | None = None, today: date | None = None) -> Coverage:
    """Return who holds each member country's principal and alternate seat in each group."""
    countries = Country.objects.members().by_name()
    if country_id is not None:
        countries = countries.filter(pk=country_id)
    countries = list(countries)
    working_groups = list(WorkingGroup.objects.active().by_name())
    seat = [F("country_id"), F("working_group_id"), F("role")]
    # Only the newest few holders per seat leave the database, however crowded a seat is. The
    # seats are ranked on the designation table alone (no join); only the kept rows are then
    # read with their person, and only the columns the page shows.
    ranked = (
        Designation.objects.current(today)
        .filter(
            role__in=[Designation.Role.PRINCIPAL, Designation.Role.ALTERNATE],
            country__in=[c.pk for c in countries],
            working_group__in=[g.pk for g in working_groups],
        )
        .annotate(
            seat_rank=Window(
                RowNumber(), partition_by=seat, order_by=[F("starts_on").desc(), F("pk").desc()]
            ),
            seat_size=Window(Count("pk"), partition_by=seat),
        )
        .filter(seat_rank__lte=MAX_ALTERNATES_SHOWN)
        .values_list("pk", "seat_size")
    )
    seat_sizes = dict(ranked)
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

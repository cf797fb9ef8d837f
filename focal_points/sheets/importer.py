"""The directory import: preview what a sheet would do, then write all of it or nothing."""

from dataclasses import dataclass, field

import pghistory
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from focal_points.models import Country, Designation, FocalPoint, Institution, WorkingGroup
from focal_points.services import directory_import_insert, focal_point_import
from focal_points.sheets.cells import Lookups
from focal_points.sheets.plan import Directory, plan_rows, seat_key
from focal_points.sheets.rows import SheetRow, parse_rows

IMPORT_REASON = "spreadsheet import"
# Keeps IN lists, and the rows each query returns, to a size Postgres plans well.
CHUNK = 5000


@dataclass
class ImportResult:
    """What an import did, or would do: each row's outcome, and the file's own problems."""

    rows: list[SheetRow]
    # The version of every person of the directory the file names, as read: the confirmation
    # refuses rows whose person changed after the preview.
    versions: dict[int, int]
    file_errors: list[str] = field(default_factory=list)
    stale: list[SheetRow] = field(default_factory=list)
    moved: bool = False  # the outcome differs from the preview's
    written: bool = False
    writes: int = 0  # records inserted or updated: one history event each

    @property
    def counts(self) -> dict[str, int]:
        counts = {"new": 0, "changed": 0, "unchanged": 0, "invalid": 0}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def outcome(self) -> str:
        """Summarise the outcome, so a confirmation can tell if the preview still holds."""
        return "{new},{changed},{unchanged}".format(**self.counts)

    @property
    def has_errors(self) -> bool:
        return bool(self.counts["invalid"] or self.file_errors)


def _lookups() -> Lookups:
    return Lookups.index(
        countries=Country.objects.all(),
        institutions=Institution.objects.all(),
        groups=WorkingGroup.objects.all(),
    )


def _directory(rows: list[SheetRow], *, lock: bool) -> Directory:
    emails = sorted({row.email_key for row in rows if row.email_key})
    people: dict[str, FocalPoint] = {}
    for start in range(0, len(emails), CHUNK):
        found = FocalPoint.objects.annotate(email_lower=Lower("email")).filter(
            email_lower__in=emails[start : start + CHUNK]
        )
        if lock:
            # Hold the people the file names until the import commits: an edit made
            # meanwhile waits instead of being silently overwritten.
            found = found.select_for_update(of=("self",))
        people.update({person.email_lower: person for person in found})
    designations = {}
    person_ids = [person.pk for person in people.values()]
    for start in range(0, len(person_ids), CHUNK):
        for designation in Designation.objects.filter(
            focal_point_id__in=person_ids[start : start + CHUNK]
        ):
            designations[seat_key(designation)] = designation
    seats = {
        (row.designation.country.pk, row.designation.working_group.pk)
        for row in rows
        if row.designation and row.designation.role == Designation.Role.PRINCIPAL
    }
    principals: dict[tuple[int, int], list[Designation]] = {}
    if seats:
        for designation in Designation.objects.filter(
            role=Designation.Role.PRINCIPAL,
            country_id__in={country for country, _group in seats},
            working_group_id__in={group for _country, group in seats},
        ):
            seat = (designation.country_id, designation.working_group_id)
            if seat in seats:
                principals.setdefault(seat, []).append(designation)
    return Directory(people=people, designations=designations, principals=principals)


def _check(records: list[dict[str, str]], *, lock: bool) -> ImportResult:
    rows = parse_rows(records, lookups=_lookups())
    directory = _directory(rows, lock=lock)
    plan_rows(rows, directory=directory)
    versions = {person.pk: person.version for person in directory.people.values()}
    return ImportResult(rows=rows, versions=versions)


def directory_import_preview(*, records: list[dict[str, str]]) -> ImportResult:
    """Check every row of a sheet against the directory and tell what importing would do."""
    return _check(records, lock=False)


def _write(result: ImportResult) -> None:
    new_people, new_designations = [], []
    for row in result.rows:
        if row.creates_person:
            new_people.append(row.focal_point)
        elif row.changed_fields and row.focal_point.pk:
            focal_point_import(focal_point=row.focal_point, fields=row.changed_fields)
            result.writes += 1
        designation = row.designation_record
        if designation is not None:
            designation.focal_point = row.focal_point
            if designation.pk:
                designation.save()
                result.writes += 1
            else:
                new_designations.append(designation)
    result.writes += directory_import_insert(focal_points=new_people, designations=new_designations)


@transaction.atomic
def directory_import(
    *,
    records: list[dict[str, str]],
    user=None,
    expected_outcome: str | None = None,
    expected_versions: dict[int, int] | None = None,
) -> ImportResult:
    """Import a sheet in one transaction: every row, or none if one fails or is stale."""
    # Given what a preview reported (its outcome, the versions it read), the file is also
    # refused when that outcome changed or a person it names was edited since.
    result = _check(records, lock=True)
    if expected_versions is not None:
        result.stale = [
            row
            for row in result.rows
            if row.focal_point is not None
            and row.focal_point.pk
            and expected_versions.get(row.focal_point.pk) != row.focal_point.version
        ]
    result.moved = expected_outcome is not None and result.outcome != expected_outcome
    if result.has_errors or result.stale or result.moved:
        return result
    try:
        # A savepoint, so a refusal by the database leaves this transaction usable.
        with (
            transaction.atomic(),
            pghistory.context(user=getattr(user, "pk", None), reason=IMPORT_REASON),
        ):
            _write(result)
    except IntegrityError as error:
        result.writes = 0
        result.file_errors.append(
            _("The database refused the import, so nothing was written: %(error)s")
            % {"error": error}
        )
        return result
    result.written = True
    return result

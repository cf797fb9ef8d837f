"""The attendance import: preview what a sheet would do, then write all of it or nothing."""

from dataclasses import dataclass, field

import pghistory
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.text import fold
from focal_points.models import Country, FocalPoint
from meetings.attendance.rows import AttendanceRow, parse_rows
from meetings.models import Meeting, Participant

IMPORT_REASON = "attendance import"
# Fields a row sets on its participant, when the file has the column.
ROW_FIELDS = {
    "role": ("role",),
    "attended_on": ("attended_on",),
    "country": ("delegation_country_id", "delegation_other"),
    "organization": ("delegation_country_id", "delegation_other"),
    "institution": ("guest_institution",),
    "name": ("guest_name",),
}


@dataclass
class AttendanceResult:
    """What an import did, or would do: each row's outcome, and the file's own problems."""

    rows: list[AttendanceRow]
    file_errors: list[str] = field(default_factory=list)
    moved: bool = False  # the outcome differs from the preview's
    written: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counts = {"new": 0, "changed": 0, "unchanged": 0, "invalid": 0}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def outcome(self) -> str:
        return "{new},{changed},{unchanged}".format(**self.counts)

    @property
    def has_errors(self) -> bool:
        return bool(self.counts["invalid"] or self.file_errors)


def _countries() -> dict[str, Country]:
    index = {}
    for country in Country.objects.all():
        index[country.iso_code] = country
        for name in (country.name_es, country.name_en):
            if name:
                index[fold(name).strip()] = country
    return index


def _values(row: AttendanceRow) -> dict[str, object]:
    """The participant's fields as the row asks for them."""
    person = row.focal_point
    country = row.country
    if person is not None and country is None and not row.organization:
        country = person.country  # a focal point comes for their own country unless told
    return {
        "role": row.role,
        "attended_on": row.attended_on,
        "delegation_country_id": country.pk if country else None,
        "delegation_other": row.organization,
        "guest_institution": "" if person else row.institution,
        "guest_name": "" if person else row.name,
    }


def _plan(row: AttendanceRow, existing: Participant | None) -> None:
    if row.errors:
        row.status = "invalid"
        return
    values = _values(row)
    if existing is None:
        row.status = "new"
        return
    row.participant = existing
    # An existing participant changes only in the columns the file has.
    names = {name for key in row.cells for name in ROW_FIELDS.get(key, ())}
    if row.focal_point is not None:
        names -= {"guest_name", "guest_institution"}
    row.changes = sorted(name for name in names if getattr(existing, name) != values[name])
    row.status = "changed" if row.changes else "unchanged"


def _check(meeting: Meeting, records: list[dict[str, str]], *, lock: bool) -> AttendanceResult:
    rows = parse_rows(records, countries=_countries(), meeting=meeting)
    people = FocalPoint.objects.with_email(*[row.email_key for row in rows if row.email_key])
    participants = meeting.participants.all()
    if lock:
        # Held until the import commits: an edit made meanwhile waits instead of being lost.
        people = people.select_for_update(of=("self",))
        participants = participants.select_for_update()
    by_address = {}
    for person in people.select_related("institution__country"):
        for address in (person.email, *person.alternate_emails):
            by_address[address.lower()] = person
    by_person = {p.focal_point_id: p for p in participants if p.focal_point_id}
    by_guest = {p.guest_email.lower(): p for p in participants if p.guest_email}
    lines_of_person: dict[int, int] = {}
    for row in rows:
        person = by_address.get(row.email_key)
        existing = None
        if person is not None:
            row.focal_point = person
            if person.pk in lines_of_person:
                row.errors.append(
                    _("The same person as on line %(line)d (another of their e-mails).")
                    % {"line": lines_of_person[person.pk]}
                )
            lines_of_person.setdefault(person.pk, row.line)
            existing = by_person.get(person.pk)
        elif row.email_key:
            if not row.name:
                row.errors.append(_("This e-mail is not in the directory: give the guest's name."))
            existing = by_guest.get(row.email_key)
        _plan(row, existing)
    return AttendanceResult(rows=rows)


def attendance_import_preview(
    *, meeting: Meeting, records: list[dict[str, str]]
) -> AttendanceResult:
    """Check every row of an attendance sheet and tell what importing it would do."""
    return _check(meeting, records, lock=False)


def _write(meeting: Meeting, result: AttendanceResult) -> None:
    new = []
    for row in result.rows:
        values = _values(row)
        if row.status == "new":
            new.append(
                Participant(
                    meeting=meeting,
                    focal_point=row.focal_point,
                    guest_email="" if row.focal_point else row.email,
                    **values,
                )
            )
        elif row.status == "changed":
            for name in row.changes:
                setattr(row.participant, name, values[name])
            row.participant.save(update_fields=[*row.changes, "updated_at"])
    Participant.objects.bulk_create(new)


@transaction.atomic
def attendance_import(
    *,
    meeting: Meeting,
    records: list[dict[str, str]],
    user=None,
    expected_outcome: str | None = None,
) -> AttendanceResult:
    """Import an attendance sheet in one transaction: every row, or none if one fails."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    result = _check(meeting, records, lock=True)
    result.moved = expected_outcome is not None and result.outcome != expected_outcome
    if result.has_errors or result.moved:
        return result
    try:
        with (
            transaction.atomic(),
            pghistory.context(user=getattr(user, "pk", None), reason=IMPORT_REASON),
        ):
            _write(meeting, result)
    except IntegrityError as error:
        result.file_errors.append(
            _("The database refused the import, so nothing was written: %(error)s")
            % {"error": error}
        )
        return result
    result.written = True
    return result

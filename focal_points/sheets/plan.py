"""Weigh checked rows against the directory: what each adds or changes, and whether it may.

Runs no query: the importer loads the records the file refers to into a Directory first.
Every row is judged before anything is written, so the seat rule is applied to the
directory as the whole file would leave it, whatever the order of the rows.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from focal_points.models import Designation, FocalPoint
from focal_points.services import designation_import, focal_point_import_clean
from focal_points.sheets.cells import checked_phone
from focal_points.sheets.columns import COLUMNS_BY_KEY, PHONE_KEYS
from focal_points.sheets.rows import SheetRow

DESIGNATION_FIELDS = ("ends_on", "letter_reference", "letter_date")


def seat_key(designation: Designation) -> tuple:
    """Return what identifies a designation in a sheet: person, group, country, role, start."""
    return (
        designation.focal_point_id,
        designation.working_group_id,
        designation.country_id,
        designation.role,
        designation.starts_on,
    )


@dataclass
class Directory:
    """The records of the directory a file refers to, loaded once per import."""

    people: dict[str, FocalPoint]  # by lower-case e-mail
    designations: dict[tuple, Designation]  # by seat_key()
    principals: dict[tuple[int, int], list[Designation]]  # by (country, group) of the file


def _plan_person(row: SheetRow, people: dict[str, FocalPoint]) -> None:
    instance = people.get(row.email_key)
    row.creates_person = instance is None
    if instance is None:
        instance = FocalPoint()
    for key, value in row.person.items():
        if key == "email" and instance.email.lower() == str(value).lower():
            continue  # matched ignoring capitals: keep the address as first written
        current = getattr(instance, "institution_id" if key == "institution" else key)
        target = value.pk if key == "institution" and value else value
        if key in PHONE_KEYS:
            # Not `if current`: a PhoneNumber's truth value formats and validates it.
            current = current.as_rfc3966 if isinstance(current, PhoneNumber) else current or ""
        if current != target and not (key == "institution" and value is None):
            row.changed_fields.append(key)
            if key in PHONE_KEYS and value:
                value = checked_phone(value)
            setattr(instance, key, value)
    row.focal_point = instance
    if row.creates_person or row.changed_fields:
        try:
            # The phone columns validated their numbers as the model would (PhoneColumn).
            focal_point_import_clean(focal_point=instance, checked=PHONE_KEYS)
        except ValidationError as error:
            row.errors += [str(message) for message in error.messages]
            return
    # Later rows of a person new to the directory add to the same, still unsaved, record.
    people.setdefault(row.email_key, instance)


def _plan_designation(row: SheetRow, directory: Directory) -> None:
    values = row.designation
    if values is None:
        return
    existing = None
    if row.focal_point.pk:
        key = (
            row.focal_point.pk,
            values.working_group.pk,
            values.country.pk,
            values.role,
            values.starts_on,
        )
        existing = directory.designations.get(key)
    row.existing_designation = existing
    if existing is None:
        row.designation_changes = ["new"]
    else:
        row.designation_changes = [
            key for key in DESIGNATION_FIELDS if getattr(existing, key) != getattr(values, key)
        ]
    if not row.designation_changes:
        return
    try:
        row.designation_record = designation_import(
            existing=existing, check_seat=False, **values.as_kwargs()
        )
    except ValidationError as error:
        row.errors += [str(message) for message in error.messages]


def _overlaps(start: date, end: date | None, other_start: date, other_end: date | None) -> bool:
    return start <= (other_end or date.max) and other_start <= (end or date.max)


def _check_seats(rows: list[SheetRow], directory: Directory) -> None:
    constraint = next(
        c for c in Designation._meta.constraints if c.name == "designation_one_principal_per_seat"
    )
    message = constraint.get_violation_error_message()
    # Designations the file names are judged with the values the file gives them.
    in_file = {row.existing_designation.pk for row in rows if row.existing_designation}
    principals = [
        row
        for row in rows
        if not row.errors and row.designation and row.designation.role == Designation.Role.PRINCIPAL
    ]
    taken: dict[tuple, list[SheetRow]] = {}
    # Rows that leave a designation as it is hold their seat first: a conflict is reported
    # on the row that would change something.
    for row in sorted(principals, key=lambda r: bool(r.designation_changes)):
        values = row.designation
        seat = (values.country.pk, values.working_group.pk)
        if row.designation_changes:
            if any(
                other.pk not in in_file
                and _overlaps(values.starts_on, values.ends_on, other.starts_on, other.ends_on)
                for other in directory.principals.get(seat, [])
            ):
                row.errors.append(str(message))
                continue
            earlier = next(
                (
                    other
                    for other in taken.get(seat, [])
                    if _overlaps(
                        values.starts_on,
                        values.ends_on,
                        other.designation.starts_on,
                        other.designation.ends_on,
                    )
                ),
                None,
            )
            if earlier is not None:
                see_row = _("(See row %(row)s of the file.)") % {"row": earlier.line}
                row.errors.append(f"{message} {see_row}")
                continue
        taken.setdefault(seat, []).append(row)


def _status(row: SheetRow) -> str:
    if row.errors:
        return "invalid"
    if row.focal_point.pk and not row.changed_fields and not row.designation_changes:
        return "unchanged"
    # A row that only adds (a person, a designation) is new; one that alters what the
    # directory already holds is changed.
    if row.creates_person or (not row.changed_fields and row.designation_changes in ([], ["new"])):
        return "new"
    return "changed"


def _notes(row: SheetRow) -> list[str]:
    notes = []
    if row.creates_person:
        notes.append(_("new person"))
    elif row.changed_fields:
        labels = ", ".join(str(COLUMNS_BY_KEY[key].label) for key in row.changed_fields)
        notes.append(_("changed: %(columns)s") % {"columns": labels})
    if row.designation_changes == ["new"]:
        notes.append(_("new designation"))
    elif row.designation_changes:
        notes.append(_("designation changed"))
    return notes


def plan_rows(rows: list[SheetRow], *, directory: Directory) -> None:
    """Decide each valid row's outcome and check it against the model's rules."""
    people = dict(directory.people)
    for row in rows:
        if not row.errors:
            _plan_person(row, people)
        if not row.errors:
            _plan_designation(row, directory)
    _check_seats(rows, directory)
    for row in rows:
        row.status = _status(row)
        row.notes = _notes(row) if row.status != "invalid" else []

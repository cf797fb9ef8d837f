"""Turn the cells of a sheet into checked person and designation values, with their errors.

Nothing here touches the database: the names a row refers to come in a Lookups, so every
rule of a single row, and of rows against each other in the file, is tested without one.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from focal_points.models import Country, Designation, FocalPoint, WorkingGroup
from focal_points.sheets.cells import Lookups
from focal_points.sheets.columns import COLUMNS_BY_KEY, DESIGNATION_KEYS, PERSON_KEYS


@dataclass
class DesignationValues:
    """The designation a row asks for, in the keywords of services.designation_import()."""

    working_group: WorkingGroup
    country: Country
    role: str
    starts_on: date
    ends_on: date | None = None
    letter_reference: str = ""
    letter_date: date | None = None

    def as_kwargs(self) -> dict:
        """Return the values as keyword arguments, the records themselves not copied."""
        return dict(vars(self))


@dataclass
class SheetRow:
    """One data row: its cells, what they mean, and what is wrong with them."""

    number: int  # 1 for the first data row
    cells: dict[str, str]
    # The person's fields, only for the columns the file has: a missing column changes nothing.
    person: dict[str, object]
    designation: DesignationValues | None
    errors: list[str] = field(default_factory=list)
    # Filled in by plan.plan_rows(): "new", "changed", "unchanged" or "invalid", the notes
    # the preview shows, and what the import writes.
    status: str = ""
    notes: list[str] = field(default_factory=list)
    focal_point: FocalPoint | None = None
    creates_person: bool = False
    changed_fields: list[str] = field(default_factory=list)
    existing_designation: Designation | None = None
    designation_record: Designation | None = None
    designation_changes: list[str] = field(default_factory=list)

    @property
    def line(self) -> int:
        """Return the line in the spreadsheet: the header is line 1."""
        return self.number + 1

    @property
    def email_key(self) -> str:
        """Return the e-mail that identifies the person: capitals never matter."""
        return str(self.person.get("email", "")).lower()

    @property
    def name(self) -> str:
        return f"{self.cells.get('given_name', '')} {self.cells.get('family_name', '')}".strip()


def _messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def parse_row(number: int, cells: dict[str, str], *, lookups: Lookups) -> SheetRow:
    """Read one row's cells into values; every problem found becomes one of its errors."""
    errors: list[str] = []
    person: dict[str, object] = {}
    for key in PERSON_KEYS:
        if key in cells:
            try:
                person[key] = COLUMNS_BY_KEY[key].read(cells[key], person, lookups)
            except ValidationError as error:
                errors += _messages(error)
    # The country only serves to find the institution and read national phone numbers.
    country_known = "country" in person
    country = person.pop("country", None)
    designation = None
    if not cells.get("group"):
        extra = [key for key in DESIGNATION_KEYS[1:] if cells.get(key)]
        if extra:
            errors.append(
                _("%(columns)s given without a working group.")
                % {"columns": ", ".join(str(COLUMNS_BY_KEY[key].label) for key in extra)}
            )
    else:
        values: dict[str, object] = {"country": country} if country_known else {}
        for key in DESIGNATION_KEYS:
            try:
                values[key] = COLUMNS_BY_KEY[key].read(cells.get(key, ""), values, lookups)
            except ValidationError as error:
                errors += _messages(error)
        starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            errors.append(_("The end date cannot be before the start date."))
        if not errors:
            designation = DesignationValues(
                working_group=values["group"],
                country=values["designation_country"],
                role=values["role"],
                starts_on=starts_on,
                ends_on=ends_on,
                letter_reference=values["letter_reference"],
                letter_date=values["letter_date"],
            )
    return SheetRow(number, cells, person, designation, errors)


def _signature(row: SheetRow) -> tuple:
    # What must be the same on every row of one person; the e-mail's capitals need not be.
    return tuple(
        str(value).lower() if key == "email" else str(value) for key, value in row.person.items()
    )


def check_rows_agree(rows: list[SheetRow]) -> None:
    """Add an error to rows that contradict an earlier row of the same person or seat."""
    first_of_person: dict[str, SheetRow] = {}
    first_of_designation: dict[tuple, SheetRow] = {}
    for row in rows:
        first = first_of_person.setdefault(row.email_key, row)
        if row.errors:
            continue
        if first is not row and _signature(first) != _signature(row):
            message = (
                _(
                    "This person's details differ from row %(row)s of the file: give the same "
                    "details on every row of one person."
                )
                if first.person["email"] == row.person["email"]
                else _(
                    "This person's details differ from row %(row)s of the file, whose e-mail is "
                    "the same (the e-mails match ignoring capitals): give the same details on "
                    "every row of one person."
                )
            )
            row.errors.append(message % {"row": first.line})
            continue
        designation = row.designation
        if designation is not None:
            seat = (
                row.email_key,
                designation.working_group.pk,
                designation.country.pk,
                designation.role,
                designation.starts_on,
            )
            earlier = first_of_designation.setdefault(seat, row)
            if earlier is not row:
                row.errors.append(
                    _("This row repeats the designation of row %(row)s of the file.")
                    % {"row": earlier.line}
                )


def parse_rows(records: list[dict[str, str]], *, lookups: Lookups) -> list[SheetRow]:
    """Read every row of a sheet and check the rows against each other."""
    rows = [parse_row(number, cells, lookups=lookups) for number, cells in enumerate(records, 1)]
    check_rows_agree(rows)
    return rows

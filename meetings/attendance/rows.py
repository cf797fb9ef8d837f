"""Columns of the attendance sheet, and each row read into checked values with its errors.

Nothing here queries the database: the countries a row may name come in a dict, so every rule
of one row, and of rows against each other, is tested without one.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import fold
from focal_points.sheets.reading import SheetError
from meetings.models import Participant

MAX_ROWS = 2000
CELL_MAX_LENGTH = 255
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy, read in each language for the header aliases
    help: object
    required: bool = False


COLUMNS = (
    Column(
        "email",
        gettext_lazy("E-mail"),
        gettext_lazy("Matches the directory (capitals ignored)."),
        True,
    ),
    Column(
        "name",
        gettext_lazy("Name"),
        gettext_lazy("Full name; needed for people not in the directory."),
        True,
    ),
    Column(
        "institution", gettext_lazy("Institution"), gettext_lazy("For people not in the directory.")
    ),
    Column(
        "country",
        gettext_lazy("Delegation of"),
        gettext_lazy("ISO code (CR) or name of the country."),
    ),
    Column(
        "organization",
        gettext_lazy("Observer or organization"),
        gettext_lazy("For people who do not come for a country."),
    ),
    Column(
        "role",
        gettext_lazy("Role"),
        gettext_lazy(
            "Head of delegation, delegate, observer, civil society, speaker or Technical "
            "Secretariat; empty: delegate."
        ),
    ),
    Column(
        "attended_on",
        gettext_lazy("Date"),
        gettext_lazy("The first day attended, e.g. 2026-03-14 or 14/03/2026."),
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


@dataclass
class AttendanceRow:
    """One data row: its cells, what they mean, and what is wrong with them."""

    number: int  # 1 for the first data row
    cells: dict[str, str]
    email: str = ""
    name: str = ""
    institution: str = ""
    country: object = None
    organization: str = ""
    role: str = Participant.Role.DELEGATE
    attended_on: date | None = None
    errors: list[str] = field(default_factory=list)
    # Filled in by the importer: "new", "changed", "unchanged" or "invalid".
    status: str = ""
    focal_point: object = None
    participant: Participant | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def line(self) -> int:
        """Return the line in the spreadsheet: the header is line 1."""
        return self.number + 1

    @property
    def email_key(self) -> str:
        return self.email.lower()


def _aliases() -> dict[str, str]:
    aliases = {column.key: column.key for column in COLUMNS}
    for language in ("es", "en"):
        with translation.override(language):
            for column in COLUMNS:
                aliases[fold(str(column.label)).strip()] = column.key
    return aliases


def records_from_table(rows: list[list[str]]) -> list[dict[str, str]]:
    """Map the header row to columns and return the data rows as cells by column key."""
    headers = list(rows[0])
    while headers and not headers[-1]:
        headers.pop()
    aliases = _aliases()
    keys = [aliases.get(fold(header).strip()) for header in headers]
    unknown = [
        h or "(" + _("empty header") + ")" for h, k in zip(headers, keys, strict=True) if not k
    ]
    duplicated = sorted({key for key in keys if key and keys.count(key) > 1})
    missing = [column for column in COLUMNS if column.required and column.key not in keys]
    problems = []
    if missing:
        problems.append(
            _("Missing columns: %(columns)s.")
            % {"columns": ", ".join(f"“{column.label}”" for column in missing)}
        )
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s.") % {"columns": ", ".join(f"“{h}”" for h in unknown)}
        )
    if duplicated:
        problems.append(
            _("Columns given twice: %(columns)s.")
            % {"columns": ", ".join(f"“{COLUMNS_BY_KEY[key].label}”" for key in duplicated)}
        )
    if problems:
        raise SheetError(" ".join(problems))
    if len(rows) == 1:
        raise SheetError(_("The file has a header row but no data rows."))
    if len(rows) - 1 > MAX_ROWS:
        raise SheetError(_("The file has more than %(count)d rows.") % {"count": MAX_ROWS})
    width = len(keys)
    records = []
    for row in rows[1:]:
        if any(row[width:]):
            raise SheetError(_("Some rows have values beyond the last column of the header row."))
        records.append(dict(zip(keys, (list(row) + [""] * width)[:width], strict=True)))
    return records


def _role(value: str) -> str:
    wanted = fold(value).strip()
    for code, label in Participant.Role.choices:
        names = {fold(code)}
        for language in ("es", "en"):
            with translation.override(language):
                names.add(fold(str(label)).strip())
        if wanted in names:
            return code
    raise ValidationError(
        _("“%(value)s” is not a role. Use one of: %(roles)s.")
        % {
            "value": value,
            "roles": ", ".join(str(label) for _code, label in Participant.Role.choices),
        }
    )


def _date(value: str, starts_on: date, ends_on: date) -> date:
    for pattern in DATE_FORMATS:
        try:
            day = datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        if not starts_on <= day <= ends_on:
            raise ValidationError(
                _("The date %(day)s is not a day of the meeting (%(start)s to %(end)s).")
                % {
                    "day": day.isoformat(),
                    "start": starts_on.isoformat(),
                    "end": ends_on.isoformat(),
                }
            )
        return day
    raise ValidationError(
        _("“%(value)s” is not a date. Write it as 2026-03-14 or 14/03/2026.") % {"value": value}
    )


def parse_row(number: int, cells: dict[str, str], *, countries: dict, meeting) -> AttendanceRow:
    """Read one row's cells into values; every problem found becomes one of its errors."""
    row = AttendanceRow(number, cells)
    for key, value in cells.items():
        if len(value) > CELL_MAX_LENGTH:
            row.errors.append(
                _("“%(column)s” is longer than %(limit)d characters.")
                % {"column": COLUMNS_BY_KEY[key].label, "limit": CELL_MAX_LENGTH}
            )
            cells[key] = value[:CELL_MAX_LENGTH]
    row.email = cells.get("email", "").strip()
    row.name = " ".join(cells.get("name", "").split())
    row.institution = cells.get("institution", "").strip()
    row.organization = cells.get("organization", "").strip()
    if not row.email:
        row.errors.append(
            _(
                "The e-mail is missing: people are matched to the directory by it, and guests "
                "are recorded with it."
            )
        )
    else:
        try:
            validate_email(row.email)
        except ValidationError:
            row.errors.append(_("“%(value)s” is not an e-mail address.") % {"value": row.email})
    country = cells.get("country", "").strip()
    if country:
        row.country = countries.get(fold(country).strip()) or countries.get(country.upper())
        if row.country is None:
            row.errors.append(_("Unknown country: “%(value)s”.") % {"value": country})
    if row.country is not None and row.organization:
        row.errors.append(
            _("A participant comes for a country or for an observer or organization, not both.")
        )
    for key, reader in (
        ("role", _role),
        ("attended_on", lambda value: _date(value, meeting.starts_on, meeting.ends_on)),
    ):
        value = cells.get(key, "").strip()
        if value:
            try:
                setattr(row, key, reader(value))
            except ValidationError as error:
                row.errors.extend(error.messages)
    return row


def parse_rows(records: list[dict[str, str]], *, countries: dict, meeting) -> list[AttendanceRow]:
    """Read every row, then mark the rows that repeat an earlier row's e-mail."""
    rows = [
        parse_row(number, dict(cells), countries=countries, meeting=meeting)
        for number, cells in enumerate(records, start=1)
    ]
    seen: dict[str, int] = {}
    for row in rows:
        if not row.email_key:
            continue
        if row.email_key in seen:
            row.errors.append(
                _("The same person as on line %(line)d (same e-mail).")
                % {"line": seen[row.email_key]}
            )
        else:
            seen[row.email_key] = row.line
    return rows

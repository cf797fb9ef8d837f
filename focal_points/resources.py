"""Spreadsheets of the directory: export, documented template, and import with preview.

Row shape (export, template and import alike): one row per person x designation. A person
with three designations fills three rows repeating the person's columns; a person without
designation fills one row whose designation columns (group to letter date) are empty.

Headers are the translated labels of COLUMNS in the export language; an import accepts the
headers of either language (or the column keys), so an English file imports in Spanish.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

import openpyxl
import phonenumbers
import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import resources
from import_export.results import RowResult
from phonenumber_field.phonenumber import PhoneNumber

from core.lookups import Fold
from core.text import fold
from focal_points.models import (
    Country,
    Designation,
    FocalPoint,
    Institution,
    Language,
    WorkingGroup,
)
from focal_points.services import (
    designation_import,
    directory_import_insert,
    focal_point_import,
    focal_point_import_clean,
)

IMPORT_REASON = "spreadsheet import"
MAX_IMPORT_BYTES = 20 * 2**20
# A cell that starts with one of these is a formula to Excel and LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy translation: resolved inside translation.override()
    required: bool
    help: object
    text: bool = False  # free text: neutralised against formulas on export


COLUMNS = [
    Column(
        "email",
        gettext_lazy("E-mail"),
        True,
        gettext_lazy("The person's main address; identifies the person (capitals ignored)."),
        text=True,
    ),
    Column("given_name", gettext_lazy("Given names"), True, gettext_lazy("Text."), text=True),
    Column("family_name", gettext_lazy("Family names"), True, gettext_lazy("Text."), text=True),
    Column(
        "honorific",
        gettext_lazy("Honorific"),
        False,
        gettext_lazy("One of the codes listed below, or empty."),
    ),
    Column(
        "position_es", gettext_lazy("Position (Spanish)"), False, gettext_lazy("Text."), text=True
    ),
    Column(
        "position_en", gettext_lazy("Position (English)"), False, gettext_lazy("Text."), text=True
    ),
    Column(
        "country",
        gettext_lazy("Country (ISO code)"),
        True,
        gettext_lazy(
            "Two-letter ISO code of the institution's country, e.g. CR (list below);"
            " empty for an international organization. Phone numbers without +country code"
            " are read as numbers of this country."
        ),
    ),
    Column(
        "institution",
        gettext_lazy("Institution"),
        True,
        gettext_lazy(
            "Name (Spanish or English) or acronym of an institution already in "
            "the directory for that country."
        ),
        text=True,
    ),
    Column(
        "phone",
        gettext_lazy("Phone"),
        False,
        gettext_lazy("International (+506 2222 3333) or national format; stored as +50622223333."),
    ),
    Column("mobile", gettext_lazy("Mobile"), False, gettext_lazy("Like the phone.")),
    Column("fax", gettext_lazy("Fax"), False, gettext_lazy("Like the phone.")),
    Column(
        "postal_address", gettext_lazy("Postal address"), False, gettext_lazy("Text."), text=True
    ),
    Column(
        "languages",
        gettext_lazy("Languages spoken"),
        False,
        gettext_lazy("Language codes separated by commas, e.g. es, en (list below)."),
    ),
    Column(
        "preferred_language",
        gettext_lazy("Preferred language"),
        False,
        gettext_lazy("es or en; empty means es."),
    ),
    Column(
        "public_listing_consent",
        gettext_lazy("Listed publicly"),
        False,
        gettext_lazy("yes or no (sí/no also accepted); empty means no."),
    ),
    Column(
        "last_verified_on",
        gettext_lazy("Last verified on"),
        False,
        gettext_lazy("Date as YYYY-MM-DD (or DD/MM/YYYY, or a date cell)."),
    ),
    Column(
        "group",
        gettext_lazy("Working group"),
        False,
        gettext_lazy(
            "Acronym or name (Spanish or English) of the group (list below). Empty "
            "for a person without designation: then leave the next columns empty "
            "too."
        ),
        text=True,
    ),
    Column(
        "designation_country",
        gettext_lazy("Designation country (ISO code)"),
        False,
        gettext_lazy(
            "The country the person represents in the group; empty means the institution's country."
        ),
    ),
    Column(
        "role",
        gettext_lazy("Role"),
        False,
        gettext_lazy("Required with a group: one of the codes listed below."),
    ),
    Column(
        "starts_on",
        gettext_lazy("Starts on"),
        False,
        gettext_lazy("Required with a group. Date as YYYY-MM-DD."),
    ),
    Column(
        "ends_on",
        gettext_lazy("Ends on"),
        False,
        gettext_lazy("Date as YYYY-MM-DD; empty means until further notice."),
    ),
    Column(
        "letter_reference",
        gettext_lazy("Letter reference"),
        False,
        gettext_lazy("Reference of the note verbale or letter of designation."),
        text=True,
    ),
    Column("letter_date", gettext_lazy("Letter date"), False, gettext_lazy("Date as YYYY-MM-DD.")),
]
COLUMN_KEYS = [column.key for column in COLUMNS]
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
PERSON_KEYS = COLUMN_KEYS[: COLUMN_KEYS.index("group")]
DESIGNATION_KEYS = COLUMN_KEYS[COLUMN_KEYS.index("group") :]
PHONE_KEYS = ("phone", "mobile", "fax")
DATE_KEYS = ("last_verified_on", "starts_on", "ends_on", "letter_date")
YES = {"yes", "y", "si", "s", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


class SheetError(Exception):
    """A file-level problem: the whole file is refused with this message."""


# ----------------------------------------------------------------------------- helpers


def neutralise_formula(value: str) -> str:
    """Prefix a free-text cell that a spreadsheet would run as a formula with a quote."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _unquote(value: str) -> str:
    # Undo neutralise_formula() so an exported file re-imports unchanged.
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def header_labels(language: str) -> list[str]:
    """Return the header row in the given language."""
    with translation.override(language):
        return [str(column.label) for column in COLUMNS]


def _header_aliases() -> dict[str, str]:
    aliases = {}
    for language in ("es", "en"):
        for key, label in zip(COLUMN_KEYS, header_labels(language), strict=True):
            aliases[fold(label).strip()] = key
    for key in COLUMN_KEYS:
        aliases[key] = key
    return aliases


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores a phone typed without + as a number: 50622223333.0
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


# ----------------------------------------------------------------------------- reading


def _decode_csv(data: bytes) -> tuple[str, str | None]:
    """Return the text of a CSV and, if it was not UTF-8, a note for the person."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page: Windows-1252 in the Americas.
        return data.decode("cp1252", errors="replace"), _(
            "The file was not saved as UTF-8: it was read as Windows-1252 (Western European)."
            " Check the accents in the preview."
        )


def _read_csv(data: bytes) -> tuple[list[list], str | None]:
    text, note = _decode_csv(data)
    if "\x00" in text:
        raise SheetError(_("This file is not a spreadsheet. Upload an .xlsx or .csv file."))
    first_line = text.split("\n", 1)[0]
    # Excel in Spanish saves CSV with semicolons: take the separator the header line uses.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), note


def _read_xlsx(data: bytes) -> list[list]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise SheetError(
            _("This spreadsheet is damaged and cannot be read. Save it again as .xlsx.")
        ) from error
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise SheetError(
                _("This is a Word document, not a spreadsheet. Upload an .xlsx or .csv file.")
            )
        raise SheetError(_("This file is not a spreadsheet. Upload an .xlsx or .csv file."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise SheetError(
            _("This spreadsheet is damaged and cannot be read. Save it again as .xlsx.")
        ) from error
    try:
        # The first sheet holds the data; the template's instructions sit on the second.
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_sheet(data: bytes, filename: str = "") -> tuple[tablib.Dataset, list[str]]:
    """Read an uploaded .xlsx or .csv into a dataset keyed by column keys, or raise SheetError.

    Return the dataset and notes about the file for the person (e.g. its encoding).
    """
    notes = []
    if not data.strip():
        raise SheetError(_("The file is empty."))
    if len(data) > MAX_IMPORT_BYTES:
        raise SheetError(_("The file is larger than 20 MB. Split it into several files."))
    if data.startswith(b"%PDF"):
        raise SheetError(
            _("This is a PDF document, not a spreadsheet. Upload an .xlsx or .csv file.")
        )
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise SheetError(_("This is an image, not a spreadsheet. Upload an .xlsx or .csv file."))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError(
            _("This is an old Excel 97-2003 (.xls) file. Save it as .xlsx and upload it again.")
        )
    if data.startswith(b"PK\x03\x04"):
        rows = _read_xlsx(data)
    elif filename.lower().endswith((".xlsx", ".xlsm", ".docx", ".ods")):
        raise SheetError(_("This file is not a spreadsheet. Upload an .xlsx or .csv file."))
    else:
        rows, note = _read_csv(data)
        if note:
            notes.append(note)
    rows = [[_cell_text(value) for value in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise SheetError(_("The file is empty."))
    headers = rows[0]
    while headers and not headers[-1]:
        headers.pop()
    aliases = _header_aliases()
    keys, unknown = [], []
    for header in headers:
        key = aliases.get(fold(header).strip())
        if key is None:
            unknown.append(header or "(" + _("empty header") + ")")
        keys.append(key)
    duplicated = sorted({key for key in keys if key and keys.count(key) > 1})
    missing = [column for column in COLUMNS if column.required and column.key not in keys]
    if "group" in keys:
        missing += [COLUMNS_BY_KEY[k] for k in ("role", "starts_on") if k not in keys]
    problems = []
    if missing:
        problems.append(
            _("Missing columns: %(columns)s.")
            % {"columns": ", ".join(f"“{column.label}”" for column in missing)}
        )
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s.")
            % {"columns": ", ".join(f"“{header}”" for header in unknown)}
        )
    if duplicated:
        problems.append(
            _("Columns given twice: %(columns)s.")
            % {"columns": ", ".join(f"“{COLUMNS_BY_KEY[key].label}”" for key in duplicated)}
        )
    if problems:
        problems.append(
            _("Use the header row of the template (in Spanish or English); do not rename it.")
        )
        raise SheetError(" ".join(problems))
    if len(rows) == 1:
        raise SheetError(_("The file has a header row but no data rows."))
    dataset = tablib.Dataset(headers=keys)
    width = len(keys)
    for row in rows[1:]:
        if any(row[width:]):
            raise SheetError(_("Some rows have values beyond the last column of the header row."))
        dataset.append((row + [""] * width)[:width])
    return dataset, notes


# ----------------------------------------------------------------------------- export


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _group_label(group: WorkingGroup) -> str:
    return group.acronym_es or group.acronym_en or group.name_es


def _phone(number) -> str:
    return number.as_e164 if number else ""


def export_rows(queryset=None):
    """Yield one dict per person x designation, values in the active language."""
    if queryset is None:
        queryset = FocalPoint.objects.all()
    queryset = (
        queryset.select_related("institution__country")
        .prefetch_related(
            Prefetch(
                "designations",
                queryset=Designation.objects.select_related("working_group", "country").order_by(
                    "starts_on", "pk"
                ),
            )
        )
        .order_by(Fold("family_name"), Fold("given_name"), "pk")
    )
    for person in queryset.iterator(chunk_size=2000):
        institution = person.institution
        base = {
            "email": person.email,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "honorific": person.honorific,
            "position_es": person.position_es or "",
            "position_en": person.position_en or "",
            "country": institution.country.iso_code if institution.country_id else "",
            "institution": institution.name_es,
            "phone": _phone(person.phone),
            "mobile": _phone(person.mobile),
            "fax": _phone(person.fax),
            "postal_address": person.postal_address,
            "languages": ", ".join(person.languages),
            "preferred_language": person.preferred_language,
            "public_listing_consent": _yes_no(person.public_listing_consent),
            "last_verified_on": person.last_verified_on,
        }
        designations = list(person.designations.all())
        if not designations:
            yield {**base, **dict.fromkeys(DESIGNATION_KEYS, "")}
        for designation in designations:
            yield {
                **base,
                "group": _group_label(designation.working_group),
                "designation_country": designation.country.iso_code,
                "role": designation.role,
                "starts_on": designation.starts_on,
                "ends_on": designation.ends_on,
                "letter_reference": designation.letter_reference,
                "letter_date": designation.letter_date,
            }


def export_dataset(queryset=None, *, language: str) -> tablib.Dataset:
    """Return the directory as a dataset with headers and values in the given language."""
    # Export inside translation.override(): headers and yes/no come from lazy translations.
    with translation.override(language):
        dataset = tablib.Dataset(headers=header_labels(language))
        for row in export_rows(queryset):
            values = []
            for column in COLUMNS:
                value = row[column.key]
                if value is None:
                    value = ""
                elif column.text:
                    value = neutralise_formula(value)
                values.append(value)
            dataset.append(values)
        dataset.title = _("Directory")[:31]
    return dataset


def template_workbook(language: str) -> bytes:
    """Return the import template: a header row and an instructions sheet, in one language."""
    from openpyxl.styles import Font

    with translation.override(language):
        workbook = openpyxl.Workbook()
        data = workbook.active
        data.title = _("Directory")[:31]
        data.append(header_labels(language))
        for cell in data[1]:
            cell.font = Font(bold=True)
        data.freeze_panes = "A2"
        help_sheet = workbook.create_sheet(_("Instructions")[:31])
        bold = Font(bold=True)

        def section(title, headers, rows):
            if help_sheet.max_row > 1:
                help_sheet.append([])
            help_sheet.append([title])
            help_sheet.cell(help_sheet.max_row, 1).font = Font(bold=True, size=13)
            help_sheet.append(headers)
            for cell in help_sheet[help_sheet.max_row]:
                cell.font = bold
            for row in rows:
                help_sheet.append([neutralise_formula(str(value)) for value in row])

        help_sheet.append(
            [
                _(
                    "Fill the first sheet, one row per person and designation; keep its header row."
                    " A person without designation takes one row with the group columns empty. A"
                    " person with several designations takes one row for each, repeating the same"
                    " person's details. People are recognised by their e-mail: existing entries"
                    " are updated, never duplicated. Save as .xlsx, or as CSV (UTF-8 preferred)."
                )
            ]
        )
        section(
            _("Columns"),
            [_("Column"), _("Required"), _("Format and allowed values")],
            [(column.label, _yes_no(column.required), column.help) for column in COLUMNS],
        )
        section(
            _("Roles"),
            [_("Code"), _("Meaning")],
            [(value, label) for value, label in Designation.Role.choices],
        )
        section(
            _("Honorifics"),
            [_("Code"), _("Meaning")],
            [(value, label) for value, label in FocalPoint.Honorific.choices],
        )
        section(
            _("Languages"),
            [_("Code"), _("Meaning")],
            [(value, label) for value, label in Language.choices],
        )
        section(
            _("Countries"),
            [_("Code"), _("Name")],
            [(country.iso_code, country.name) for country in Country.objects.by_name()],
        )
        section(
            _("Working groups"),
            [_("Code"), _("Name")],
            [(_group_label(group), group.name) for group in WorkingGroup.objects.by_name()],
        )
        help_sheet.column_dimensions["A"].width = 38
        help_sheet.column_dimensions["B"].width = 40
        help_sheet.column_dimensions["C"].width = 90
        for index in range(1, len(COLUMNS) + 1):
            data.column_dimensions[openpyxl.utils.get_column_letter(index)].width = 22
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- import


class DirectoryResource(resources.ModelResource):
    """Import rows of people and designations, matched by e-mail and seat; export the same."""

    class Meta:
        model = FocalPoint
        fields = ()
        use_transactions = True
        # Every row is saved on its own through the services (row-level results, history
        # triggers, full validation). use_bulk=True is set only because it is the switch that
        # stops import-export wrapping each row in a savepoint (two queries a row): rows are
        # validated before they write, and one invalid row rolls the whole file back.
        # save_instance() below never fills the bulk lists, so nothing is bulk-saved.
        use_bulk = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        # The preview lists what changes from our own comparison: no deepcopy diff per row.
        skip_diff = True
        skip_html_diff = True
        # The preview shows each row's name, e-mail and group.
        store_row_values = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.row_notes: dict[int, str] = {}
        self.writes = 0
        self.choice_maps: dict[str, dict[str, str]] = {}

    # -- export: the admin and the tests both call export()

    def export(self, queryset=None, **kwargs):
        return export_dataset(queryset, language=translation.get_language() or "es")

    # -- lookups, loaded once per import

    def before_import(self, dataset, **kwargs):
        missing = [key for key in ("email", "country", "institution") if key not in dataset.headers]
        if missing:
            raise SheetError(_("The dataset lacks the columns %s.") % ", ".join(missing))
        self.countries = {country.iso_code: country for country in Country.objects.all()}
        self.groups: dict[str, list[WorkingGroup]] = {}
        for group in WorkingGroup.objects.all():
            names = {group.name_es, group.name_en, group.acronym_es, group.acronym_en}
            for name in {fold(n).strip() for n in names if n}:
                self.groups.setdefault(name, []).append(group)
        self.institutions: dict[tuple, list[Institution]] = {}
        for institution in Institution.objects.all():
            names = {
                institution.name_es,
                institution.name_en,
                institution.acronym_es,
                institution.acronym_en,
            }
            for name in {fold(n).strip() for n in names if n}:
                self.institutions.setdefault((institution.country_id, name), []).append(institution)
        emails = {str(email).strip().lower() for email in dataset["email"] if email}
        self.people: dict[str, FocalPoint] = {}
        self.designations: dict[tuple, Designation] = {}
        email_list = sorted(emails)
        for start in range(0, len(email_list), 5000):
            chunk = email_list[start : start + 5000]
            people = FocalPoint.objects.annotate(email_lower=Lower("email")).filter(
                email_lower__in=chunk
            )
            if not kwargs.get("dry_run"):
                # Hold the people the file updates until the import commits: an edit made
                # meanwhile waits instead of being silently overwritten.
                people = people.select_for_update(of=("self",))
            for person in people:
                self.people[person.email_lower] = person
        person_ids = [person.pk for person in self.people.values()]
        for start in range(0, len(person_ids), 5000):
            for designation in Designation.objects.filter(
                focal_point_id__in=person_ids[start : start + 5000]
            ):
                self.designations[self._seat_key(designation)] = designation
        # In-file bookkeeping: the first row of each person and of each designation.
        self.person_rows: dict[str, tuple[int, tuple]] = {}
        self.designation_rows: dict[tuple, int] = {}
        self.file_principals: dict[tuple, list] = {}
        self.new_people: list[FocalPoint] = []
        self.new_designations: list[Designation] = []

    @staticmethod
    def _seat_key(designation: Designation) -> tuple:
        return (
            designation.focal_point_id,
            designation.working_group_id,
            designation.country_id,
            designation.role,
            designation.starts_on,
        )

    def get_instance(self, instance_loader, row):
        email = (row.get("email") or "").strip().lower()
        return self.people.get(email)

    # -- parsing one row

    def _parse_date(self, value: str, key: str, errors: dict):
        if not value:
            return None
        for parse in (
            date.fromisoformat,
            lambda text: datetime.strptime(text, "%d/%m/%Y").date(),
        ):
            try:
                return parse(value[:10] if "-" in value else value)
            except ValueError:
                continue
        errors.setdefault(key, []).append(
            _("%(column)s: “%(value)s” is not a date; write it as YYYY-MM-DD.")
            % {"column": COLUMNS_BY_KEY[key].label, "value": value}
        )
        return None

    def _parse_phone(self, value: str, key: str, region: str | None, errors: dict):
        if not value:
            return ""
        try:
            number = PhoneNumber.from_string(value, region=region)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not number.is_valid():
            message = (
                _("%(column)s: “%(value)s” is not a valid phone number for %(country)s.")
                if region
                else _(
                    "%(column)s: “%(value)s” is not a valid international phone number: start "
                    "it with + and the country code."
                )
            )
            errors.setdefault(key, []).append(
                message % {"column": COLUMNS_BY_KEY[key].label, "value": value, "country": region}
            )
            return ""
        return number.as_e164

    @staticmethod
    def _choice_map(choices) -> dict[str, str]:
        mapping = {}
        for language in ("es", "en"):
            with translation.override(language):
                mapping.update({fold(str(label)).strip(): code for code, label in choices})
        mapping.update({code: code for code, _label in choices})
        return mapping

    def _parse_choice(self, value: str, key: str, choices, errors: dict) -> str:
        mapping = self.choice_maps.get(key)
        if mapping is None:
            mapping = self.choice_maps[key] = self._choice_map(choices)
        code = mapping.get(fold(value).strip())
        if code is None:
            errors.setdefault(key, []).append(
                _("%(column)s: “%(value)s” is not allowed; use one of %(codes)s.")
                % {
                    "column": COLUMNS_BY_KEY[key].label,
                    "value": value,
                    "codes": ", ".join(code for code, _label in choices),
                }
            )
            return ""
        return code

    def _parse_person(self, row: dict, errors: dict) -> dict:
        values = {}
        email = row["email"].strip()
        if not email:
            errors.setdefault("email", []).append(_("The e-mail is required."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors.setdefault("email", []).append(
                    _("“%(value)s” is not a valid e-mail address.") % {"value": email}
                )
        values["email"] = email
        for key in ("given_name", "family_name"):
            values[key] = _unquote(row[key])
            if not values[key]:
                errors.setdefault(key, []).append(
                    _("%(column)s is required.") % {"column": COLUMNS_BY_KEY[key].label}
                )
        iso = row["country"].strip().upper()
        country = self.countries.get(iso)
        # An empty country means an international organization (IOM, UNHCR...): its
        # institutions belong to no country.
        country_known = country is not None or not iso
        if not country_known:
            errors.setdefault("institution", []).append(
                _("Unknown country “%(value)s”: use a two-letter ISO code from the template.")
                % {"value": row["country"]}
            )
        self.row_country = country
        name = fold(_unquote(row["institution"])).strip()
        matches = self.institutions.get((country.pk if country else None, name), [])
        where = country.name if country else _("international organizations")
        if not row["institution"]:
            errors.setdefault("institution", []).append(
                _("%(column)s is required.") % {"column": COLUMNS_BY_KEY["institution"].label}
            )
        elif country_known and len(matches) != 1:
            message = (
                _(
                    "Unknown institution “%(value)s” in %(country)s: add it to the directory "
                    "first, or use its name as written there."
                )
                if not matches
                else _(
                    "“%(value)s” matches several institutions in %(country)s: use the full name."
                )
            )
            errors.setdefault("institution", []).append(
                message % {"value": row["institution"], "country": where}
            )
        values["institution"] = matches[0] if len(matches) == 1 else None
        for key in PHONE_KEYS:
            # Without a known country a national number cannot be read: the country's error
            # is enough, the phones are read once it is corrected.
            if key in row and country_known:
                values[key] = self._parse_phone(row[key], key, country and iso, errors)
        for key in ("position_es", "position_en", "postal_address"):
            if key in row:
                values[key] = _unquote(row[key])
        if "honorific" in row:
            values["honorific"] = (
                self._parse_choice(
                    row["honorific"], "honorific", FocalPoint.Honorific.choices, errors
                )
                if row["honorific"]
                else ""
            )
        if "languages" in row:
            codes = row["languages"].replace(";", ",").replace(" ", ",").split(",")
            values["languages"] = [
                self._parse_choice(code, "languages", Language.choices, errors)
                for code in codes
                if code.strip()
            ]
        if "preferred_language" in row:
            values["preferred_language"] = (
                self._parse_choice(
                    row["preferred_language"],
                    "preferred_language",
                    [c for c in Language.choices if c[0] != "fr"],
                    errors,
                )
                if row["preferred_language"]
                else "es"
            )
        if "public_listing_consent" in row:
            answer = fold(row["public_listing_consent"]).strip()
            if answer not in YES | NO:
                errors.setdefault("public_listing_consent", []).append(
                    _("%(column)s: write yes or no.")
                    % {"column": COLUMNS_BY_KEY["public_listing_consent"].label}
                )
            values["public_listing_consent"] = answer in YES
        if "last_verified_on" in row:
            values["last_verified_on"] = self._parse_date(
                row["last_verified_on"], "last_verified_on", errors
            )
        return values

    def _parse_designation(self, row: dict, person_country, errors: dict) -> dict | None:
        if not row.get("group"):
            extra = [key for key in DESIGNATION_KEYS[1:] if row.get(key)]
            if extra:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    _("%(columns)s given without a working group.")
                    % {"columns": ", ".join(str(COLUMNS_BY_KEY[k].label) for k in extra)}
                )
            return None
        values = {}
        groups = self.groups.get(fold(_unquote(row["group"])).strip(), [])
        if len(groups) != 1:
            message = (
                _("Unknown working group “%(value)s”: use an acronym or name from the template.")
                if not groups
                else _("“%(value)s” matches several working groups: use the full name.")
            )
            errors.setdefault("working_group", []).append(message % {"value": row["group"]})
        values["working_group"] = groups[0] if len(groups) == 1 else None
        iso = (row.get("designation_country") or "").strip().upper()
        if iso:
            values["country"] = self.countries.get(iso)
            if values["country"] is None:
                errors.setdefault("country", []).append(
                    _("Unknown designation country “%(value)s”: use a two-letter ISO code.")
                    % {"value": row["designation_country"]}
                )
        else:
            values["country"] = person_country
            if person_country is None and row["country"].strip() == "":
                errors.setdefault("country", []).append(
                    _(
                        "%(column)s is required for a person of an international organization "
                        "designated in a group."
                    )
                    % {"column": COLUMNS_BY_KEY["designation_country"].label}
                )
        values["role"] = ""
        if not row["role"]:
            errors.setdefault("role", []).append(
                _("%(column)s is required with a working group.")
                % {"column": COLUMNS_BY_KEY["role"].label}
            )
        else:
            values["role"] = self._parse_choice(
                row["role"], "role", Designation.Role.choices, errors
            )
        values["starts_on"] = self._parse_date(row["starts_on"], "starts_on", errors)
        if not row["starts_on"]:
            errors.setdefault("starts_on", []).append(
                _("%(column)s is required with a working group.")
                % {"column": COLUMNS_BY_KEY["starts_on"].label}
            )
        values["ends_on"] = self._parse_date(row.get("ends_on", ""), "ends_on", errors)
        if values["starts_on"] and values["ends_on"] and values["ends_on"] < values["starts_on"]:
            errors.setdefault("ends_on", []).append(
                _("The end date cannot be before the start date.")
            )
        values["letter_reference"] = _unquote(row.get("letter_reference", ""))
        values["letter_date"] = self._parse_date(row.get("letter_date", ""), "letter_date", errors)
        return values

    def import_instance(self, instance, row, **kwargs):
        """Read the row into the person (unsaved) and the designation it asks for."""
        errors: dict = {}
        row_number = kwargs.get("row_number", 0)
        person = self._parse_person(row, errors)
        designation = self._parse_designation(row, self.row_country, errors)
        # Person columns apply to the person, not the designation: compare against the
        # values the same person had on an earlier row of this file.
        email = person["email"].lower()
        signature = tuple(str(person.get(key, "")) for key in PERSON_KEYS if key in person)
        first = self.person_rows.get(email)
        if first and first[1] != signature and not errors:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _(
                    "This person's details differ from row %(row)s of the file: give the same "
                    "details on every row of one person."
                )
                % {"row": first[0] + 1}
            )
        elif not first:
            self.person_rows[email] = (row_number, signature)
        self.changed_fields = []
        for key, value in person.items():
            if key == "email" and instance.pk and instance.email.lower() == value.lower():
                continue  # matched case-insensitively: keep the address as stored
            current = getattr(instance, key if key != "institution" else "institution_id")
            target = value.pk if key == "institution" and value else value
            if key in PHONE_KEYS:
                # Not `if current`: a PhoneNumber's truth value formats and validates it.
                current = current.as_e164 if isinstance(current, PhoneNumber) else current or ""
            if current != target and not (key == "institution" and value is None):
                self.changed_fields.append(key)
                setattr(instance, key, value)
        self.pending_designation = designation
        self.existing_designation = None
        if designation and not errors:
            key = (
                instance.pk,
                designation["working_group"].pk,
                designation["country"].pk,
                designation["role"],
                designation["starts_on"],
            )
            seat_key = (email, *key[1:])
            if seat_key in self.designation_rows:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    _("This row repeats the designation of row %(row)s of the file.")
                    % {"row": self.designation_rows[seat_key] + 1}
                )
            else:
                self.designation_rows[seat_key] = row_number
            if instance.pk:
                self.existing_designation = self.designations.get(key)
        if errors:
            raise ValidationError(errors)

    def _designation_changes(self) -> list[str]:
        designation = self.pending_designation
        existing = self.existing_designation
        if designation is None:
            return []
        if existing is None:
            return ["new"]
        return [
            key
            for key in ("ends_on", "letter_reference", "letter_date")
            if getattr(existing, key) != designation[key]
        ]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        return bool(instance.pk) and not self.changed_fields and not self._designation_changes()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        # The services full_clean() again before saving; errors surface as the row's errors.

    def save_instance(self, instance, is_create, row, **kwargs):
        row_number = kwargs.get("row_number", 0)
        notes = []
        if is_create:
            notes.append(_("new person"))
        elif self.changed_fields:
            notes.append(
                _("changed: %(columns)s")
                % {
                    "columns": ", ".join(
                        str(COLUMNS_BY_KEY[key].label) for key in self.changed_fields
                    )
                }
            )
        designation_changes = self._designation_changes()
        designation = None
        if designation_changes:
            designation = designation_import(
                existing=self.existing_designation, **self.pending_designation
            )
            if designation.role == Designation.Role.PRINCIPAL:
                self._check_file_seat(designation, row_number)
        # Everything is checked before anything is written: an invalid row leaves no trace.
        if is_create:
            focal_point_import_clean(focal_point=instance)
            self.new_people.append(instance)
            self.people[instance.email.lower()] = instance
        elif self.changed_fields:
            focal_point_import(focal_point=instance, fields=self.changed_fields)
            self.writes += 1
        if designation is not None:
            designation.focal_point = instance
            if designation.pk:
                designation.save()
                self.writes += 1
            else:
                self.new_designations.append(designation)
            notes.append(
                _("new designation") if designation_changes == ["new"] else _("designation changed")
            )
        self.row_notes[row_number] = "; ".join(str(note) for note in notes)
        # A row that only adds (a person, a designation) is new; one that alters what the
        # directory already holds is changed.
        self.row_adds_only = not self.changed_fields or is_create
        self.row_adds_only &= designation_changes in ([], ["new"])

    def _check_file_seat(self, designation: Designation, row_number: int) -> None:
        # New principals wait for the batched insert, so the database cannot see them yet:
        # apply the one-principal-per-seat rule among the file's own rows here.
        seat = (designation.country_id, designation.working_group_id)
        end = designation.ends_on or date.max
        for start, other_end, other_row in self.file_principals.get(seat, []):
            if designation.starts_on <= other_end and start <= end:
                constraint = next(
                    c
                    for c in Designation._meta.constraints
                    if c.name == "designation_one_principal_per_seat"
                )
                see_row = _("(See row %(row)s of the file.)") % {"row": other_row + 1}
                raise ValidationError(f"{constraint.get_violation_error_message()} {see_row}")
        self.file_principals.setdefault(seat, []).append((designation.starts_on, end, row_number))

    def after_import(self, dataset, result, **kwargs):
        if result.has_validation_errors() or result.has_errors():
            return  # the whole file is refused and rolled back: nothing to insert
        try:
            self.writes += directory_import_insert(
                focal_points=self.new_people, designations=self.new_designations
            )
        except IntegrityError as error:
            raise SheetError(
                _("The database refused the import, so nothing was written: %(error)s")
                % {"error": error}
            ) from error

    def import_row(self, row, instance_loader, **kwargs):
        self.row_adds_only = False
        row_result = super().import_row(row, instance_loader, **kwargs)
        if row_result.import_type == RowResult.IMPORT_TYPE_UPDATE and self.row_adds_only:
            row_result.import_type = RowResult.IMPORT_TYPE_NEW
        if row_result.import_type == RowResult.IMPORT_TYPE_ERROR:
            # Unexpected database errors still get a readable message, not a traceback.
            for error in row_result.errors:
                if isinstance(error.error, ValidationError):
                    row_result.import_type = RowResult.IMPORT_TYPE_INVALID
                    row_result.validation_error = error.error
            if row_result.import_type == RowResult.IMPORT_TYPE_INVALID:
                row_result.errors = []
        return row_result

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=True,
        **kwargs,
    ):
        # All rows or none: one invalid row rolls the whole import back.
        return super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=True,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )

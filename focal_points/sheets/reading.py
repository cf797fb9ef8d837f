"""Read an uploaded .xlsx or .csv into cells keyed by column, or refuse the file."""

import csv
import io
import zipfile
from datetime import date, datetime

import python_calamine
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.text import fold
from focal_points.sheets.columns import COLUMN_KEYS, COLUMNS, COLUMNS_BY_KEY, header_labels

MAX_IMPORT_BYTES = 20 * 2**20


class SheetError(Exception):
    """A file-level problem: the whole file is refused with this message."""


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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(reader), note
    except csv.Error as error:
        # The csv module refuses fields over its limit (131,072 characters): a huge cell,
        # or a quotation mark left open that swallows the rest of the file.
        raise SheetError(
            _(
                "The file cannot be read from line %(line)s: a cell is longer than %(limit)s "
                "characters, or a quotation mark is not closed. Correct it and upload the "
                "file again."
            )
            % {
                "line": reader.line_num,
                "limit": number_format(csv.field_size_limit(), force_grouping=True),
            }
        ) from error


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
        # calamine (Rust) reads a 10,000-row sheet in under a second; openpyxl took eight.
        # From A1 even where the first rows or columns are empty, so columns keep their place.
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        # The first sheet holds the data; the template's instructions sit on the second.
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several kinds on damaged files
        raise SheetError(
            _("This spreadsheet is damaged and cannot be read. Save it again as .xlsx.")
        ) from error


def read_table(data: bytes, filename: str = "") -> tuple[list[list[str]], list[str]]:
    """Read an uploaded .xlsx or .csv into its non-empty rows of text, and notes on the file."""
    # Raises SheetError for a file that cannot be read; the notes tell the person about
    # what was guessed (e.g. its encoding). Other imports (meetings' attendance) reuse it.
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
    return rows, notes


def read_sheet(data: bytes, filename: str = "") -> tuple[list[dict[str, str]], list[str]]:
    """Read an uploaded .xlsx or .csv into cells keyed by column, and notes on the file."""
    rows, notes = read_table(data, filename)
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
    records = []
    width = len(keys)
    for row in rows[1:]:
        if any(row[width:]):
            raise SheetError(_("Some rows have values beyond the last column of the header row."))
        records.append(dict(zip(keys, (row + [""] * width)[:width], strict=True)))
    return records, notes

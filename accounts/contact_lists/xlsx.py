"""The contact list as an XLSX sheet: the same columns, formulas neutralised, header frozen."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accounts.contact_lists.rows import COLUMNS, ContactList

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PHONE_COLUMNS = {"phone", "mobile", "fax"}
# Width of each column in characters: roomy for names and addresses, narrow for codes.
WIDTHS = {
    "country": 18,
    "group": 28,
    "role": 16,
    "honorific": 12,
    "given_name": 20,
    "family_name": 22,
    "position": 30,
    "institution": 34,
    "postal_address": 40,
    "phone": 18,
    "mobile": 18,
    "fax": 18,
    "email": 32,
    "other_emails": 32,
    "languages": 18,
}
# Excel refuses sheet titles over 31 characters and these characters.
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def neutralised(column: str, value: str) -> str:
    """Return text a spreadsheet shows as text: a leading ' before anything formula-like.

    Phone numbers are written "+506 2222 0001" by the portal itself (never typed in a cell),
    so they keep their plus sign.
    """
    if column in PHONE_COLUMNS or not value.startswith(FORMULA_STARTS):
        return value
    return "'" + value


def contact_list_xlsx(contact_list: ContactList) -> bytes:
    """Write the list as an XLSX workbook and return its bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = contact_list.title.translate(SHEET_TITLE_FORBIDDEN)[:31] or "-"
    columns = [(key, label) for key, label in COLUMNS if contact_list.shows_group or key != "group"]
    sheet.append([str(label) for _key, label in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in contact_list.rows:
        sheet.append([neutralised(key, row.cell(key)) for key, _label in columns])
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            # Every value is text: nothing a person typed becomes a formula or a number.
            cell.data_type = "s"
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, (key, _label) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[key]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()

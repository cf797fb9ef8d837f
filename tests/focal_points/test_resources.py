"""The directory's spreadsheets: export shape and language, formula safety, the template."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from focal_points.models import FocalPoint
from focal_points.sheets.cells import neutralise_formula
from focal_points.sheets.columns import COLUMN_KEYS
from focal_points.sheets.export import export_dataset, template_workbook
from focal_points.sheets.importer import directory_import
from focal_points.sheets.reading import read_sheet
from tests.focal_points.factories import (
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
)
from tests.focal_points.sheet_helpers import directory_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

EXPORT_URL = "admin:focal_points_focalpoint_export"


def url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def xlsx_rows(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def ana(directory):
    """A Costa Rican focal point with two designations, and a colleague without any."""
    person = FocalPointFactory(
        email="ana@example.org",
        given_name="Ana María",
        family_name="Pérez",
        position_es="Directora de Migración",
        position_en="Director of Migration",
        institution=directory["ministry"],
        phone="+50622223333",
    )
    DesignationFactory(
        focal_point=person,
        working_group=directory["group"],
        country=directory["costa_rica"],
        starts_on=datetime.date(2024, 1, 1),
    )
    DesignationFactory(
        focal_point=person,
        working_group=directory["group"],
        country=directory["costa_rica"],
        role="alternate",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
        letter_reference="DM-123-2020",
    )
    FocalPointFactory(
        email="zoila@example.org", family_name="Zúñiga", institution=directory["ministry"]
    )
    return person


@pytest.mark.parametrize(
    ("language", "headers"),
    [
        ("es", ["Correo electrónico", "Nombres", "Apellidos"]),
        ("en", ["E-mail", "Given names", "Family names"]),
    ],
)
def test_xlsx_export_has_headers_in_the_page_language(admin_client, ana, language, headers):
    response = admin_client.get(url(EXPORT_URL, language) + "?file_format=xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = xlsx_rows(response.content)
    assert rows[0][:3] == headers
    assert len(rows[0]) == len(COLUMN_KEYS)


def test_export_has_one_row_per_person_and_designation(admin_client, ana):
    response = admin_client.get(url(EXPORT_URL, "en") + "?file_format=xlsx")
    header, *rows = xlsx_rows(response.content)
    column = {label: index for index, label in enumerate(header)}

    ana_rows = [row for row in rows if row[column["E-mail"]] == "ana@example.org"]
    assert sorted(row[column["Role"]] for row in ana_rows) == ["alternate", "principal"]
    assert {row[column["Position (Spanish)"]] for row in ana_rows} == {"Directora de Migración"}
    assert {row[column["Position (English)"]] for row in ana_rows} == {"Director of Migration"}
    assert {row[column["Country (ISO code)"]] for row in ana_rows} == {"CR"}
    assert {row[column["Working group"]] for row in ana_rows} == {"GTMD"}
    # A phone beginning with + is a number, not a formula: it is exported untouched.
    assert {row[column["Phone"]] for row in ana_rows} == {"+50622223333"}
    # A person without designation: one row, designation columns empty.
    zoila = [row for row in rows if row[column["E-mail"]] == "zoila@example.org"]
    assert len(zoila) == 1
    assert all(zoila[0][column[label]] in (None, "") for label in ("Working group", "Role"))


def test_csv_export_is_utf8_with_a_byte_order_mark_for_excel(admin_client, ana):
    response = admin_client.get(url(EXPORT_URL, "es") + "?file_format=csv")

    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Correo electrónico"
    assert any("Pérez" in row for row in rows)


def test_export_page_offers_both_formats(admin_client):
    response = admin_client.get(url(EXPORT_URL, "en"))
    assert "?file_format=xlsx" in response.text and "?file_format=csv" in response.text
    assert "Download as Excel" in response.text


def test_export_from_a_filtered_list_holds_only_the_people_listed(admin_client, ana):
    changelist = url("admin:focal_points_focalpoint_changelist", "en")
    page = admin_client.get(changelist + "?q=perez")
    export_link = url(EXPORT_URL, "en") + "?q=perez"
    assert export_link in page.text

    choices = admin_client.get(export_link)
    assert "The person shown by the list's current search and filters" in choices.text
    assert "?q=perez&amp;file_format=xlsx" in choices.text

    response = admin_client.get(export_link + "&file_format=xlsx")
    header, *rows = xlsx_rows(response.content)
    emails = {row[header.index("E-mail")] for row in rows}
    assert emails == {"ana@example.org"}


def test_export_from_a_list_filtered_by_country_leaves_other_countries_out(
    admin_client, ana, directory
):
    other = FocalPointFactory(email="otro@example.org", institution=directory["sre"])
    query = f"?country={directory['costa_rica'].pk}"

    response = admin_client.get(url(EXPORT_URL, "en") + query + "&file_format=csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["E-mail"] for row in rows} == {"ana@example.org", "zoila@example.org"}
    assert other.email not in response.text


def test_export_without_filters_announces_the_whole_directory(admin_client, ana):
    response = admin_client.get(url(EXPORT_URL, "es"))
    assert "Todo el directorio (2 personas)" in response.text


def test_export_with_a_forged_filter_goes_back_to_the_list_with_a_message(admin_client, ana):
    response = admin_client.get(url(EXPORT_URL, "en") + "?nonsense__field=1", follow=True)
    assert response.redirect_chain[-1][0] == url("admin:focal_points_focalpoint_changelist", "en")
    assert "Those filters are not valid" in response.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("María", "María"),
        ("", ""),
    ],
)
def test_formulas_are_neutralised_with_a_leading_quote(value, expected):
    assert neutralise_formula(value) == expected


def test_exported_free_text_cannot_run_as_a_formula_but_phones_keep_their_plus(directory):
    FocalPointFactory(
        email="eve@example.org",
        given_name="=cmd|' /C calc'!A0",
        family_name="@SUM(1+1)",
        position_es="-2+3",
        postal_address="+1 Main Street",
        institution=directory["ministry"],
        phone="+50622223333",
        mobile="+50688887777",
    )
    dataset = export_dataset(language="en")
    row = dict(zip(COLUMN_KEYS, dataset[0], strict=True))

    assert row["given_name"] == "'=cmd|' /C calc'!A0"
    assert row["family_name"] == "'@SUM(1+1)"
    assert row["position_es"] == "'-2+3"
    assert row["postal_address"] == "'+1 Main Street"
    assert row["phone"] == "+50622223333"
    assert row["mobile"] == "+50688887777"
    # In the XLSX the quoted text stays a string, never a formula cell.
    sheet = openpyxl.load_workbook(io.BytesIO(dataset.export("xlsx"))).worksheets[0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_an_exported_file_imports_back_unchanged_even_with_neutralised_text(ana, directory):
    FocalPointFactory(
        email="eve@example.org",
        given_name="=Eva",
        family_name="-Ruiz",
        institution=directory["ministry"],
    )
    # A person of an international organization: no country, an international phone.
    FocalPointFactory(
        email="oim@example.org",
        institution=InstitutionFactory(
            country=None,
            kind="international_organization",
            name_es="Organización Internacional para las Migraciones",
            acronym_es="OIM",
        ),
        phone="+41227179111",
    )
    for language in ("es", "en"):
        content = export_dataset(language=language).export("xlsx")
        records, _notes = read_sheet(content, "directory.xlsx")
        result = directory_import(records=records)

        assert not result.has_errors
        assert {row.status for row in result.rows} == {"unchanged"}
    assert FocalPoint.objects.get(email="eve@example.org").given_name == "=Eva"


@pytest.mark.parametrize(
    ("language", "sheet_name", "texts"),
    [
        ("es", "Instrucciones", ["Obligatoria", "Funciones", "principal", "Costa Rica", "GTMD"]),
        ("en", "Instructions", ["Required", "Roles", "principal", "Costa Rica", "GTMD"]),
    ],
)
def test_the_template_has_the_header_row_and_instructions_in_the_user_language(
    admin_client, directory, language, sheet_name, texts
):
    response = admin_client.get(url("admin:focal_points_focalpoint_import_template", language))

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    data, instructions = workbook.worksheets
    header = [cell.value for cell in data[1]]
    assert header[0] == ("Correo electrónico" if language == "es" else "E-mail")
    assert data.max_row == 1
    assert instructions.title == sheet_name
    text = " ".join(
        str(cell) for row in instructions.iter_rows(values_only=True) for cell in row if cell
    )
    for expected in texts:
        assert expected in text
    # Every column is documented on the instructions sheet.
    for label in header:
        assert label in text


def test_the_template_reads_back_as_a_file_without_rows():
    from focal_points.sheets.reading import SheetError

    with pytest.raises(SheetError, match="no data rows"), translation.override("en"):
        read_sheet(template_workbook("en"), "template.xlsx")


def test_export_runs_the_same_number_of_queries_whatever_the_directory_size(
    directory, count_queries
):
    def add_people(count):
        for _ in range(count):
            DesignationFactory(
                focal_point__institution=directory["ministry"],
                working_group=directory["group"],
                country=directory["costa_rica"],
                role="additional",
            )

    add_people(2)
    few = count_queries(lambda: export_dataset(language="es"))
    add_people(20)
    many = count_queries(lambda: export_dataset(language="es"))

    assert few == many
    assert len(export_dataset(language="es")) == 22

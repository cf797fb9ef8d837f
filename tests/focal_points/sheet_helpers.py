"""Build directory spreadsheets for the import and export tests."""

import csv
import datetime
import io

import openpyxl
import pytest

from focal_points.sheets.columns import COLUMN_KEYS, header_labels
from tests.focal_points.factories import (
    CountryFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)


def sheet_row(**values) -> dict:
    """Return a valid row for a new person designated principal of the GTMD for Costa Rica."""
    row = {
        "email": "ana.perez@example.org",
        "given_name": "Ana María",
        "family_name": "Pérez Solís",
        "position_es": "Directora de Migración",
        "position_en": "Director of Migration",
        "country": "CR",
        "institution": "MREC",
        "phone": "2222 3333",
        "languages": "es, en",
        "preferred_language": "es",
        "public_listing_consent": "sí",
        "group": "GTMD",
        "role": "principal",
        "starts_on": "2025-01-15",
    }
    row.update(values)
    return row


def xlsx_bytes(rows: list[dict], language: str = "es", headers: list[str] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers or header_labels(language))
    for row in rows:
        sheet.append([row.get(key, "") for key in COLUMN_KEYS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(rows: list[dict], language: str = "es", delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header_labels(language))
    for row in rows:
        writer.writerow([row.get(key, "") for key in COLUMN_KEYS])
    return buffer.getvalue()


@pytest.fixture(name="directory")
def directory_fixture(db):
    """Costa Rica and Mexico, each with a foreign ministry, and the GTMD working group."""
    costa_rica = CountryFactory(iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")
    mexico = CountryFactory(iso_code="MX", name_es="México", name_en="Mexico")
    ministry = InstitutionFactory(
        country=costa_rica,
        name_es="Ministerio de Relaciones Exteriores y Culto",
        name_en="Ministry of Foreign Affairs and Worship",
        acronym_es="MREC",
    )
    sre = InstitutionFactory(
        country=mexico,
        name_es="Secretaría de Relaciones Exteriores",
        name_en="Ministry of Foreign Affairs",
        acronym_es="SRE",
    )
    group = WorkingGroupFactory(
        name_es="Grupo de Trabajo sobre Migración y Desarrollo",
        name_en="Working Group on Migration and Development",
        acronym_es="GTMD",
        acronym_en="WGMD",
    )
    return {
        "costa_rica": costa_rica,
        "mexico": mexico,
        "ministry": ministry,
        "sre": sre,
        "group": group,
        "starts_on": datetime.date(2025, 1, 15),
    }

"""Imports refuse what they cannot keep and never overwrite or drop data unannounced."""

import pytest
from django.urls import reverse

from focal_points.models import FocalPoint
from focal_points.services import focal_point_update
from tests.focal_points.factories import FocalPointFactory
from tests.focal_points.sheet_helpers import (
    csv_text,
    directory_fixture,  # noqa: F401 (the "directory" fixture)
    sheet_row,
    xlsx_bytes,
)
from tests.focal_points.test_import import confirm, messages_of, statuses, upload

pytestmark = pytest.mark.django_db


# -- e-mails are matched ignoring capitals, within the file as against the directory


def test_two_rows_whose_emails_differ_only_in_case_are_one_person(admin_client, directory):
    rows = [
        sheet_row(email="PEDRO@example.org"),
        sheet_row(email="pedro@example.org", role="alternate", starts_on="2024-01-01"),
    ]
    preview = upload(admin_client, xlsx_bytes(rows), language="en")

    assert statuses(preview) == ["new", "new"]
    confirm(admin_client, preview, "en")
    # One person, under the address of the row that introduced them.
    assert FocalPoint.objects.get().email == "PEDRO@example.org"
    assert FocalPoint.objects.get().designations.count() == 2


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "las direcciones de correo coinciden sin distinguir mayúsculas"),
        ("en", "the e-mails match ignoring capitals"),
    ],
)
def test_rows_whose_emails_differ_in_case_and_details_differ_say_the_emails_match(
    admin_client, directory, language, expected
):
    rows = [
        sheet_row(email="PEDRO@example.org"),
        sheet_row(email="pedro@example.org", given_name="Pedro", role="alternate"),
    ]
    response = upload(admin_client, xlsx_bytes(rows), language=language)

    assert statuses(response) == ["new", "invalid"]
    assert expected in messages_of(response)


# -- a phone extension is never dropped silently


def test_a_phone_extension_is_kept_through_the_import_and_the_export(admin_client, directory):
    rows = [sheet_row(phone="2222 3333 ext. 3")]
    preview = upload(admin_client, xlsx_bytes(rows), language="en")
    assert statuses(preview) == ["new"]

    confirm(admin_client, preview, "en")

    person = FocalPoint.objects.get(email="ana.perez@example.org")
    assert person.phone.as_e164 == "+50622223333"
    assert person.phone.extension == "3"
    # The entry shows it, as people of the country write it.
    assert person.phone_display == "2222 3333 ext. 3"
    # Exported, it reads back the same: an unchanged row.
    exported = admin_client.get(
        reverse("admin:focal_points_focalpoint_export", query={"file_format": "xlsx"})
    )
    assert exported.status_code == 200
    again = upload(admin_client, exported.content, language="en")
    assert again.context["counts"] == {"new": 0, "changed": 0, "unchanged": 1, "invalid": 0}


# -- an edit made between the preview and the confirmation is not overwritten


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "la fila 2 (Ana María Pérez Solís)"), ("en", "row 2 (Ana María Pérez Solís)")],
)
def test_confirm_refuses_rows_whose_record_changed_since_the_preview(
    admin_client, directory, language, expected
):
    ana = FocalPointFactory(
        email="ana.perez@example.org",
        given_name="Ana",
        family_name="Pérez Solís",
        institution=directory["ministry"],
        position_es="Directora de Migración",
    )
    preview = upload(admin_client, xlsx_bytes([sheet_row()]), language=language)
    assert statuses(preview) == ["changed"]
    # Someone edits Ana's position in the admin before the import is confirmed: the
    # outcome (one changed row) is the same, but confirming would put the old position back.
    focal_point_update(focal_point=ana, changes={"position_es": "Cónsul General"})

    response = confirm(admin_client, preview, language)

    assert response.status_code == 200
    assert expected in response.text
    ana.refresh_from_db()
    assert (ana.given_name, ana.position_es) == ("Ana", "Cónsul General")


# -- cells too long for the CSV reader or for the directory


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "más de 131\xa0072 caracteres"), ("en", "longer than 131,072 characters")],
)
def test_a_csv_cell_beyond_the_csv_reader_limit_is_refused_with_a_message(
    admin_client, directory, language, expected
):
    content = csv_text([sheet_row(postal_address="x" * 200_000)]).encode("utf-8")
    response = upload(admin_client, content, name="directorio.csv", language=language)

    assert response.status_code == 200
    assert expected in " ".join(response.context["form"].errors["import_file"])
    assert not FocalPoint.objects.exists()


@pytest.mark.parametrize(
    ("column", "length", "label", "limit"),
    [
        ("postal_address", 100_000, "Postal address", "500"),
        ("position_es", 300, "Position (Spanish)", "255"),
        ("given_name", 121, "Given names", "120"),
        ("letter_reference", 121, "Letter reference", "120"),
    ],
)
def test_an_overlong_cell_is_refused_naming_the_column_and_the_limit(
    admin_client, directory, column, length, label, limit
):
    rows = [sheet_row(**{column: "x" * length})]
    response = upload(admin_client, csv_text(rows, language="en").encode(), "d.csv", "en")

    assert statuses(response) == ["invalid"]
    text = messages_of(response)
    assert label in text and limit in text
    assert not FocalPoint.objects.exists()

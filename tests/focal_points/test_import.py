"""Importing the directory from a spreadsheet through the admin: preview, confirm, refusals."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from pghistory.models import Events

from focal_points.access import COORDINATOR_GROUP, PPT_STAFF_GROUP
from focal_points.models import Designation, FocalPoint
from tests.factories import StaffUserFactory
from tests.focal_points.factories import (
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    PresidencyFactory,
)
from tests.focal_points.sheet_helpers import (
    csv_text,
    directory_fixture,  # noqa: F401 (the "directory" fixture)
    sheet_row,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:focal_points_focalpoint_import"
CONFIRM_URL = "admin:focal_points_focalpoint_process_import"


def url(name: str, language: str = "es") -> str:
    # reverse() prefixes the active language, which an earlier /en/ request may have left on.
    with translation.override(language):
        return reverse(name)


def upload(client, content: bytes, name: str = "directorio.xlsx", language: str = "es"):
    return client.post(
        url(IMPORT_URL, language), {"import_file": SimpleUploadedFile(name, content)}
    )


def confirm(client, preview, language: str = "es"):
    form = preview.context["confirm_form"]
    return client.post(url(CONFIRM_URL, language), form.initial)


def statuses(response) -> list[str]:
    return [row["status"] for row in response.context["preview_rows"]]


def messages_of(response) -> str:
    return " ".join(
        message for row in response.context["preview_rows"] for message in row["details"]
    )


# -- the happy path


def test_preview_lists_new_rows_and_writes_nothing(admin_client, directory):
    response = upload(admin_client, xlsx_bytes([sheet_row()]))

    assert response.status_code == 200
    assert response.context["counts"] == {"new": 1, "changed": 0, "unchanged": 0, "invalid": 0}
    assert "confirm_form" in response.context
    assert "1 nuevas, 0 modificadas, 0 sin cambios, 0 no válidas" in response.text
    assert not FocalPoint.objects.exists()
    assert not Designation.objects.exists()


def test_confirm_writes_person_and_designation_with_history(admin_client, admin_user, directory):
    preview = upload(admin_client, xlsx_bytes([sheet_row()]))
    response = confirm(admin_client, preview)

    assert response.status_code == 302
    person = FocalPoint.objects.get()
    assert person.given_name == "Ana María"
    assert person.institution == directory["ministry"]
    # A national number is read with the row's country as region and stored in E.164.
    assert person.phone.as_e164 == "+50622223333"
    assert person.languages == ["es", "en"]
    assert person.public_listing_consent is True
    designation = person.designations.get()
    assert designation.working_group == directory["group"]
    assert designation.country == directory["costa_rica"]
    assert designation.starts_on == datetime.date(2025, 1, 15)
    events = [e for e in Events.objects.all() if e.pgh_context]
    assert [e.pgh_model for e in events] == [
        "focal_points.FocalPointEvent",
        "focal_points.DesignationEvent",
    ]
    assert {e.pgh_context["reason"] for e in events} == {"spreadsheet import"}
    assert {e.pgh_context["user"] for e in events} == {admin_user.pk}


def test_existing_person_is_matched_by_email_whatever_its_case(admin_client, directory):
    person = FocalPointFactory(
        email="Ana.Perez@Example.org", institution=directory["ministry"], given_name="Ana"
    )
    preview = upload(admin_client, xlsx_bytes([sheet_row(email="ANA.PEREZ@example.ORG")]))
    assert statuses(preview) == ["changed"]
    confirm(admin_client, preview)

    assert FocalPoint.objects.count() == 1
    person.refresh_from_db()
    assert person.given_name == "Ana María"
    assert person.email == "Ana.Perez@Example.org"
    assert person.version == 2


def test_reimporting_the_same_file_changes_nothing(admin_client, directory):
    content = xlsx_bytes(
        [
            sheet_row(),
            sheet_row(group="WGMD", role="alternate", starts_on="2024-03-01", ends_on="2024-12-31"),
        ]
    )
    confirm(admin_client, upload(admin_client, content))
    events_before = Events.objects.count()

    again = upload(admin_client, content)

    assert again.context["counts"] == {"new": 0, "changed": 0, "unchanged": 2, "invalid": 0}
    confirm(admin_client, again)
    assert Events.objects.count() == events_before
    assert FocalPoint.objects.count() == 1
    assert Designation.objects.count() == 2


def test_ending_an_existing_designation_is_a_changed_row(admin_client, directory):
    content = xlsx_bytes([sheet_row()])
    confirm(admin_client, upload(admin_client, content))

    preview = upload(admin_client, xlsx_bytes([sheet_row(ends_on="2025-12-31")]), language="en")

    assert statuses(preview) == ["changed"]
    assert "designation changed" in messages_of(preview)
    confirm(admin_client, preview, "en")
    designation = Designation.objects.get()
    assert designation.ends_on == datetime.date(2025, 12, 31)


def test_a_new_designation_for_an_unchanged_person_is_a_new_row(admin_client, directory):
    confirm(admin_client, upload(admin_client, xlsx_bytes([sheet_row()])))

    rows = [sheet_row(), sheet_row(role="alternate", starts_on="2019-01-01")]
    preview = upload(admin_client, xlsx_bytes(rows))

    assert statuses(preview) == ["new"]  # the unchanged first row is only counted
    assert preview.context["counts"] == {"new": 1, "changed": 0, "unchanged": 1, "invalid": 0}


def test_person_with_several_designations_and_person_without(admin_client, directory):
    rows = [
        sheet_row(),
        sheet_row(role="additional", starts_on="2023-05-01"),
        sheet_row(email="luis@example.org", given_name="Luis", group="", role="", starts_on=""),
    ]
    preview = upload(admin_client, xlsx_bytes(rows))
    # The second row adds a designation to the person of the first: new, not changed.
    assert statuses(preview) == ["new", "new", "new"]
    confirm(admin_client, preview)

    assert FocalPoint.objects.count() == 2
    assert FocalPoint.objects.get(email="luis@example.org").designations.count() == 0
    assert Designation.objects.count() == 2


def test_english_headers_import_in_a_spanish_session(admin_client, directory):
    preview = upload(admin_client, xlsx_bytes([sheet_row()], language="en"))
    assert preview.context["counts"]["new"] == 1


def test_csv_with_semicolons_as_excel_saves_it_in_spanish(admin_client, directory):
    content = csv_text([sheet_row()], delimiter=";").encode("utf-8-sig")
    preview = upload(admin_client, content, name="directorio.csv")
    assert preview.context["counts"]["new"] == 1
    confirm(admin_client, preview)
    assert FocalPoint.objects.get().family_name == "Pérez Solís"


@pytest.mark.parametrize(
    ("language", "note"),
    [("es", "no se guardó como UTF-8"), ("en", "was not saved as UTF-8")],
)
def test_csv_saved_by_excel_in_windows_1252_keeps_its_accents(
    admin_client, directory, language, note
):
    content = csv_text([sheet_row()], delimiter=";").encode("cp1252")
    preview = upload(admin_client, content, name="directorio.csv", language=language)
    assert preview.context["counts"]["new"] == 1
    assert note in preview.text
    confirm(admin_client, preview, language)
    assert FocalPoint.objects.get().family_name == "Pérez Solís"


# -- file-level refusals: a message in the user's language, nothing written


PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx_bytes() -> bytes:
    import io

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


FILE_CASES = {
    "pdf renamed xlsx": (lambda: PDF, "lista.xlsx", "es un documento PDF", "is a PDF document"),
    "png renamed xlsx": (lambda: PNG, "lista.xlsx", "es una imagen", "is an image"),
    "word document": (docx_bytes, "lista.docx", "documento de Word", "Word document"),
    # Django's own message for an upload of zero bytes.
    "empty file": (lambda: b"", "lista.csv", "está vacío", "is empty"),
    "blank file": (lambda: b" \n\n", "lista.csv", "El archivo está vacío", "The file is empty"),
    "headers only": (
        lambda: xlsx_bytes([]),
        "lista.xlsx",
        "no tiene filas de datos",
        "no data rows",
    ),
    "damaged xlsx": (lambda: b"PK\x03\x04broken", "lista.xlsx", "dañada", "damaged"),
}


@pytest.mark.parametrize("case", FILE_CASES, ids=list(FILE_CASES))
@pytest.mark.parametrize("language", ["es", "en"])
def test_a_file_that_is_not_a_directory_sheet_is_refused_with_a_message(
    admin_client, directory, case, language
):
    make, name, spanish, english = FILE_CASES[case]
    response = upload(admin_client, make(), name=name, language=language)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["import_file"])
    assert (spanish if language == "es" else english) in errors
    assert "confirm_form" not in response.context
    assert not FocalPoint.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", ["Faltan columnas: “Correo electrónico”", "Columnas desconocidas: “Mail”"]),
        ("en", ["Missing columns: “E-mail”", "Unknown columns: “Mail”"]),
    ],
)
def test_a_renamed_header_is_named_as_missing_and_unknown(
    admin_client, directory, language, expected
):
    from focal_points.sheets.columns import header_labels

    headers = header_labels(language)
    headers[0] = "Mail"
    response = upload(admin_client, xlsx_bytes([sheet_row()], headers=headers), language=language)
    errors = " ".join(response.context["form"].errors["import_file"])
    for text in expected:
        assert text in errors
    assert not FocalPoint.objects.exists()


def test_missing_designation_columns_are_named(admin_client, directory):
    from focal_points.sheets.columns import header_labels

    headers = header_labels("en")[:17]  # up to the working group, without role and dates
    content = xlsx_bytes([sheet_row()], headers=headers)
    response = upload(admin_client, content, language="en")
    errors = " ".join(response.context["form"].errors["import_file"])
    assert "“Role”" in errors and "“Starts on”" in errors


# -- row-level refusals: every row is checked, nothing is written


ROW_CASES = {
    "invalid e-mail": (
        {"email": "ana.perez@"},
        "no es una dirección de correo válida",
        "is not a valid e-mail address",
    ),
    "invalid phone": (
        {"phone": "12"},
        "no es un número de teléfono válido para CR",
        "is not a valid phone number for CR",
    ),
    "unknown country": ({"country": "ZZ"}, "País desconocido “ZZ”", "Unknown country “ZZ”"),
    "unknown group": (
        {"group": "GTXX"},
        "Grupo de trabajo desconocido “GTXX”",
        "Unknown working group “GTXX”",
    ),
    "unknown institution": (
        {"institution": "Ministerio de Nada"},
        "Institución desconocida “Ministerio de Nada”",
        "Unknown institution “Ministerio de Nada”",
    ),
    "bad date": (
        {"starts_on": "15.01.2025"},
        "“15.01.2025” no es una fecha",
        "“15.01.2025” is not a date",
    ),
    "unknown role": ({"role": "boss"}, "“boss” no está permitido", "“boss” is not allowed"),
    "role missing": (
        {"role": ""},
        "se requiere cuando se indica un grupo",
        "is required with a working",
    ),
    "end before start": (
        {"ends_on": "2024-01-01"},
        "La fecha de término no puede ser anterior",
        "The end date cannot be before the start date",
    ),
}


@pytest.mark.parametrize("case", ROW_CASES, ids=list(ROW_CASES))
@pytest.mark.parametrize("language", ["es", "en"])
def test_an_invalid_row_is_reported_and_blocks_the_whole_import(
    admin_client, directory, case, language
):
    values, spanish, english = ROW_CASES[case]
    rows = [sheet_row(email="ok@example.org", role="alternate"), sheet_row(**values)]
    response = upload(admin_client, xlsx_bytes(rows), language=language)

    assert statuses(response) == ["new", "invalid"]
    assert (spanish if language == "es" else english) in messages_of(response)
    assert response.context["preview_rows"][1]["line"] == 3
    assert "confirm_form" not in response.context
    assert not FocalPoint.objects.exists()


def test_a_person_of_an_international_organization_needs_an_international_phone(
    admin_client, directory
):
    InstitutionFactory(
        country=None, kind="international_organization", name_es="ACNUR", acronym_es=""
    )
    rows = [
        sheet_row(
            email="a@example.org",
            country="",
            institution="ACNUR",
            group="",
            role="",
            starts_on="",
            phone="+41 22 739 81 11",
        ),
        sheet_row(
            email="b@example.org",
            country="",
            institution="acnur",
            group="",
            role="",
            starts_on="",
            phone="2222 3333",
        ),
        sheet_row(email="c@example.org", country="", institution="ACNUR", phone=""),
    ]
    response = upload(admin_client, xlsx_bytes(rows), language="en")

    assert statuses(response) == ["new", "invalid", "invalid"]
    text = messages_of(response)
    assert "“2222 3333” is not a valid international phone number" in text
    assert "Designation country (ISO code) is required for a person of an international" in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "repite la designación de la fila 2"), ("en", "repeats the designation of row 2")],
)
def test_a_duplicate_row_in_the_file_is_refused(admin_client, directory, language, expected):
    response = upload(admin_client, xlsx_bytes([sheet_row(), sheet_row()]), language=language)
    assert statuses(response) == ["new", "invalid"]
    assert expected in messages_of(response)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "ya tiene un punto focal titular en este grupo para esas fechas"),
        ("es", "(Véase la fila 2 del archivo.)"),
        ("en", "already has a principal focal point in this group for these dates"),
        ("en", "(See row 2 of the file.)"),
    ],
)
def test_a_second_principal_for_the_seat_in_the_file_is_refused(
    admin_client, directory, language, expected
):
    rows = [sheet_row(), sheet_row(email="otro@example.org", starts_on="2025-06-01")]
    response = upload(admin_client, xlsx_bytes(rows), language=language)
    assert statuses(response) == ["new", "invalid"]
    assert expected in messages_of(response)
    assert not FocalPoint.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "ya tiene un punto focal titular"), ("en", "already has a principal focal point")],
)
def test_a_second_principal_against_the_database_is_refused(
    admin_client, directory, language, expected
):
    DesignationFactory(
        focal_point__institution=directory["ministry"],
        working_group=directory["group"],
        country=directory["costa_rica"],
        starts_on=datetime.date(2020, 1, 1),
    )
    response = upload(admin_client, xlsx_bytes([sheet_row()]), language=language)
    assert statuses(response) == ["invalid"]
    assert expected in messages_of(response)
    assert FocalPoint.objects.count() == 1


def test_the_same_person_with_different_details_on_two_rows_is_refused(admin_client, directory):
    rows = [sheet_row(), sheet_row(given_name="Anita", role="alternate")]
    response = upload(admin_client, xlsx_bytes(rows), language="en")
    assert statuses(response) == ["new", "invalid"]
    assert "differ from row 2" in messages_of(response)


def test_confirm_writes_nothing_when_the_directory_changed_since_the_preview(
    admin_client, directory
):
    rows = [sheet_row(email="first@example.org", role="alternate"), sheet_row()]
    preview = upload(admin_client, xlsx_bytes(rows))
    assert "confirm_form" in preview.context
    # Someone designates a principal for the same seat before the import is confirmed.
    DesignationFactory(
        focal_point__institution=directory["ministry"],
        working_group=directory["group"],
        country=directory["costa_rica"],
        starts_on=datetime.date(2020, 1, 1),
    )

    response = confirm(admin_client, preview)

    assert response.status_code == 200
    assert "No se importó nada" in response.text
    assert FocalPoint.objects.count() == 1  # only the conflicting principal
    assert not FocalPoint.objects.filter(email="first@example.org").exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "el directorio cambió después de la vista previa"), ("en", "changed since the")],
)
def test_confirm_refuses_an_outcome_that_differs_from_the_preview(
    admin_client, directory, language, expected
):
    confirm(admin_client, upload(admin_client, xlsx_bytes([sheet_row()])))
    rows = [sheet_row(), sheet_row(email="luis@example.org", role="alternate")]
    preview = upload(admin_client, xlsx_bytes(rows), language=language)
    assert preview.context["counts"]["unchanged"] == 1
    # Someone edits Ana's entry in the admin before the import is confirmed.
    FocalPoint.objects.filter(email="ana.perez@example.org").update(given_name="Ana")

    response = confirm(admin_client, preview, language)

    assert response.status_code == 200
    assert expected in response.text
    assert not FocalPoint.objects.filter(email="luis@example.org").exists()
    assert FocalPoint.objects.get(email="ana.perez@example.org").given_name == "Ana"
    # The new preview shows what the import would now do; confirming it imports.
    assert statuses(response) == ["changed", "new"]
    confirm(admin_client, response, language)
    assert FocalPoint.objects.get(email="ana.perez@example.org").given_name == "Ana María"
    assert FocalPoint.objects.filter(email="luis@example.org").exists()


def test_a_forged_confirmation_token_is_refused_without_error(admin_client, directory):
    response = admin_client.post(
        url(CONFIRM_URL), {"token": "../../settings", "file_name": "x.xlsx", "expected": "1,0,0"}
    )
    assert response.status_code == 302
    assert not FocalPoint.objects.exists()


# -- who may import


def ppt_staff(country, *, current: bool):
    from django.contrib.auth.models import Group

    user = StaffUserFactory(country=country)
    user.groups.add(Group.objects.get_or_create(name=PPT_STAFF_GROUP)[0])
    if current:
        PresidencyFactory(country=country)
    else:
        PresidencyFactory(
            country=country,
            starts_on=datetime.date(2020, 1, 1),
            ends_on=datetime.date(2020, 12, 31),
        )
    return user


def coordinator(country):
    from django.contrib.auth.models import Group

    user = StaffUserFactory(country=country)
    user.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    return user


SHEET_PAGES = [
    "admin:focal_points_focalpoint_import",
    "admin:focal_points_focalpoint_import_template",
    "admin:focal_points_focalpoint_export",
]


@pytest.mark.parametrize("page", SHEET_PAGES)
def test_staff_of_the_current_presidency_may_use_the_spreadsheet_pages(client, directory, page):
    client.force_login(ppt_staff(directory["costa_rica"], current=True))
    assert client.get(url(page)).status_code == 200


@pytest.mark.parametrize("page", SHEET_PAGES)
@pytest.mark.parametrize("who", ["coordinator", "former ppt"])
def test_coordinators_and_former_ppt_staff_are_refused(client, directory, page, who):
    user = (
        coordinator(directory["costa_rica"])
        if who == "coordinator"
        else ppt_staff(directory["mexico"], current=False)
    )
    client.force_login(user)
    assert client.get(url(page)).status_code == 403
    response = client.post(
        url(IMPORT_URL),
        {"import_file": SimpleUploadedFile("a.xlsx", xlsx_bytes([sheet_row()]))},
    )
    assert response.status_code == 403
    response = client.post(
        url(CONFIRM_URL), {"token": "0" * 32, "file_name": "a.xlsx", "expected": "1,0,0"}
    )
    assert response.status_code == 403
    assert not FocalPoint.objects.exists()


@pytest.mark.parametrize("page", [*SHEET_PAGES, CONFIRM_URL])
def test_anonymous_visitors_are_sent_to_sign_in(client, page):
    response = client.get(url(page))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_changelist_offers_import_and_export_only_to_directory_editors(
    client, admin_client, directory
):
    from django.contrib.auth.models import Permission

    changelist = url("admin:focal_points_focalpoint_changelist")
    response = admin_client.get(changelist)
    assert url(IMPORT_URL) in response.text
    assert url("admin:focal_points_focalpoint_export") in response.text

    # A coordinator allowed to read the directory in the admin gets neither link.
    user = coordinator(directory["costa_rica"])
    user.user_permissions.add(Permission.objects.get(codename="view_focalpoint"))
    client.force_login(user)
    response = client.get(changelist)
    assert response.status_code == 200
    assert url(IMPORT_URL) not in response.text
    assert url("admin:focal_points_focalpoint_export") not in response.text


def test_a_confirmed_upload_is_deleted_and_abandoned_ones_expire(admin_client, directory):
    import os
    import time

    from django.core.files.storage import default_storage

    old = default_storage.save("django-import-export/" + "a" * 32, io.BytesIO(b"old"))
    two_days_ago = time.time() - 2 * 86400
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))

    preview = upload(admin_client, xlsx_bytes([sheet_row()]))
    token = preview.context["confirm_form"].initial["token"]
    assert not default_storage.exists(old)
    assert default_storage.exists(f"django-import-export/{token}")

    confirm(admin_client, preview)
    assert not default_storage.exists(f"django-import-export/{token}")

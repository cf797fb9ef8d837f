"""Staff upload documents with their language versions, see extraction, re-run it, see history."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from documents.models import Document, DocumentFile
from documents.services import document_file_attach
from tests.documents.factories import DocumentFactory, pdf_bytes, upload

pytestmark = pytest.mark.django_db

EXECUTABLE = b"MZ\x90\x00" + b"\x00" * 200


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_form_data(**overrides) -> dict:
    data = {
        "symbol": "CRM/GRCM/2026/4",
        "title_es": "Informe de la Presidencia sobre migración laboral",
        "title_en": "Presidency report on labour migration",
        "summary_es": "Resumen.",
        "summary_en": "Summary.",
        "date": "2026-03-02",
        "date_precision": "day",
        "type": "report",
        "author_kind": "secretariat",
        "original_language": "es",
        "distribution": "restricted",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "3",
        "files-0-language": "es",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "model", [m for m in admin.site._registry if m._meta.app_label == "documents"]
)
@pytest.mark.parametrize("language", ["es", "en"])
def test_admin_pages_render_in_both_languages_without_a_cdn(users, model, language):
    document = DocumentFactory()
    document_file_attach(document=document, language="es", uploaded=upload("a.txt", b"texto"))
    client = client_for(users["secretariat"])
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    obj = document if model is Document else model.objects.first()
    for url in (
        reverse(f"{info}_changelist"),
        reverse(f"{info}_add"),
        reverse(f"{info}_change", args=[obj.pk]),
    ):
        response = client.get(url.replace("/es/", f"/{language}/", 1))
        assert response.status_code == 200, url
        assert "googleapis" not in response.text


def test_staff_add_a_document_with_its_file_and_its_text_is_indexed(users):
    client = client_for(users["ppt"])
    response = client.post(
        reverse("admin:documents_document_add"),
        {
            **add_form_data(),
            "files-0-file": upload("informe.pdf", pdf_bytes("Migracion laboral regional")),
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    document = Document.objects.get(symbol="CRM/GRCM/2026/4")
    version = document.files.get()
    assert version.extraction_status == DocumentFile.ExtractionStatus.INDEXED
    assert version.content_type == "application/pdf"
    assert Document.objects.filter(search_vector="laboral").get() == document


def test_a_bad_upload_in_the_admin_is_an_error_on_the_form_and_nothing_is_saved(users):
    client = client_for(users["secretariat"])
    response = client.post(
        "/en" + reverse("admin:documents_document_add")[3:],
        {**add_form_data(), "files-0-file": upload("report.pdf", EXECUTABLE)},
    )
    assert response.status_code == 200
    assert "is not a valid PDF file" in response.text
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


def test_an_author_not_matching_its_kind_is_a_form_error(users):
    client = client_for(users["secretariat"])
    response = client.post(
        reverse("admin:documents_document_add"),
        {**add_form_data(author_kind="country"), "files-TOTAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "Elija el autor que corresponde al tipo de autor" in response.text
    assert not Document.objects.exists()


def test_the_extraction_can_be_run_again_from_the_list(users):
    document = DocumentFactory()
    version = document_file_attach(
        document=document, language="es", uploaded=upload("a.txt", b"texto inicial")
    )
    with version.file.storage.open(version.file.name, "wb") as stored:
        stored.write(b"texto corregido")
    response = client_for(users["secretariat"]).post(
        reverse("admin:documents_document_changelist"),
        {"action": "rerun_extraction", "_selected_action": [document.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 archivo indexado, 0 sin indexar." in response.text
    document.refresh_from_db()
    assert "corregido" in document.search_text


def test_the_list_shows_which_documents_have_files_not_indexed(users):
    document = DocumentFactory(title_es="Escaneado")
    document_file_attach(
        document=document, language="es", uploaded=upload("s.pdf", b"%PDF-1.4 broken")
    )
    DocumentFactory(title_es="Correcto")
    response = client_for(users["secretariat"]).get(
        reverse("admin:documents_document_changelist") + "?extraction=not_indexed"
    )
    assert "Escaneado" in response.text and "Correcto" not in response.text


def test_a_former_ppt_may_read_but_not_write_and_never_sees_internal_documents(users):
    internal = DocumentFactory(title_es="Nota interna", distribution="internal")
    restricted = DocumentFactory(title_es="Nota restringida", distribution="restricted")
    client = client_for(users["former_ppt"])
    listing = client.get(reverse("admin:documents_document_changelist"))
    assert listing.status_code == 200
    assert "Nota restringida" in listing.text and "Nota interna" not in listing.text
    assert client.get(reverse("admin:documents_document_add")).status_code == 403
    assert (
        client.get(reverse("admin:documents_document_change", args=[internal.pk])).status_code
        == 302  # the admin redirects to its index when an object does not exist for you
    )
    change = client.post(
        reverse("admin:documents_document_change", args=[restricted.pk]),
        {**add_form_data(title_es="Cambiado"), "files-TOTAL_FORMS": "0"},
    )
    assert change.status_code == 403
    restricted.refresh_from_db()
    assert restricted.title_es == "Nota restringida"


def test_the_presidency_in_office_sees_internal_documents_in_the_admin(users):
    DocumentFactory(title_es="Nota interna", distribution="internal")
    listing = client_for(users["ppt"]).get(reverse("admin:documents_document_changelist"))
    assert "Nota interna" in listing.text


def test_a_coordinator_has_no_access_to_the_library_admin(users):
    response = client_for(users["coordinator"]).get(reverse("admin:documents_document_changelist"))
    assert response.status_code == 403


def test_the_change_page_lists_the_documents_history_with_who_changed_it(users):
    client = client_for(users["secretariat"])
    client.post(
        reverse("admin:documents_document_add"), {**add_form_data(), "files-TOTAL_FORMS": "0"}
    )
    document = Document.objects.get()
    client.post(
        reverse("admin:documents_document_change", args=[document.pk]),
        {**add_form_data(title_es="Título corregido"), "files-TOTAL_FORMS": "0"},
    )
    page = client.get("/en" + reverse("admin:documents_document_change", args=[document.pk])[3:])
    assert "created" in page.text and "changed" in page.text
    assert "Título corregido" in page.text
    assert str(users["secretariat"]) in page.text


def test_a_documents_page_makes_as_many_queries_with_one_presidency_as_with_six(
    users, count_queries
):
    import datetime

    from tests.focal_points.factories import CountryFactory, PresidencyFactory

    document = DocumentFactory(title_es="Informe con autoría")
    client = Client()
    client.force_login(users["secretariat"])
    page = reverse("admin:documents_document_change", args=[document.pk])
    client.get(page)  # warm caches (content types, session)
    before = count_queries(lambda: client.get(page))
    for year in range(2001, 2006):
        PresidencyFactory(
            country=CountryFactory(iso_code=f"Z{chr(ord('A') + year - 2001)}"),
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
        )
    response = client.get(page)
    assert count_queries(lambda: client.get(page)) == before
    assert response.text.count("(2003)") >= 1  # every presidency is still offered, by year

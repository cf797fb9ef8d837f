"""The library's history pages: a document's history, recent changes, restore."""

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import Document
from documents.services import document_file_attach
from tests.documents.factories import DocumentFactory, upload

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_documents_history_page_shows_each_change_and_restores_it(users):
    client = client_for(users["secretariat"])
    document = DocumentFactory(title_es="Informe original")
    first = Document.pgh_event_model.objects.get(pgh_obj_id=document.pk)
    document.title_es = "Informe cambiado"
    document.save()
    url = reverse("admin:documents_document_history", args=[document.pk])
    page = client.get("/en" + url[3:])
    assert page.status_code == 200
    assert "<del>Informe original</del>" in page.text
    assert "<ins>Informe cambiado</ins>" in page.text
    response = client.post(
        reverse("admin:documents_document_revert", args=[document.pk]),
        {"event": f"documents.document:{first.pk}"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title_es == "Informe original"


def test_library_recent_changes_lists_documents_and_files_and_restores_documents(users):
    client = client_for(users["secretariat"])
    document = DocumentFactory(title_es="Informe original")
    document_file_attach(document=document, language="es", uploaded=upload("a.txt", b"texto"))
    document.title_es = "Informe cambiado"
    document.save()
    page = client.get(reverse("admin:documents_recent_changes"))
    assert page.status_code == 200
    models = {entry.model for entry in page.context["entries"]}
    assert models == {Document, document.files.model}
    # A file's row is listed but not offered for restore (its bytes would not come back).
    assert {e.model for e in page.context["entries"] if e.revertible} == {Document}
    insert = next(
        e for e in page.context["entries"] if e.model is Document and e.action == "insert"
    )
    file_event = next(e for e in page.context["entries"] if e.model is not Document)
    refused = client.post(
        reverse("admin:documents_recent_changes_revert"), {"event": file_event.token}
    )
    assert refused.status_code == 302
    response = client.post(
        reverse("admin:documents_recent_changes_revert"), {"event": insert.token}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title_es == "Informe original"


def test_library_recent_changes_are_for_those_who_see_every_document(users):
    DocumentFactory(title_es="Nota interna", distribution="internal")
    url = reverse("admin:documents_recent_changes")
    assert client_for(users["former_ppt"]).get(url).status_code == 403
    assert client_for(users["ppt"]).get(url).status_code == 200

"""A file that expands, runs or grows too much never holds or bloats a web worker."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from documents import extraction, services
from documents.models import Document, DocumentFile
from documents.services import document_file_attach, document_file_extract, document_file_validate
from tests.documents.factories import DocumentFactory, docx_bytes, upload
from tests.documents.test_admin import add_form_data

pytestmark = pytest.mark.django_db

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    b"</Types>"
)


@pytest.fixture(scope="module")
def zip_bomb_docx() -> bytes:
    """A valid-looking .docx whose document.xml expands to 60 MB (about 60 KB on disk)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w:t>" + b" " * (60 * 1024 * 1024) + b"</w:t>")
    return out.getvalue()


@pytest.fixture
def no_extraction(monkeypatch):
    """Fail the test if anything starts reading a file's text."""

    def refuse(**kwargs):
        raise AssertionError("the extractor was asked to read the file")

    monkeypatch.setattr(extraction, "extract_in_child", refuse)


def test_a_zip_bomb_is_refused_by_its_declared_size_before_any_reading(
    zip_bomb_docx, no_extraction
):
    assert len(zip_bomb_docx) < 200 * 1024
    with pytest.raises(ValidationError) as error:
        document_file_validate(uploaded=upload("bomba.docx", zip_bomb_docx))
    assert error.value.code == "expands_too_much"
    with translation.override("en"):
        assert "expands to more than 50" in error.value.messages[0]


def test_a_zip_bomb_attached_through_the_service_writes_nothing(
    zip_bomb_docx, no_extraction, media_storage
):
    document = DocumentFactory()
    with pytest.raises(ValidationError):
        document_file_attach(
            document=document, language="es", uploaded=upload("bomba.docx", zip_bomb_docx)
        )
    assert not DocumentFile.objects.exists()
    assert not any(path.is_file() for path in media_storage.rglob("*"))


def test_a_zip_bomb_in_the_admin_is_a_form_error_and_nothing_is_saved(
    users, zip_bomb_docx, no_extraction
):
    client = Client()
    client.force_login(users["secretariat"])
    response = client.post(
        "/en" + reverse("admin:documents_document_add")[3:],
        {**add_form_data(), "files-0-file": upload("bomba.docx", zip_bomb_docx)},
    )
    assert response.status_code == 200
    assert "expands to more than 50" in response.text
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


def test_extraction_enforces_the_expanded_size_while_reading(monkeypatch):
    # The declared sizes passed the upload check; the reader still counts what it inflates.
    version = document_file_attach(
        document=DocumentFactory(), language="es", uploaded=upload("a.docx", docx_bytes("Hola"))
    )
    assert version.is_indexed
    monkeypatch.setattr(services, "MAX_EXPANDED_SIZE", 1024)
    document_file_extract(document_file=version)
    assert version.extraction_status == DocumentFile.ExtractionStatus.NOT_INDEXED
    with translation.override("en"):
        assert "when unpacked" in version.extraction_note_display


def test_an_extraction_over_the_time_limit_is_stopped_and_flagged_not_indexed(monkeypatch):
    monkeypatch.setitem(
        extraction.EXTRACTORS, "txt", "tests.documents.hostile_extractors:sleep_forever"
    )
    monkeypatch.setattr(services, "EXTRACTION_TIMEOUT", 0.5)
    version = document_file_attach(
        document=DocumentFactory(), language="es", uploaded=upload("lento.txt", b"texto")
    )
    assert version.extraction_status == DocumentFile.ExtractionStatus.NOT_INDEXED
    with translation.override("en"):
        assert "took too long" in version.extraction_note_display
    assert DocumentFile.objects.filter(pk=version.pk).exists()


def test_an_extraction_over_the_memory_limit_is_flagged_not_indexed(monkeypatch):
    monkeypatch.setitem(
        extraction.EXTRACTORS, "txt", "tests.documents.hostile_extractors:eat_memory"
    )
    monkeypatch.setattr(services, "EXTRACTION_MEMORY", 768 * 1024 * 1024)
    version = document_file_attach(
        document=DocumentFactory(), language="es", uploaded=upload("enorme.txt", b"texto")
    )
    assert version.extraction_status == DocumentFile.ExtractionStatus.NOT_INDEXED
    with translation.override("en"):
        assert "too much memory" in version.extraction_note_display


def test_the_extracted_text_is_cut_at_the_character_limit(monkeypatch):
    monkeypatch.setitem(
        extraction.EXTRACTORS, "txt", "tests.documents.hostile_extractors:long_text"
    )
    monkeypatch.setattr(services, "MAX_TEXT_CHARS", 100)
    version = document_file_attach(
        document=DocumentFactory(), language="es", uploaded=upload("largo.txt", b"texto")
    )
    assert version.is_indexed
    assert len(version.extracted_text) <= 100
    assert version.extracted_text.startswith("palabra")

"""Uploads are checked by their content, stored, read and searchable; bad ones write nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from documents.models import Document, DocumentFile
from documents.services import (
    document_file_attach,
    document_file_delete,
    document_file_extract,
    document_file_validate,
)
from tests.documents.factories import (
    DocumentFactory,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    pptx_bytes,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.mark.parametrize(
    "name, data, content_type",
    [
        ("informe.pdf", pdf_bytes("Migración regional"), "application/pdf"),
        ("informe.docx", docx_bytes("Migración regional"), "wordprocessingml"),
        ("informe.pptx", pptx_bytes("Migración regional"), "presentationml"),
        ("informe.xlsx", xlsx_bytes("Migración regional"), "spreadsheetml"),
        ("informe.odt", odt_bytes("Migración regional"), "opendocument.text"),
        ("informe.txt", "Migración regional".encode(), "text/plain"),
        ("informe.md", "# Migración regional".encode(), "text/markdown"),
        ("ANSI.TXT", "Migración regional".encode("cp1252"), "text/plain"),
    ],
)
def test_every_accepted_format_is_stored_read_and_indexed(name, data, content_type):
    document = DocumentFactory()
    version = document_file_attach(document=document, language="es", uploaded=upload(name, data))
    assert content_type in version.content_type
    assert version.size == len(data)
    assert version.file.name.startswith("documents/")
    assert version.extraction_status == DocumentFile.ExtractionStatus.INDEXED
    assert "regional" in version.extracted_text
    document.refresh_from_db()
    assert "regional" in document.search_text


def test_a_word_97_file_is_kept_but_flagged_not_indexed():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    version = document_file_attach(
        document=DocumentFactory(), language="es", uploaded=upload("oficio.doc", data)
    )
    assert version.extraction_status == DocumentFile.ExtractionStatus.NOT_INDEXED
    with translation.override("es"):
        assert "Word 97-2003" in version.extraction_note_display


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_stored(media_storage):
    document = DocumentFactory()
    with pytest.raises(ValidationError) as error, translation.override("en"):
        document_file_attach(
            document=document, language="es", uploaded=upload("report.pdf", EXECUTABLE)
        )
    assert error.value.code == "content"
    assert not DocumentFile.objects.exists()
    assert not list(media_storage.rglob("*.pdf"))


@pytest.mark.parametrize(
    "name, data",
    [
        ("programa.txt", EXECUTABLE),
        ("informe.docx", b"PK\x03\x04 not really a zip"),
        ("informe.docx", xlsx_bytes("hoja")),
        ("informe.odt", docx_bytes("texto")),
        ("informe.doc", pdf_bytes("texto")),
        ("imagen.md", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(name, data):
    with pytest.raises(ValidationError) as error:
        document_file_validate(uploaded=upload(name, data))
    assert error.value.code == "content"


def test_an_extension_outside_the_list_is_refused_with_a_translated_message():
    with pytest.raises(ValidationError) as error:
        document_file_validate(uploaded=upload("programa.exe", EXECUTABLE))
    assert error.value.code == "extension"
    with translation.override("es"):
        assert "No se aceptan archivos de tipo «exe»" in error.value.messages[0]
    with translation.override("en"):
        assert "Files of type “exe” are not accepted" in error.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        document_file_validate(uploaded=upload("vacio.pdf", b""))
    assert error.value.code == "empty"


def test_a_file_over_the_configured_size_is_refused(settings):
    settings.DOCUMENTS_MAX_UPLOAD_SIZE = 100
    with pytest.raises(ValidationError) as error:
        document_file_validate(uploaded=upload("largo.txt", b"a" * 101))
    assert error.value.code == "too_large"
    with translation.override("en"):
        assert "The largest file accepted is 100" in error.value.messages[0]
    document_file_validate(uploaded=upload("justo.txt", b"a" * 100))


def test_a_corrupt_pdf_is_kept_and_flagged_not_indexed():
    document = DocumentFactory()
    version = document_file_attach(
        document=document,
        language="es",
        uploaded=upload("roto.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage"),
    )
    assert DocumentFile.objects.filter(pk=version.pk).exists()
    assert version.extraction_status == DocumentFile.ExtractionStatus.NOT_INDEXED
    with translation.override("en"):
        assert version.extraction_note_display
    with translation.override("es"):
        assert "PDF" in version.extraction_note_display
    assert version.file.storage.exists(version.file.name)


def test_a_pdf_without_a_text_layer_is_flagged_as_probably_scanned():
    version = document_file_attach(
        document=DocumentFactory(), language="es", uploaded=upload("escaneado.pdf", pdf_bytes(""))
    )
    assert version.extraction_status == DocumentFile.ExtractionStatus.NOT_INDEXED
    with translation.override("en"):
        assert "scanned" in version.extraction_note_display


def test_a_new_upload_in_the_same_language_replaces_the_previous_one():
    document = DocumentFactory()
    first = document_file_attach(
        document=document, language="es", uploaded=upload("v1.txt", b"primera version")
    )
    second = document_file_attach(
        document=document, language="es", uploaded=upload("v2.txt", b"segunda version")
    )
    assert first.pk == second.pk
    assert DocumentFile.objects.filter(document=document).count() == 1
    document.refresh_from_db()
    assert "segunda" in document.search_text and "primera" not in document.search_text


def test_the_text_of_every_language_version_is_searchable_and_leaves_with_its_file():
    document = DocumentFactory()
    document_file_attach(document=document, language="es", uploaded=upload("a.txt", b"remesas"))
    english = document_file_attach(
        document=document, language="en", uploaded=upload("b.txt", b"remittances")
    )
    document.refresh_from_db()
    assert "remesas" in document.search_text and "remittances" in document.search_text
    document_file_delete(document_file=english)
    document.refresh_from_db()
    assert "remittances" not in document.search_text
    assert Document.objects.filter(search_vector="remesas").exists()


def test_extraction_can_be_run_again_after_the_stored_file_changed():
    document = DocumentFactory()
    version = document_file_attach(
        document=document, language="es", uploaded=upload("a.txt", b"texto inicial")
    )
    with version.file.storage.open(version.file.name, "wb") as stored:
        stored.write(b"texto corregido")
    document_file_extract(document_file=version)
    document.refresh_from_db()
    assert "corregido" in document.search_text

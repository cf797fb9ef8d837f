"""Writes with rules for the library: check uploads, store language versions, read their text."""

import io
import logging
import os
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from documents import extraction, selectors
from documents.models import SEARCH_TEXT_MAX_CHARS, Document, DocumentFile
from documents.selectors import (
    RECENT_TEXT_INDEX_PREFIX,
    RecentTextIndex,
    document_search_indexes,
)

logger = logging.getLogger(__name__)

DEFAULT_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Limits of reading a file's text (documents.extraction runs it in a child process). An
# archive (DOCX, XLSX, PPTX, ODT) may expand to MAX_EXPANDED_SIZE; longer texts are cut at
# MAX_TEXT_CHARS (the search column keeps far less); the child gets EXTRACTION_TIMEOUT
# seconds and EXTRACTION_MEMORY bytes of address space, then the file is kept not indexed.
MAX_EXPANDED_SIZE = 50 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000
EXTRACTION_TIMEOUT = 60
EXTRACTION_MEMORY = 512 * 1024 * 1024
OLE2_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class FileFormat:
    extension: str
    content_type: str
    label: str


FORMATS = {
    "pdf": FileFormat("pdf", "application/pdf", "PDF"),
    "docx": FileFormat(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (DOCX)",
    ),
    "doc": FileFormat("doc", "application/msword", "Word 97-2003 (DOC)"),
    "odt": FileFormat("odt", "application/vnd.oasis.opendocument.text", "OpenDocument (ODT)"),
    "xlsx": FileFormat(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel (XLSX)",
    ),
    "pptx": FileFormat(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint (PPTX)",
    ),
    "txt": FileFormat("txt", "text/plain; charset=utf-8", "Text (TXT)"),
    "md": FileFormat("md", "text/markdown; charset=utf-8", "Markdown (MD)"),
}
ALLOWED_EXTENSIONS = tuple(FORMATS)
# The folder inside an Office Open XML package that tells Word, Excel and PowerPoint apart.
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def max_upload_size() -> int:
    return int(getattr(settings, "DOCUMENTS_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE))


def _read_all(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _zip_names(data: bytes) -> list[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def _content_matches(extension: str, data: bytes) -> bool:
    """Check the bytes, not the name: a renamed program must not pass as a PDF."""
    if extension == "pdf":
        return data[:1024].lstrip().startswith(b"%PDF-")
    if extension == "doc":
        return data.startswith(OLE2_HEADER)
    if extension in OOXML_PARTS:
        names = _zip_names(data)
        return (
            bool(names)
            and "[Content_Types].xml" in names
            and any(name.startswith(OOXML_PARTS[extension]) for name in names)
        )
    if extension == "odt":
        names = _zip_names(data)
        if not names or "mimetype" not in names:
            return False
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("mimetype").strip() == FORMATS["odt"].content_type.encode()
    if extension in ("txt", "md"):
        # A known binary signature (an executable, an image, an archive) is never text.
        if filetype.guess(data[:8192]) is not None:
            return False
        return extraction.decode_text(data) is not None
    return False


def document_file_validate(*, uploaded) -> FileFormat:
    """Check an upload's size, extension and content; return its format or raise."""
    name = getattr(uploaded, "name", "") or ""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension not in FORMATS:
        raise ValidationError(
            _(
                "Files of type “%(extension)s” are not accepted. Upload a PDF, DOCX, DOC, "
                "ODT, XLSX, PPTX, TXT or MD file."
            ),
            code="extension",
            params={"extension": extension or "?"},
        )
    size = uploaded.size
    if size is None:
        size = len(_read_all(uploaded))
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = max_upload_size()
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The largest file accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    data = _read_all(uploaded)
    if not _content_matches(extension, data):
        raise ValidationError(
            _(
                "The content of this file is not a valid %(format)s file, whatever its name "
                "says. Save it again in that format, or upload the original."
            ),
            code="content",
            params={"format": FORMATS[extension].label},
        )
    if extension in extraction.ZIP_FORMATS:
        # A zip bomb is refused on what its members declare, before anything inflates them;
        # the extraction child counts again while reading, in case the declarations lie.
        expanded = extraction.declared_expanded_size(data) or 0
        if expanded > MAX_EXPANDED_SIZE:
            raise ValidationError(
                _(
                    "The file expands to more than %(limit)s when unpacked (%(size)s), which "
                    "the library does not accept. Save it again without large embedded images "
                    "or split it into several files."
                ),
                code="expands_too_much",
                params={
                    "limit": filesizeformat(MAX_EXPANDED_SIZE),
                    "size": filesizeformat(expanded),
                },
            )
    return FORMATS[extension]


# Why a file is not indexed, stored as the English msgid and translated when shown.
EXTRACTION_REASONS = {
    extraction.ENCRYPTED_PDF: _("The PDF is encrypted."),
    extraction.DAMAGED_PDF: _("The PDF is damaged and could not be read."),
    extraction.UNDECODABLE_TEXT: _("The text file could not be decoded."),
    extraction.DAMAGED: _("The file is damaged and its text could not be read."),
    extraction.EXPANDS_TOO_MUCH: _(
        "The file expands to too much data when unpacked; it was kept but not indexed."
    ),
    extraction.TIMEOUT: _("Reading the file's text took too long; it was kept but not indexed."),
    extraction.MEMORY: _(
        "Reading the file's text needed too much memory; it was kept but not indexed."
    ),
    extraction.CRASHED: _(
        "Reading the file's text needed too much memory or time; it was kept but not indexed."
    ),
}
NO_EXTRACTOR_REASON = _("Text cannot be read from this format (Word 97-2003).")
NO_TEXT_REASON = _("The file has no text layer (a scanned document?).")


class ExtractionFailed(Exception):
    """The file's text could not be read; the message says why (shown to staff)."""


def extract_text(*, file_format: str, data: bytes) -> str:
    """Return the text of a file, read in a limited child process, or raise ExtractionFailed."""
    if file_format not in extraction.EXTRACTORS:
        raise ExtractionFailed(NO_EXTRACTOR_REASON)
    try:
        text = extraction.extract_in_child(
            file_format=file_format,
            data=data,
            timeout=EXTRACTION_TIMEOUT,
            memory=EXTRACTION_MEMORY,
            max_expanded=MAX_EXPANDED_SIZE,
            max_chars=MAX_TEXT_CHARS,
        )
    except extraction.ExtractionFailed as failure:
        logger.info("Text extraction failed for a %s file: %s", file_format, failure.code)
        reason = EXTRACTION_REASONS.get(failure.code, EXTRACTION_REASONS[extraction.DAMAGED])
        raise ExtractionFailed(reason) from failure
    if not text:
        raise ExtractionFailed(NO_TEXT_REASON)
    return text


def document_refresh_search_text(*, document: Document) -> Document:
    """Copy the text of every language version onto the document, for its search column."""
    texts = (
        DocumentFile.objects.filter(
            document=document, extraction_status=DocumentFile.ExtractionStatus.INDEXED
        )
        .order_by("language")
        .values_list("extracted_text", flat=True)
    )
    per_file = SEARCH_TEXT_MAX_CHARS // 3
    document.search_text = "\n\n".join(text[:per_file] for text in texts)
    Document.objects.filter(pk=document.pk).update(search_text=document.search_text)
    return document


@transaction.atomic
def document_file_extract(*, document_file: DocumentFile, refresh: bool = True) -> DocumentFile:
    """Read (again) the text of a stored language version and update the document's search."""
    try:
        with document_file.file.open("rb") as stored:
            data = stored.read()
        text = extract_text(file_format=document_file.file_format, data=data)
    except (ExtractionFailed, OSError) as problem:
        reason = (
            problem.args[0]
            if isinstance(problem, ExtractionFailed)
            else _("The stored file could not be opened.")
        )
        document_file.extracted_text = ""
        document_file.extraction_status = DocumentFile.ExtractionStatus.NOT_INDEXED
        # Stored as the English msgid and translated when shown, whoever reads it later.
        with translation.override("en"):
            document_file.extraction_note = str(reason)[:255]
    else:
        document_file.extracted_text = text
        document_file.extraction_status = DocumentFile.ExtractionStatus.INDEXED
        document_file.extraction_note = ""
    document_file.save(
        update_fields=["extracted_text", "extraction_status", "extraction_note", "updated_at"]
    )
    if refresh:
        document_refresh_search_text(document=document_file.document)
    return document_file


@transaction.atomic
def document_file_attach(
    *, document: Document, language: str, uploaded, replace: bool = True
) -> DocumentFile:
    """Check an upload, store it as the document's version in a language and read its text."""
    file_format = document_file_validate(uploaded=uploaded)
    existing = DocumentFile.objects.filter(document=document, language=language).first()
    if existing is not None and not replace:
        raise ValidationError(
            _("This document already has a file in this language."), code="duplicate"
        )
    document_file = existing or DocumentFile(document=document, language=language)
    old_name = existing.file.name if existing is not None else None
    original_name = os.path.basename(uploaded.name)
    data = _read_all(uploaded)
    document_file.file.save(original_name, ContentFile(data), save=False)
    document_file.original_filename = original_name[:255]
    document_file.size = len(data)
    document_file.content_type = file_format.content_type
    document_file.file_format = file_format.extension
    document_file.extraction_status = DocumentFile.ExtractionStatus.PENDING
    document_file.full_clean()
    document_file.save()
    if old_name and old_name != document_file.file.name:
        # Delete the replaced bytes only once the new row is committed.
        storage = document_file.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return document_file_extract(document_file=document_file)


@transaction.atomic
def document_file_delete(*, document_file: DocumentFile) -> None:
    """Remove a language version, its stored bytes and its text from the search."""
    document = document_file.document
    name = document_file.file.name
    storage = document_file.file.storage
    document_file.delete()
    document_refresh_search_text(document=document)
    if name:
        transaction.on_commit(lambda: storage.delete(name))


_RECENT_TEXT_INDEX_LOCK = 0x0C12_5EA2  # pg_advisory_lock key: one refresh at a time
# The index starts this many documents further back than the search's window, so that a
# few newest documents deleted do not leave the window reaching before the index.
_RECENT_TEXT_MARGIN = 5


def document_search_index_refresh() -> RecentTextIndex | None:
    """Build the newest documents' text index again when the search window has left it.

    A search reads the newest SEARCH_WINDOW documents first (documents.selectors). The
    library's own text index lists every document a word is found in, so reading it grows
    with the library; a partial index of the newest documents alone keeps that read the
    same size whatever the library holds. Postgres uses it whenever the search's window
    starts on or after its first date: new documents enter it as they are saved, so it
    only needs building again when the window has moved on far (the index has grown to
    twice the window) or back before it (the newest documents deleted). Run daily on the
    task queue and after migrate; safe to repeat and to run while the portal serves.
    """
    window = selectors.SEARCH_WINDOW
    table = Document._meta.db_table
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            # Held until the caller's transaction ends: no unlock to fail in a failed one.
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_RECENT_TEXT_INDEX_LOCK])
            if not cursor.fetchone()[0]:
                return None  # another refresh is running
            return _recent_text_index_refresh(cursor, table, window)
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_RECENT_TEXT_INDEX_LOCK])
        if not cursor.fetchone()[0]:
            return None  # another refresh is running
        try:
            return _recent_text_index_refresh(cursor, table, window)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_RECENT_TEXT_INDEX_LOCK])


def _recent_text_index_refresh(cursor, table: str, window: int) -> RecentTextIndex | None:
    """Keep, build or drop the recent-text index (the caller holds the refresh lock)."""
    # Outside a transaction the index is built and dropped CONCURRENTLY (the library stays
    # writable); inside one (a test, a caller's atomic block) Postgres refuses that.
    concurrently = "" if connection.in_atomic_block else " CONCURRENTLY"
    if connection.in_atomic_block:
        # Postgres builds no index on a table whose rows this transaction wrote while their
        # deferred foreign-key checks are pending: they are run now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    indexes = document_search_indexes()
    for index in indexes:
        if not index.valid:  # a concurrent build that was interrupted
            cursor.execute(f'DROP INDEX{concurrently} IF EXISTS "{index.name}"')
    indexes = [index for index in indexes if index.valid]
    newest = Document.objects.order_by("-date", "-pk").values_list("date", flat=True)
    reach = window + window // _RECENT_TEXT_MARGIN
    since = newest[reach - 1 : reach].first()
    wanted = None
    # A library smaller than the reach has no index of its own: the whole library's is as
    # small.
    if since is not None:
        window_start = selectors.document_search_window_start()
        current = indexes[0] if indexes else None
        grown = current and newest.filter(date__gte=current.since)[2 * window :].exists()
        if current is not None and current.since <= window_start and not grown:
            wanted = current
        else:
            wanted = RecentTextIndex(
                name=f"{RECENT_TEXT_INDEX_PREFIX}{since:%Y%m%d}", since=since, valid=True
            )
            cursor.execute(
                f'CREATE INDEX{concurrently} IF NOT EXISTS "{wanted.name}" ON "{table}"'
                ' USING gin ("search_vector") WHERE "date" >= %s',
                [since],
            )
    for index in indexes:
        if wanted is None or index.name != wanted.name:
            cursor.execute(f'DROP INDEX{concurrently} IF EXISTS "{index.name}"')
    if [index.name for index in indexes] != ([wanted.name] if wanted else []):
        # Searches split the library at the index's first date (document_search_split),
        # kept with the listing figures: they are counted again.
        selectors.document_listing_figures_forget()
    return wanted

"""Read the text of a stored file in a child process, within limits of size, time and memory.

This module imports no Django: it is what the extraction child runs. A file is parsed in a
process forked from a small server process (multiprocessing's "forkserver"), never in the
web worker: the child gets an address-space limit (RLIMIT_AS) and a deadline, so a hostile
file (a zip bomb, a PDF with huge streams, a parser loop) costs a child, not a worker.
Failures come back as codes; documents.services turns them into translated reasons.
"""

import importlib
import io
import multiprocessing
import os
import resource
import zipfile
from multiprocessing import context, forkserver, popen_forkserver, reduction, spawn, util

from core.text import markdown_plain

# Why a file's text was not read (documents.services maps each code to a message).
ENCRYPTED_PDF = "encrypted_pdf"
DAMAGED_PDF = "damaged_pdf"
UNDECODABLE_TEXT = "undecodable_text"
DAMAGED = "damaged"
EXPANDS_TOO_MUCH = "expands_too_much"
TIMEOUT = "timeout"
MEMORY = "memory"
CRASHED = "crashed"

# Formats that are zip archives: their expanded size is what a bomb inflates.
ZIP_FORMATS = frozenset({"docx", "xlsx", "pptx", "odt"})
_CHUNK = 1024 * 1024

# Each format's extractor, named "module:function" so the child imports it itself.
EXTRACTORS = {
    "pdf": "documents.extraction:extract_pdf",
    "docx": "documents.extraction:extract_docx",
    "pptx": "documents.extraction:extract_pptx",
    "xlsx": "documents.extraction:extract_xlsx",
    "odt": "documents.extraction:extract_odt",
    "txt": "documents.extraction:extract_text_file",
    "md": "documents.extraction:extract_markdown",
}

# Imported once by the fork server, so each child starts with its parsers loaded (a fork
# costs milliseconds; importing python-docx, python-pptx and openpyxl costs half a second).
PRELOAD = [
    "documents.extraction",
    "pypdf",
    "docx",
    "pptx",
    "openpyxl",
    "odf.opendocument",
    "documents.extraction_preload",
]
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)


class _ChildPopen(popen_forkserver.Popen):
    """Start a forkserver child without re-running the parent's main script in it.

    multiprocessing makes every child import the main script again (pytest, gunicorn,
    manage.py): 100 ms per file, more than the extraction. The child runs only functions of
    this module, so its preparation leaves the main script out. (_launch as in Python 3.11.)
    """

    def _launch(self, process_obj):
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        _parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _ChildProcess(_context.Process):
    @staticmethod
    def _Popen(process_obj):
        return _ChildPopen(process_obj)


class ExtractionFailed(Exception):
    """The file's text could not be read; args[0] is one of the codes above."""

    @property
    def code(self) -> str:
        return self.args[0]


def decode_text(data: bytes) -> str | None:
    """Return the text of a plain-text file, or None when it is not text."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def declared_expanded_size(data: bytes) -> int | None:
    """Return the total size an archive's members say they expand to, or None if no zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def check_expanded_size(data: bytes, limit: int) -> None:
    """Inflate every member, counting, and stop past limit: declared sizes may lie."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > limit:
                raise ExtractionFailed(EXPANDS_TOO_MUCH)
            total = 0
            for info in archive.infolist():
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise ExtractionFailed(EXPANDS_TOO_MUCH)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise ExtractionFailed(DAMAGED) from error


def extract_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionFailed(ENCRYPTED_PDF)
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except ExtractionFailed:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise ExtractionFailed(DAMAGED_PDF) from error


def extract_docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def extract_pptx(data: bytes) -> str:
    from pptx import Presentation

    parts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
    return "\n".join(parts)


def extract_xlsx(data: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts = []
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if value not in (None, "")]
                if cells:
                    parts.append(" ".join(cells))
    finally:
        workbook.close()
    return "\n".join(parts)


def extract_odt(data: bytes) -> str:
    from odf import teletype
    from odf import text as odf_text
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    return "\n".join(
        teletype.extractText(element)
        for element in document.getElementsByType(odf_text.P)
        + document.getElementsByType(odf_text.H)
    )


def extract_text_file(data: bytes) -> str:
    text = decode_text(data)
    if text is None:
        raise ExtractionFailed(UNDECODABLE_TEXT)
    return text


def extract_markdown(data: bytes) -> str:
    # Indexed as prose: "# Plan de trabajo" must not come back in a snippet with its "#".
    return markdown_plain(extract_text_file(data))


def _resolve(dotted: str):
    module_name, _sep, function_name = dotted.partition(":")
    return getattr(importlib.import_module(module_name), function_name)


def extract(
    *, extractor: str, file_format: str, data: bytes, max_expanded: int, max_chars: int
) -> str:
    """Return a file's text, at most max_chars long; raise ExtractionFailed with a code."""
    if file_format in ZIP_FORMATS:
        check_expanded_size(data, max_expanded)
    try:
        text = _resolve(extractor)(data)
    except (ExtractionFailed, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 -- any parser failure means "not indexed"
        raise ExtractionFailed(DAMAGED) from error
    # Cut before cleaning: a search column keeps far less than this anyway.
    return text[:max_chars].replace("\x00", "").strip()


def _child(connection, memory: int, cpu_seconds: int, kwargs: dict) -> None:
    """Run in the child: limit the address space and CPU, extract, send the outcome."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    try:
        outcome = ("ok", extract(**kwargs))
    except ExtractionFailed as failure:
        outcome = ("failed", failure.code)
    except MemoryError:
        outcome = ("failed", MEMORY)
    try:
        connection.send(outcome)
    except MemoryError:
        connection.send(("failed", MEMORY))
    finally:
        connection.close()


def extract_in_child(
    *,
    file_format: str,
    data: bytes,
    timeout: float,
    memory: int,
    max_expanded: int,
    max_chars: int,
) -> str:
    """Extract in a child process limited to memory bytes and timeout seconds."""
    kwargs = {
        "extractor": EXTRACTORS[file_format],
        "file_format": file_format,
        "data": data,
        "max_expanded": max_expanded,
        "max_chars": max_chars,
    }
    receiver, sender = _context.Pipe(duplex=False)
    process = _ChildProcess(
        target=_child, args=(sender, memory, int(timeout) + 1, kwargs), daemon=True
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise ExtractionFailed(TIMEOUT)
        try:
            status, value = receiver.recv()
        except EOFError as error:
            # The child died without a word: killed for its memory or its CPU time.
            raise ExtractionFailed(CRASHED) from error
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if status != "ok":
        raise ExtractionFailed(value)
    return value

"""Factories for the library's models, and small files of every accepted format."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, DocumentFile, ThematicAxis


class ThematicAxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThematicAxis
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"axis-{n}")
    name_es = factory.Sequence(lambda n: f"Eje {n}")
    name_en = factory.Sequence(lambda n: f"Axis {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title_es = factory.Sequence(lambda n: f"Informe regional número {n}")
    title_en = factory.Sequence(lambda n: f"Regional report number {n}")
    summary_es = "Resumen del informe sobre cooperación regional."
    summary_en = "Summary of the report on regional cooperation."
    date = datetime.date(2024, 5, 10)
    type = Document.Type.REPORT
    author_kind = Document.AuthorKind.SECRETARIAT
    distribution = Document.Distribution.PUBLIC
    original_language = "es"


class DocumentFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentFile

    document = factory.SubFactory(DocumentFactory)
    language = "es"
    file = factory.django.FileField(filename="informe.txt", data=b"Texto del informe.")
    size = 18
    content_type = "text/plain; charset=utf-8"
    file_format = "txt"
    extraction_status = DocumentFile.ExtractionStatus.INDEXED


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF whose text layer says text (Latin-1 characters only)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({_pdf_escape(text)}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pptx_bytes(text: str) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(5), Inches(1))
    box.text_frame.text = text
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def xlsx_bytes(text: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = text
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def odt_bytes(text: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text=text))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)

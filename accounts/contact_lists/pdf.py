"""The contact list as a print-ready PDF (WeasyPrint), headings in the active language.

A long list is rendered in parts of at most PART_ROWS rows, each written to PDF bytes before
the next one starts: WeasyPrint keeps a document's whole layout in memory until it is
written, so the peak stays that of one part whatever the list's length. The parts are joined
with pypdf (each part's bookmarks kept), then a document of footers alone ("produced on",
"page n / N", known only once every part is done) is stamped on the joined pages.
"""

import mimetypes
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from accounts.contact_lists.rows import ContactList, ContactRow

# Only this origin is read while rendering; its paths map to the portal's static files.
PDF_BASE_URL = "https://portal.invalid/"
# The stylesheet names the font "DejaVu Sans": .ci/run installs fonts-dejavu-core (it is on
# the machine image); a font that is missing would fall back silently.
STYLESHEET = "accounts/contact-list-print.css"
# Rows per part: a country is split only when it alone has more. About 15 pages and 25 MiB.
PART_ROWS = 250


class StaticFilesOnlyFetcher(URLFetcher):
    """Serve the portal's static files to WeasyPrint and refuse every other address."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        base = urlsplit(PDF_BASE_URL)
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(
            static_prefix
        ):
            raise ValueError(f"Only the portal's static files may be read: {url}")
        relative = parts.path[len(static_prefix) :]
        path = finders.find(relative) if ".." not in relative.split("/") else None
        if not path:
            raise ValueError(f"No such static file: {relative}")
        with open(path, "rb") as handle:
            body = handle.read()
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime_type}, 200)


@dataclass(frozen=True)
class Section:
    """A country's rows within one part, and whether the country began in an earlier part."""

    country: str
    rows: list[ContactRow]
    continued: bool = False


def contact_list_parts(
    contact_list: ContactList, *, size: int | None = None
) -> list[list[Section]]:
    """Split the list, in its order, into parts of whole countries (a long one over several)."""
    size = size or PART_ROWS
    parts: list[list[Section]] = []
    current: list[Section] = []
    filled = 0
    for country, rows in contact_list.by_country():
        for start in range(0, len(rows), size):
            piece = rows[start : start + size]
            if current and filled + len(piece) > size:
                parts.append(current)
                current, filled = [], 0
            current.append(Section(country, piece, continued=start > 0))
            filled += len(piece)
    if current:
        parts.append(current)
    return parts or [[]]


def _context(contact_list: ContactList, **extra) -> dict:
    return {
        "contact_list": contact_list,
        # A plain static path (not the hashed name of collectstatic's manifest): the fetcher
        # reads it through the static files finders.
        "stylesheet": "/" + settings.STATIC_URL.lstrip("/") + STYLESHEET,
        "LANGUAGE_CODE": get_language(),
        **extra,
    }


def contact_list_html(contact_list: ContactList, *, sections: list[Section], first: bool) -> str:
    """Render one part's printable HTML in the active language."""
    people = len(contact_list.people()) if first else 0
    return render_to_string(
        "accounts/contact_list_pdf.html",
        _context(contact_list, sections=sections, first=first, people=people),
    )


def _render(html: str) -> bytes:
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFilesOnlyFetcher())
    return document.write_pdf()


def contact_list_pdf(contact_list: ContactList) -> bytes:
    """Render the list as a PDF, reading nothing but the portal's static files."""
    writer = PdfWriter()
    for number, sections in enumerate(contact_list_parts(contact_list)):
        part = _render(contact_list_html(contact_list, sections=sections, first=number == 0))
        writer.append(BytesIO(part))
    footers = _render(
        render_to_string(
            "accounts/contact_list_pdf_footer.html",
            _context(contact_list, pages=range(len(writer.pages))),
        )
    )
    for page, footer in zip(writer.pages, PdfReader(BytesIO(footers)).pages, strict=True):
        page.merge_page(footer)
        page.compress_content_streams()  # merging leaves the page's content uncompressed
    writer.add_metadata({"/Title": f"{_('Contact list')}: {contact_list.title}"})
    writer.root_object[NameObject("/Lang")] = TextStringObject(get_language() or "es")
    output = BytesIO()
    writer.write(output)
    return output.getvalue()

"""The contact list as a print-ready PDF (WeasyPrint), headings in the active language."""

import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from accounts.contact_lists.rows import ContactList

# Only this origin is read while rendering; its paths map to the portal's static files.
PDF_BASE_URL = "https://portal.invalid/"
# The stylesheet names the font "DejaVu Sans": .ci/run installs fonts-dejavu-core (it is on
# the machine image); a font that is missing would fall back silently.
STYLESHEET = "accounts/contact-list-print.css"


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


def contact_list_html(contact_list: ContactList) -> str:
    """Render the list's printable HTML in the active language."""
    return render_to_string(
        "accounts/contact_list_pdf.html",
        {
            "contact_list": contact_list,
            "countries": contact_list.by_country(),
            # A plain static path (not the hashed name of collectstatic's manifest): the
            # fetcher reads it through the static files finders.
            "stylesheet": "/" + settings.STATIC_URL.lstrip("/") + STYLESHEET,
            "LANGUAGE_CODE": get_language(),
        },
    )


def contact_list_pdf(contact_list: ContactList) -> bytes:
    """Render the list as a PDF, reading nothing but the portal's static files."""
    document = HTML(
        string=contact_list_html(contact_list),
        base_url=PDF_BASE_URL,
        url_fetcher=StaticFilesOnlyFetcher(),
    )
    return document.write_pdf()

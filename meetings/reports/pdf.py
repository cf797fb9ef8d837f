"""The report as a print-ready PDF (WeasyPrint): A4, page numbers, a cover; no network."""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from meetings.reports import charts
from meetings.reports.selectors import Report

# A base address of our own: relative links resolve under it and nothing else is fetched.
BASE_URL = "https://crm-portal.invalid/"
PDF_TEMPLATE = "meetings/report_pdf.html"


class StaticFilesFetcher(URLFetcher):
    """Fetch only the portal's own static files; every other address fails."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        static_prefix = urlsplit(settings.STATIC_URL).path
        if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(
            static_prefix
        ):
            raise ValueError(f"Not a static file of the portal: {url}")
        relative = unquote(parts.path[len(static_prefix) :])
        if ".." in relative.split("/"):
            raise ValueError(f"Not a static file of the portal: {url}")
        found = finders.find(relative)
        if not found:
            raise ValueError(f"No such static file: {url}")
        with open(found, "rb") as stored:
            body = stored.read()
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def report_context(report: Report) -> dict:
    """What both the page and the PDF show, pictures included."""
    return {
        "report": report,
        "coverage_chart": charts.coverage_svg(report.coverage),
        "indicators_chart": charts.indicators_svg(report.indicators) if report.indicators else "",
        "seat_labels": charts.seat_labels(),
    }


def report_html(report: Report, *, language: str) -> str:
    """Render the print version of the report in a language."""
    with translation.override(language):
        return render_to_string(PDF_TEMPLATE, {**report_context(report), "language": language})


def report_pdf(report: Report, *, language: str) -> bytes:
    """Produce the report's PDF in a language."""
    html = report_html(report, language=language)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf()

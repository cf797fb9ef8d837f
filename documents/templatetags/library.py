"""Template helpers of the library: its list's items, and for the home page its latest."""

import functools
from html import escape

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.models import choice_labels
from documents.models import Document
from focal_points.models import Language

register = template.Library()

LATEST_COUNT = 5


@register.simple_tag
def latest_public_documents(count: int = LATEST_COUNT) -> list[Document]:
    """Return the newest public documents (the home page is the same for everyone)."""
    # Only what the home page's list shows: no author, no files (one query, narrow rows).
    shown = ("title", "title_es", "title_en", "type", "date", "date_precision")
    return list(Document.objects.visible_to(None).only(*shown).order_by("-date", "-pk")[:count])


@functools.lru_cache(maxsize=8)
def _labels(language: str) -> tuple[dict, dict, dict, str, str, str]:
    """Return the list's fixed words in one language (types, distributions, languages...)."""
    with translation.override(language):
        return (
            choice_labels(Document.Type),
            choice_labels(Document.Distribution),
            choice_labels(Language),
            escape(gettext("Spanish version")),
            escape(gettext("Available in:")),
            escape(Document(author_kind=Document.AuthorKind.SECRETARIAT).author_display),
        )


@functools.lru_cache(maxsize=4096)
def _date_shown(day, precision: str, language: str) -> str:
    """Write a document's date as Document.date_display does, once per day and language."""
    return escape(Document(date=day, date_precision=precision).date_display)


@functools.lru_cache(maxsize=16)
def _detail_prefix(language: str, script_prefix: str) -> str:
    """Return the address of document 0 in a language, without its number."""
    return reverse("documents:detail", args=[0])[: -len("0/")]


def _detail_address(pk: int, language: str) -> str:
    """Write a document's address from document 0's: reverse() per item cost 2 ms a page."""
    return f"{_detail_prefix(language, get_script_prefix())}{pk}/"


def _title(document: Document, language: str) -> str:
    """Return the title as modeltranslation shows it: in language, else in the other one.

    Read from its columns: the descriptor's own work cost as much as the rest of an item.
    """
    first, other = ("es", "en") if language == "es" else ("en", "es")
    return getattr(document, f"title_{first}") or getattr(document, f"title_{other}") or ""


def _author(document: Document, authors, secretariat: str) -> str:
    """Name a document's author, escaped (the Secretariat's name is the same for all)."""
    if document.author_kind == Document.AuthorKind.SECRETARIAT:
        return secretariat
    return escape(str(authors.of(document) if authors is not None else document.author_display))


def library_item(document: Document, authors=None) -> SafeString:
    """Write one document of the library's list (written here, not by the template engine).

    Twenty items through the template engine were a fifth of a search page (make bench),
    and format_html per piece half of what was left; the markup is the one the list always
    had. authors: documents.selectors.AuthorNames, for documents read without their author.
    """
    full_language = translation.get_language() or "es"
    language = full_language[:2]
    labels = _labels(language)
    types, distributions, languages_shown, spanish_version, available_in, secretariat = labels
    # As Document.shown_in_spanish_fallback says, with the language read once.
    fallback = language != "es" and not (document.title_en or "").strip()
    address = _detail_address(document.pk, full_language)
    parts = [
        f'<li class="document-item">\n    <h2><a href="{address}"',
        ' lang="es">' if fallback else ">",
        escape(_title(document, language)),
        "</a>",
        f' <span class="badge">{spanish_version}</span>' if fallback else "",
        '</h2>\n    <p class="document-meta muted">',
        f'<span class="symbol">{escape(document.symbol)}</span> · ' if document.symbol else "",
        escape(types.get(document.type, document.type)),
        " · ",
        _date_shown(document.date, document.date_precision, language),
        " · ",
        _author(document, authors, secretariat),
    ]
    if not document.is_public:
        shown = distributions.get(document.distribution, document.distribution)
        parts.append(f' · <span class="badge badge-warn">{escape(shown)}</span>')
    parts.append("</p>")
    snippet = getattr(document, "snippet", None)
    if snippet:
        # Quoted from the document, in whatever language its text is: lang="" (unknown).
        parts.append(f'\n    <p class="snippet" lang="">{conditional_escape(snippet)}</p>')
    if hasattr(document, "file_languages"):  # DocumentQuerySet.for_list_page
        languages = document.file_languages or []
    else:
        languages = [version.language for version in document.files.all()]
    if languages:
        badges = "".join(
            f'<span class="badge" lang="{escape(code)}">{escape(languages_shown.get(code, code))}'
            "</span>"
            for code in languages
        )
        parts.append(f'\n    <p class="document-languages">{available_in} {badges}</p>')
    parts.append("\n  </li>")
    return mark_safe("".join(parts))  # noqa: S308 -- every value is escaped above

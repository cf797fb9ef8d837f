"""Template helpers of the library: its list's items, and for the home page its latest."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from documents.models import Document
from focal_points.models import Language

register = template.Library()

# Model._get_FIELD_display builds a dictionary of the choices at every call.
_TYPES = dict(Document.Type.choices)
_DISTRIBUTIONS = dict(Document.Distribution.choices)
_LANGUAGES = dict(Language.choices)

LATEST_COUNT = 5


@register.simple_tag
def latest_public_documents(count: int = LATEST_COUNT) -> list[Document]:
    """Return the newest public documents (the home page is the same for everyone)."""
    # Only what the home page's list shows: no author, no files (one query, narrow rows).
    shown = ("title", "title_es", "title_en", "type", "date", "date_precision")
    return list(Document.objects.visible_to(None).only(*shown).order_by("-date", "-pk")[:count])


@register.simple_tag
def library_item(document: Document) -> SafeString:
    """Write one document of the library's list (written here, not by the template engine).

    Twenty items through the template engine were a fifth of a search page (make bench);
    the markup is the one the list always had.
    """
    fallback = document.shown_in_spanish_fallback
    symbol = (
        format_html('<span class="symbol">{}</span> · ', document.symbol) if document.symbol else ""
    )
    distribution = (
        ""
        if document.is_public
        else format_html(
            ' · <span class="badge badge-warn">{}</span>',
            _DISTRIBUTIONS.get(document.distribution, document.distribution),
        )
    )
    snippet = getattr(document, "snippet", None)
    if hasattr(document, "file_languages"):  # DocumentQuerySet.for_list_page
        languages = document.file_languages or []
    else:
        languages = [version.language for version in document.files.all()]
    return format_html(
        '<li class="document-item">\n'
        '    <h2><a href="{}"{}>{}</a>{}</h2>\n'
        '    <p class="document-meta muted">{}{} · {} · {}{}</p>{}{}\n'
        "  </li>",
        document.get_absolute_url(),
        mark_safe(' lang="es"') if fallback else "",
        document.title,
        format_html(' <span class="badge">{}</span>', gettext("Spanish version"))
        if fallback
        else "",
        symbol,
        _TYPES.get(document.type, document.type),
        document.date_display,
        document.author_display,
        distribution,
        # Quoted from the document, in whatever language its text is: lang="" (unknown).
        format_html('\n    <p class="snippet" lang="">{}</p>', snippet) if snippet else "",
        format_html(
            '\n    <p class="document-languages">{} {}</p>',
            gettext("Available in:"),
            format_html_join(
                "",
                '<span class="badge" lang="{}">{}</span>',
                ((code, _LANGUAGES.get(code, code)) for code in languages),
            ),
        )
        if languages
        else "",
    )

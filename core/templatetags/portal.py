"""Template helpers shared by every page: language links and navigation state."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """Return, per language, the URL of the current page in that language."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "active": code == current}
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def nav_active(context, *url_prefixes: str) -> str:
    """Return 'aria-current=page' when the request path starts with one of the prefixes."""
    request = context.get("request")
    if request and any(request.path.startswith(prefix) for prefix in url_prefixes):
        return mark_safe('aria-current="page"')  # a constant attribute, nothing user-supplied
    return ""


@register.filter
def field_language(field_name: str) -> str:
    """Return the language code of a translated column ("mandate_en" -> "en"), or ""."""
    _stem, _separator, suffix = str(field_name).rpartition("_")
    return suffix if suffix in dict(settings.LANGUAGES) else ""

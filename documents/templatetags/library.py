"""Template helpers of the library for pages of other apps (the home page)."""

from django import template

from documents.models import Document

register = template.Library()

LATEST_COUNT = 5


@register.simple_tag
def latest_public_documents(count: int = LATEST_COUNT) -> list[Document]:
    """Return the newest public documents (the home page is the same for everyone)."""
    return list(Document.objects.visible_to(None).for_listing().order_by("-date", "-pk")[:count])

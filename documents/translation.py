"""Translated fields (_es/_en columns) and, after them, history tracking."""

import pghistory
from modeltranslation.translator import TranslationOptions, register

from core.history.selectors import recent_event_index
from documents.models import Document, DocumentFile, ThematicAxis


@register(ThematicAxis)
class ThematicAxisTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("es",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ("es",)


# Tracked here, after modeltranslation added the _es/_en columns. The generated columns
# cannot be copied into an event table, and the big extracted texts are left out on purpose:
# they are derived from the stored files and would only bloat the history.
pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["search_vector", "search_text", "titles_folded"],
    meta={"indexes": [recent_event_index(Document)]},
)(Document)
pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["extracted_text"],
    meta={"indexes": [recent_event_index(DocumentFile)]},
)(DocumentFile)

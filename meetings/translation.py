"""Translated fields (_es/_en columns) and, after them, history tracking."""

import pghistory
from modeltranslation.translator import TranslationOptions, register

from meetings.models import (
    AgendaItem,
    CalendarToken,
    Invitation,
    Meeting,
    MeetingDocument,
    Participant,
)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "theme", "outcomes")
    required_languages = ("es",)


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "notes")
    required_languages = ("es",)


# History is registered here, after modeltranslation has added the _es/_en columns, so the
# event tables snapshot them too. Trackers remember their model: build new ones for each.
for tracked_model in (
    Meeting,
    AgendaItem,
    MeetingDocument,
    Participant,
    CalendarToken,
    Invitation,
):
    pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())(
        tracked_model
    )

"""Translated fields (_es/_en columns) and, after them, history tracking."""

import pghistory
from modeltranslation.translator import TranslationOptions, register

from core.history.selectors import recent_event_index
from meetings.models import (
    Activity,
    AgendaItem,
    CalendarToken,
    Circular,
    Decision,
    FollowUpNote,
    Indicator,
    Invitation,
    Measurement,
    Meeting,
    MeetingDocument,
    Participant,
    ReportPublication,
    WorkPlan,
)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "theme", "outcomes")
    required_languages = ("es",)


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "notes")
    required_languages = ("es",)


@register(WorkPlan)
class WorkPlanTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("es",)


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("es",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("description", "unit")
    required_languages = ("es",)


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("es",)


@register(FollowUpNote)
class FollowUpNoteTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("es",)


@register(Circular)
class CircularTranslation(TranslationOptions):
    # Both languages unless the sender ticks "one language only": Circular.clean() checks it.
    fields = ("subject", "body")
    required_languages = ()


def _track(model, **options) -> None:
    # Trackers remember their model: build new ones for each.
    pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        meta={"indexes": [recent_event_index(model)]},
        **options,
    )(model)


# History is registered here, after modeltranslation has added the _es/_en columns, so the
# event tables snapshot them too.
for tracked_model in (
    Meeting,
    AgendaItem,
    MeetingDocument,
    Participant,
    CalendarToken,
    Invitation,
    WorkPlan,
    Activity,
    Indicator,
    Measurement,
    FollowUpNote,
    ReportPublication,
    Circular,
):
    _track(tracked_model)
# Delivery rows change once per e-mail: their record is the row itself, not history events.
# A generated tsvector cannot be copied into an event table.
_track(Decision, exclude=["search_vector"])

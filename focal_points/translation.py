"""Translated fields (_es/_en columns) and, after them, history tracking."""

import pghistory
from django.db.models import GeneratedField
from modeltranslation.translator import TranslationOptions, register

from core.history.selectors import recent_event_index
from focal_points.models import (
    Country,
    Designation,
    FocalPoint,
    Institution,
    Presidency,
    WorkingGroup,
)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("es",)


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name", "acronym")
    required_languages = ("es",)


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("name", "acronym", "mandate")
    required_languages = ("es",)


@register(FocalPoint)
class FocalPointTranslation(TranslationOptions):
    fields = ("position",)


@register(Presidency)
class PresidencyTranslation(TranslationOptions):
    fields = ("theme",)


# History is registered here, after modeltranslation has added the _es/_en columns, so the
# event tables snapshot them too. Database triggers record bulk imports and queryset updates.
# Trackers remember the model they were resolved for: build new ones for every model.
# Generated columns (derived from others, written by Postgres) are left out of the events.
for tracked_model in (Country, Institution, WorkingGroup, FocalPoint, Designation, Presidency):
    generated = [f.name for f in tracked_model._meta.fields if isinstance(f, GeneratedField)]
    pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        meta={"indexes": [recent_event_index(tracked_model)]},
        **({"exclude": generated} if generated else {}),
    )(tracked_model)

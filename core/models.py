import functools

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.lookups import Fold


class TimeStampedModel(models.Model):
    """Record when a row was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def localized(field_name: str, language: str | None = None):
    """Return a translated field in the active language, falling back to Spanish."""
    language = (language or get_language() or "es")[:2]
    spanish = F(build_localized_fieldname(field_name, "es"))
    if language == "es":
        return spanish
    return Coalesce(NullIf(F(build_localized_fieldname(field_name, language)), Value("")), spanish)


def localized_either(path: str, language: str | None = None):
    """Return a translated field in the active language, the other one when empty, else ""."""
    language = (language or get_language() or "es")[:2]
    other = "en" if language == "es" else "es"
    return Coalesce(
        NullIf(F(f"{path}_{language}"), Value("")),
        NullIf(F(f"{path}_{other}"), Value("")),
        Value(""),
        output_field=models.CharField(),
    )


def localized_sort_key(field_name: str, language: str | None = None):
    """Return an accent-folded sort key, so "Ángel" sorts with the A's whatever the collation."""
    return Fold(localized(field_name, language))


def constraint_message(model: type[models.Model], name: str) -> str:
    """Return the violation message of one of a model's database constraints."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return str(constraint.get_violation_error_message())


@functools.lru_cache(maxsize=64)
def _choice_labels(choices: type[models.Choices], language: str | None) -> dict:
    return {value: str(label) for value, label in choices.choices}


def choice_labels(choices: type[models.Choices]) -> dict:
    """Return each choice's label in the active language, in the choices' order."""
    # Translated once per language: get_FOO_display builds a dictionary of every choice,
    # translating each label, per call, and a list names a hundred seats (make bench).
    return _choice_labels(choices, get_language())


def choice_label(choices: type[models.Choices], value) -> str:
    """Return a choice's label in the active language (get_FOO_display, translated once)."""
    return choice_labels(choices).get(value, value)

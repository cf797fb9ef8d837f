"""Pieces every admin of the portal shares: rights from the access layer, the form, filters."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import translator

from core.admin import CappedSearchMixin, EditedSinceGuardForm, QuickActionCheckboxMixin
from core.history.admin import HistoryAdminMixin


class AccessAdminMixin(QuickActionCheckboxMixin, CappedSearchMixin):
    """Take every right of an admin from its model's `visible_to` and `writable_by`.

    Django's permissions (the role groups) say what a role may do at all; the QuerySets of
    the access layer say on which rows and when (a former PPT reads, never writes).
    """

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def _writable_rows(self, request):
        """Return the rows request.user may write, built once per request and model."""
        # A page asks for add, change and delete rights several times (the index: every
        # admin's three): the QuerySet is built once, not once per question (make bench).
        known = request.__dict__.setdefault("_writable_rows", {})
        if self.model not in known:
            known[self.model] = self.model._default_manager.writable_by(request.user)
        return known[self.model]

    def _writable(self, request, obj=None) -> bool:
        rows = self._writable_rows(request)
        if rows.query.is_empty():
            return False
        if obj is None or not rows.query.where:
            return True
        return rows.filter(pk=obj.pk).exists()

    def has_add_permission(self, request, *args, **kwargs) -> bool:
        return super().has_add_permission(request, *args, **kwargs) and self._writable(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._writable(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._writable(request, obj)


class _LetterLink:
    """What the file widget shows for a stored letter: its name, linked to the checked view."""

    def __init__(self, file, url):
        self.file = file
        self.url = url

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]


class LetterFileWidget(AdminFileWidget):
    """Link a stored letter to the permission-checked download, never to a media URL."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        if context["widget"]["is_initial"] and instance is not None and instance.pk:
            url = reverse("admin:focal_points_designation_letter", args=[instance.pk])
            context["widget"]["value"] = _LetterLink(value, url)
        return context


LETTER_WIDGET = {models.FileField: {"widget": LetterFileWidget}}


class DirectoryAdminForm(EditedSinceGuardForm):
    """Ask why a directory change is made and refuse saving over someone's newer change."""

    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=255,
        help_text=_("Optional. Kept in the record's history with your name."),
    )

    def discard_non_field_error(self, message: str) -> None:
        """Drop an error a later write resolves (a succession ends the seat's holder)."""
        kept = [e for e in self.non_field_errors().as_data() if message not in e.messages]
        if kept:
            self._errors[NON_FIELD_ERRORS] = self.error_class(
                kept, error_class="nonfield", renderer=self.renderer
            )
        else:
            self._errors.pop(NON_FIELD_ERRORS, None)


class StrictListFilter(admin.SimpleListFilter):
    """A list filter that ignores values it does not offer (a typed or forged address)."""

    def value(self):
        value = super().value()
        offered = {str(key) for key, _label in self.lookup_choices}
        return value if value in offered else None


class TranslationMissingFilter(admin.SimpleListFilter):
    """Records whose English or Spanish text is missing in any translated field."""

    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("en", _("English missing")), ("es", _("Spanish missing"))]

    def queryset(self, request, queryset):
        language = self.value()
        if language not in ("es", "en"):
            return queryset
        condition = Q()
        for field_name in translator.get_options_for_model(queryset.model).fields:
            column = f"{field_name}_{language}"
            # Only fields filled in the other language count: an empty acronym is not missing.
            other = f"{field_name}_{'es' if language == 'en' else 'en'}"
            condition |= (
                (Q(**{f"{column}__isnull": True}) | Q(**{column: ""}))
                & ~Q(**{other: ""})
                & Q(**{f"{other}__isnull": False})
            )
        return queryset.filter(condition)


class DirectoryModelAdmin(HistoryAdminMixin, AccessAdminMixin, TabbedTranslationAdmin):
    form = DirectoryAdminForm

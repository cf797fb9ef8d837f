"""Reference data in the admin: countries, institutions, working groups, presidencies."""

import pghistory
from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from focal_points import access, services
from focal_points.admin.base import (
    DirectoryAdminForm,
    DirectoryModelAdmin,
    TranslationMissingFilter,
)
from focal_points.models import Country, Institution, Presidency, WorkingGroup


def _offered_to_coordinators(request, queryset, lookup: str):
    # Coordinators designate for their own country only: autocompletes offer only its rows.
    country_id = access.coordinator_country_id(request.user)
    if country_id is not None and request.GET.get("field_name"):
        return queryset.filter(**{lookup: country_id})
    return queryset


@admin.register(Country)
class CountryAdmin(DirectoryModelAdmin):
    list_display = ("iso_code", "name", "status", "member_since")
    list_filter = ("status", TranslationMissingFilter)
    search_fields = ("iso_code", "name_es__fold_icontains", "name_en__fold_icontains")

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        return _offered_to_coordinators(request, queryset, "pk"), duplicates


@admin.register(Institution)
class InstitutionAdmin(DirectoryModelAdmin):
    # A website typed without a scheme is taken as https (Django 6's default, asked for now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "acronym", "kind", "country")
    list_filter = ("kind", "country", TranslationMissingFilter)
    list_select_related = ("country",)
    search_fields = (
        "name_es__fold_icontains",
        "name_en__fold_icontains",
        "acronym_es__fold_icontains",
        "acronym_en__fold_icontains",
    )
    autocomplete_fields = ("parent", "country")

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        return _offered_to_coordinators(request, queryset, "country_id"), duplicates


@admin.register(WorkingGroup)
class WorkingGroupAdmin(DirectoryModelAdmin):
    list_display = ("name", "acronym", "slug", "kind", "established_on", "is_active")
    list_filter = ("kind", "is_active", TranslationMissingFilter)
    prepopulated_fields = {"slug": ("acronym_es",)}
    search_fields = ("name_es__fold_icontains", "name_en__fold_icontains")


class PresidencyAdminForm(DirectoryAdminForm):
    """A new presidency may take over from the one in office, which then ends the day before."""

    hands_over = forms.BooleanField(
        label=_("Takes over from the presidency in office"),
        required=False,
        help_text=_(
            "For a new presidency: the presidency in office ends the day before this one starts."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.fields["hands_over"].disabled = True

    def takes_over(self) -> bool:
        """Tell whether saving this form ends the presidency in office."""
        data = self.cleaned_data
        return bool(
            self.instance._state.adding and data.get("hands_over") and data.get("starts_on")
        )

    def _post_clean(self):
        super()._post_clean()
        if not self.instance._state.adding or not self.cleaned_data.get("starts_on"):
            return
        overlap = Presidency.overlap_message()
        if overlap not in self.non_field_errors():
            return
        if not self.takes_over():
            self.add_error("hands_over", _("Tick this box if this presidency takes over."))
        elif not Presidency.objects.overlapping(
            starts_on=self.cleaned_data["starts_on"],
            ends_on=self.cleaned_data.get("ends_on"),
            after_hand_over=True,
        ).exists():
            # Only the presidency in office overlaps, and the hand-over ends it in time.
            self.discard_non_field_error(overlap)


@admin.register(Presidency)
class PresidencyAdmin(DirectoryModelAdmin):
    form = PresidencyAdminForm
    list_display = ("country", "starts_on", "ends_on", "meeting_number")
    list_select_related = ("country",)
    list_filter = (TranslationMissingFilter,)
    autocomplete_fields = ("country",)

    def save_model(self, request, obj, form, change):
        reason = self._history_reason(
            form, _("Changed in the admin") if change else _("Created in the admin")
        )
        with pghistory.context(user=request.user.pk, reason=reason):
            if change:
                services.presidency_update(presidency=obj)
                return
            presidency = services.presidency_hand_over(
                country=obj.country,
                starts_on=obj.starts_on,
                ends_on=obj.ends_on,
                meeting_number=obj.meeting_number,
                theme_es=obj.theme_es or "",
                theme_en=obj.theme_en or "",
            )
        obj.pk = presidency.pk
        obj._state.adding = False
        obj.created_at, obj.updated_at = presidency.created_at, presidency.updated_at

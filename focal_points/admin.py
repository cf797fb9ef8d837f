"""The directory in the admin, for the PPT and the Technical Secretariat."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import PresidencyScopedAdminMixin
from focal_points.admin_sheets import DirectorySheetsMixin
from focal_points.models import (
    Country,
    Designation,
    FocalPoint,
    Institution,
    Presidency,
    WorkingGroup,
)


@admin.register(Country)
class CountryAdmin(PresidencyScopedAdminMixin, TabbedTranslationAdmin):
    list_display = ("iso_code", "name", "status", "member_since")
    list_filter = ("status",)
    search_fields = ("iso_code", "name_es__fold_icontains", "name_en__fold_icontains")


@admin.register(Institution)
class InstitutionAdmin(PresidencyScopedAdminMixin, TabbedTranslationAdmin):
    list_display = ("name", "acronym", "kind", "country")
    list_filter = ("kind", "country")
    list_select_related = ("country",)
    search_fields = (
        "name_es__fold_icontains",
        "name_en__fold_icontains",
        "acronym_es__fold_icontains",
        "acronym_en__fold_icontains",
    )
    autocomplete_fields = ("parent",)


@admin.register(WorkingGroup)
class WorkingGroupAdmin(PresidencyScopedAdminMixin, TabbedTranslationAdmin):
    list_display = ("name", "acronym", "kind", "established_on", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name_es__fold_icontains", "name_en__fold_icontains")


class DesignationInline(admin.TabularInline):
    model = Designation
    extra = 0
    fields = (
        "working_group",
        "country",
        "role",
        "starts_on",
        "ends_on",
        "letter_reference",
        "letter_date",
        "letter_file",
    )
    autocomplete_fields = ("working_group", "country")


@admin.register(FocalPoint)
class FocalPointAdmin(PresidencyScopedAdminMixin, DirectorySheetsMixin, TabbedTranslationAdmin):
    # Spreadsheets (export, template, import with preview): focal_points/admin_sheets.py
    list_display = (
        "family_name",
        "given_name",
        "institution",
        "email",
        "last_verified_on",
        "is_active",
    )
    list_filter = ("is_active", "institution__kind", "institution__country")
    list_select_related = ("institution__country",)
    search_fields = (
        "given_name__fold_icontains",
        "family_name__fold_icontains",
        "email__fold_icontains",
        "institution__name_es__fold_icontains",
        "institution__name_en__fold_icontains",
    )
    autocomplete_fields = ("institution",)
    inlines = [DesignationInline]


@admin.register(Designation)
class DesignationAdmin(PresidencyScopedAdminMixin, admin.ModelAdmin):
    list_display = ("focal_point", "working_group", "country", "role", "starts_on", "ends_on")
    list_filter = ("role", "working_group", "country")
    list_select_related = ("focal_point", "working_group", "country")
    autocomplete_fields = ("focal_point", "working_group", "country")
    search_fields = ("focal_point__family_name__fold_icontains", "letter_reference")


@admin.register(Presidency)
class PresidencyAdmin(PresidencyScopedAdminMixin, TabbedTranslationAdmin):
    list_display = ("country", "starts_on", "ends_on", "meeting_number")
    list_select_related = ("country",)
    autocomplete_fields = ("country",)

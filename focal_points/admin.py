"""The directory in the admin, for the PPT and the Technical Secretariat."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import PresidencyScopedAdminMixin
from focal_points.models import (
    ChangeRequest,
    Country,
    Designation,
    FocalPoint,
    Institution,
    Presidency,
    VerificationRequest,
    WorkingGroup,
)
from focal_points.services import change_request_mark_handled


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
class FocalPointAdmin(PresidencyScopedAdminMixin, ImportExportMixin, TabbedTranslationAdmin):
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


# Self-service: the staff's queue of change requests and the verification sending log.


class HandledFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "handled"

    def lookups(self, request, model_admin):
        return [
            ("no", _("Awaiting action")),
            ("yes", _("Handled")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(handled_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(handled_at__isnull=False)
        return queryset


@admin.register(ChangeRequest)
class ChangeRequestAdmin(PresidencyScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "focal_point",
        "kind",
        "successor_name",
        "successor_email",
        "created_at",
        "handled_at",
    )
    list_filter = (HandledFilter, "kind")
    list_select_related = ("focal_point",)
    search_fields = (
        "focal_point__family_name__fold_icontains",
        "focal_point__given_name__fold_icontains",
        "successor_name__fold_icontains",
    )
    autocomplete_fields = ("focal_point",)
    readonly_fields = ("submitted_by", "handled_at", "handled_by", "created_at")
    actions = ["mark_handled"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    @admin.action(description=_("Mark the selected requests as handled"))
    def mark_handled(self, request, queryset):
        handled = 0
        for change_request in queryset.open():
            change_request_mark_handled(change_request=change_request, handled_by=request.user)
            handled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d request marked as handled.",
                "%(count)d requests marked as handled.",
                handled,
            )
            % {"count": handled},
        )


@admin.register(VerificationRequest)
class VerificationRequestAdmin(admin.ModelAdmin):
    list_display = ("focal_point", "sent_to", "sent_at")
    list_select_related = ("focal_point",)
    date_hierarchy = "sent_at"
    search_fields = ("focal_point__family_name__fold_icontains", "sent_to")

    # The log is written by the sending command only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

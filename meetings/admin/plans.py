"""Work plans, decisions and published reports in the admin, each with its rows inline."""

from django import forms
from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from core.admin import ParentKnownInlineFormSet, SmallTableChoiceField
from core.text import fold
from focal_points.admin.base import AccessAdminMixin, TranslationMissingFilter
from meetings.admin.base import GuardedInlineForm, MeetingHistoryMixin, MeetingRecordAdmin
from meetings.models import (
    Activity,
    Decision,
    FollowUpNote,
    Indicator,
    Measurement,
    ReportPublication,
    WorkPlan,
)

SHORT_TEXT = {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}


class ParentRightsInlineMixin:
    """Inline rows are read and written with the rights of the record they belong to."""

    formset = ParentKnownInlineFormSet  # each row knows its record (no query per row)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def _parent_writable(self, request, obj):
        return self.admin_site._registry[self.parent_model].has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_writable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_writable(request, obj)


class ActivityInline(ParentRightsInlineMixin, TranslationTabularInline):
    model = Activity
    form = GuardedInlineForm
    extra = 0
    show_change_link = True
    # opened_version: each row carries the version it was opened at and is guarded alone.
    fields = (
        "opened_version",
        "position",
        "title",
        "thematic_axis",
        "planned_start",
        "planned_end",
        "status",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("thematic_axis")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "thematic_axis":
            kwargs.setdefault("form_class", SmallTableChoiceField)  # axes read once per page
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class IndicatorInline(ParentRightsInlineMixin, TranslationTabularInline):
    model = Indicator
    form = GuardedInlineForm
    extra = 0
    show_change_link = True
    fields = ("opened_version", "position", "description", "unit", "baseline", "target")


class MeasurementInline(ParentRightsInlineMixin, admin.TabularInline):
    model = Measurement
    form = GuardedInlineForm
    extra = 0
    fields = ("opened_version", "measured_on", "value", "source_document")
    autocomplete_fields = ("source_document",)


class FollowUpNoteInline(ParentRightsInlineMixin, TranslationTabularInline):
    model = FollowUpNote
    form = GuardedInlineForm
    extra = 0
    fields = ("opened_version", "noted_on", "text")
    formfield_overrides = {FollowUpNote._meta.get_field("text").__class__: SHORT_TEXT}


class FoldedSearchMixin:
    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(WorkPlan)
class WorkPlanAdmin(FoldedSearchMixin, MeetingRecordAdmin):
    list_display = ("title", "working_group", "starts_on", "ends_on", "status")
    list_filter = ("status", "working_group", TranslationMissingFilter)
    list_select_related = ("working_group",)
    search_fields = ("title_es__fold_icontains", "title_en__fold_icontains")
    autocomplete_fields = ("working_group", "adopted_at")
    fields = (
        "working_group",
        "title",
        ("starts_on", "ends_on"),
        "status",
        "adopted_at",
        "opened_version",
        "change_reason",
    )
    inlines = [ActivityInline]


@admin.register(Activity)
class ActivityAdmin(FoldedSearchMixin, MeetingRecordAdmin):
    list_display = ("title", "plan", "thematic_axis", "status", "planned_start", "planned_end")
    list_filter = ("status", "thematic_axis", "plan__working_group", TranslationMissingFilter)
    list_select_related = ("plan", "thematic_axis")
    search_fields = ("title_es__fold_icontains", "title_en__fold_icontains")
    autocomplete_fields = (
        "plan",
        "responsible_countries",
        "responsible_institutions",
        "meetings",
        "documents",
    )
    fields = (
        "plan",
        "position",
        "title",
        "description",
        "thematic_axis",
        "responsible_countries",
        "responsible_institutions",
        ("planned_start", "planned_end"),
        "status",
        "meetings",
        "documents",
        "opened_version",
        "change_reason",
    )
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(FoldedSearchMixin, MeetingRecordAdmin):
    list_display = ("description", "activity", "unit", "baseline", "target")
    list_select_related = ("activity",)
    search_fields = ("description_es__fold_icontains", "description_en__fold_icontains")
    autocomplete_fields = ("activity",)
    fields = (
        "activity",
        "position",
        "description",
        "unit",
        ("baseline", "target"),
        "opened_version",
        "change_reason",
    )
    inlines = [MeasurementInline]


@admin.register(Decision)
class DecisionAdmin(FoldedSearchMixin, MeetingRecordAdmin):
    list_display = ("__str__", "kind", "follow_up_status")
    list_filter = ("kind", "follow_up_status", "working_groups", TranslationMissingFilter)
    list_select_related = ("meeting",)
    search_fields = ("text_es__fold_icontains", "text_en__fold_icontains", "meeting__slug")
    autocomplete_fields = ("meeting", "working_groups", "countries", "activities")
    fields = (
        "meeting",
        ("kind", "number"),
        "text",
        "working_groups",
        "countries",
        "follow_up_status",
        "activities",
        "opened_version",
        "change_reason",
    )
    inlines = [FollowUpNoteInline]


@admin.register(ReportPublication)
class ReportPublicationAdmin(MeetingHistoryMixin, AccessAdminMixin, admin.ModelAdmin):
    """Published versions, for reading; they are made by publishing a report, never here."""

    list_display = ("working_group", "meeting", "version", "period_start", "period_end")
    list_select_related = ("working_group", "meeting")
    readonly_fields = (
        "working_group",
        "meeting",
        "version",
        "period_start",
        "period_end",
        "document",
        "published_by",
    )
    fields = readonly_fields

    def has_add_permission(self, request, *args, **kwargs):
        return False

    def has_change_permission(self, request, obj=None):
        return False

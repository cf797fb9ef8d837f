"""Meetings in the admin: agenda, documents by role and participants inline; the copy."""

import pghistory
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core.admin import ParentKnownInlineFormSet, admin_page
from core.history.admin import revert_with_message
from core.text import fold
from focal_points import access
from focal_points.admin.base import StrictListFilter, TranslationMissingFilter
from focal_points.models import WorkingGroup
from meetings import services
from meetings.admin.attendance import AttendanceImportMixin
from meetings.admin.base import GuardedInlineForm, MeetingRecordAdmin
from meetings.admin.invitations import InvitationAdminMixin
from meetings.models import AgendaItem, Meeting, MeetingDocument, Participant


class YearFilter(StrictListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).order_by().dates("starts_on", "year", "DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(starts_on__year=int(self.value()))
        return queryset


class MeetingPartInlineMixin:
    """Rows written with their meeting: the meeting's rights decide."""

    formset = ParentKnownInlineFormSet  # each row knows its meeting (no query per row)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def _meeting_writable(self, request, obj):
        return self.admin_site._registry[Meeting].has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._meeting_writable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._meeting_writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._meeting_writable(request, obj)


class AgendaItemInline(MeetingPartInlineMixin, TranslationTabularInline):
    model = AgendaItem
    form = GuardedInlineForm
    extra = 0
    # opened_version: each row carries the version it was opened at and is guarded alone.
    fields = (
        "opened_version",
        "position",
        "title",
        "notes",
        "day",
        "start_time",
        "presenter",
        "presenter_name",
        "documents",
    )
    autocomplete_fields = ("presenter", "documents")
    formfield_overrides = {
        AgendaItem._meta.get_field("notes").__class__: {"widget": forms.Textarea(attrs={"rows": 2})}
    }

    def get_queryset(self, request):
        # A reader sees the agenda read-only; its documents are those the reader may see
        # (an internal document's title stays with those who see internal documents).
        document_model = AgendaItem._meta.get_field("documents").related_model
        visible = document_model.objects.visible_to(request.user)
        return (
            super()
            .get_queryset(request)
            .select_related("presenter")
            .prefetch_related(models.Prefetch("documents", queryset=visible))
        )


class MeetingDocumentInline(MeetingPartInlineMixin, admin.TabularInline):
    model = MeetingDocument
    form = GuardedInlineForm
    extra = 0
    fields = ("opened_version", "role", "document", "position")
    autocomplete_fields = ("document",)
    verbose_name_plural = _("documents of the meeting, by role")

    def get_queryset(self, request):
        # Only documents the user may read are listed (a former PPT sees no internal one).
        document_model = MeetingDocument._meta.get_field("document").related_model
        visible = document_model.objects.visible_to(request.user).values("pk")
        return (
            super()
            .get_queryset(request)
            .filter(document__in=visible)
            .select_related("document")
            .defer("document__search_text", "document__search_vector")
        )


class ParticipantInlineForm(GuardedInlineForm):
    """A participant row: a focal point comes for their own country unless told otherwise."""

    def clean(self):
        cleaned_data = super().clean()
        focal_point = cleaned_data.get("focal_point")
        if (
            focal_point is not None
            and not cleaned_data.get("delegation_country")
            and not cleaned_data.get("delegation_other")
        ):
            cleaned_data["delegation_country"] = focal_point.country
            self.instance.delegation_country = focal_point.country
        return cleaned_data


class ParticipantInline(MeetingPartInlineMixin, admin.TabularInline):
    model = Participant
    form = ParticipantInlineForm
    extra = 0
    fields = (
        "opened_version",
        "focal_point",
        "guest_name",
        "guest_institution",
        "guest_email",
        "delegation_country",
        "delegation_other",
        "role",
    )
    autocomplete_fields = ("focal_point", "delegation_country")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("focal_point__institution", "delegation_country")
        )


class MeetingAdminForm(MeetingRecordAdmin.form):
    """The meeting's own fields, guarded against saving over a newer change."""

    def clean_slug(self):
        return self.cleaned_data["slug"].lower()


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingCopyForm(forms.Form):
    """The new edition's dates and address: the rest is copied from the meeting."""

    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    slug = forms.SlugField(label=_("Address name"), max_length=80)

    def clean(self):
        cleaned_data = super().clean()
        starts_on, ends_on = cleaned_data.get("starts_on"), cleaned_data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        slug = cleaned_data.get("slug")
        if slug and Meeting.objects.filter(slug=slug.lower()).exists():
            self.add_error("slug", _("Another meeting already has this address."))
        return cleaned_data


@admin.register(Meeting)
class MeetingAdmin(InvitationAdminMixin, AttendanceImportMixin, MeetingRecordAdmin):
    form = MeetingAdminForm
    change_form_template = "admin/meetings/meeting/change_form.html"
    # A link typed without a scheme is taken as https (Django 6's default, asked for now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("title", "kind", "starts_on", "place", "status", "distribution")
    list_filter = (
        "kind",
        "status",
        "distribution",
        YearFilter,
        "working_groups",
        TranslationMissingFilter,
    )
    list_select_related = ("host_country",)
    search_fields = ("title_es__fold_icontains", "title_en__fold_icontains", "slug", "city")
    autocomplete_fields = ("host_country", "working_groups")
    prepopulated_fields = {"slug": ("title_es",)}
    readonly_fields = ("sequence", "uid")
    date_hierarchy = "starts_on"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "kind",
                    "number",
                    "title",
                    "theme",
                    "slug",
                    "status",
                    "distribution",
                    "opened_version",
                    "change_reason",
                )
            },
        ),
        (
            _("Dates and place"),
            {
                "fields": (
                    ("starts_on", "ends_on", "date_precision"),
                    ("start_time", "end_time", "time_zone"),
                    "registration_closes_on",
                    "city",
                    "host_country",
                    "venue",
                    "modality",
                    "virtual_link",
                )
            },
        ),
        (
            _("Presidency and groups"),
            {"fields": ("presidency", "presidency_chosen", "working_groups")},
        ),
        (_("Outcomes"), {"fields": ("outcomes",)}),
        (_("Calendar"), {"fields": ("sequence", "uid"), "classes": ("collapse",)}),
    )
    inlines = [AgendaItemInline, MeetingDocumentInline, ParticipantInline]
    actions = ["copy_selected"]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))

    @admin.display(description=_("place"))
    def place(self, meeting):
        return meeting.place_display or "—"

    def save_model(self, request, obj, form, change):
        default = _("Changed in the admin") if change else _("Created in the admin")
        with pghistory.context(user=request.user.pk, reason=self._history_reason(form, default)):
            if change:
                services.meeting_update(meeting=obj)
            else:
                services.meeting_schedule(meeting=obj)

    def revert_event(self, request, event) -> bool:
        # A meeting's revert keeps its calendar revision moving forward (meeting_revert).
        return revert_with_message(request, event, revert=services.meeting_revert)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_copy"] = bool(obj and obj.pk and self.has_add_permission(request))
        context["can_invite"] = bool(obj and obj.pk and self.has_change_permission(request, obj))
        context["manages_delegation"] = bool(
            obj
            and obj.pk
            and not self.has_change_permission(request, obj)
            and access.coordinator_country_id(request.user) is not None
        )
        # A GRCM meeting receives each group's report: links to prepare them, for those who do.
        grcm = obj is not None and obj.pk and obj.kind == Meeting.Kind.GRCM
        context["report_groups"] = (
            list(WorkingGroup.objects.visible_to(request.user).active().by_name())
            if grcm and access.may_produce_report(request.user)
            else []
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- "Copy this meeting": the next edition, with new dates and address

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/copy/",
                self.admin_site.admin_view(self.copy_view),
                name="{}_{}_copy".format(*info),
            ),
            *super().get_urls(),
        ]

    def copy_view(self, request, object_id):
        """Ask for the new edition's dates and address, then copy the meeting."""
        meeting = self.get_object(request, unquote(object_id))
        if meeting is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = MeetingCopyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            reason = gettext("Copied from %(meeting)s") % {"meeting": meeting}
            try:
                with pghistory.context(user=request.user.pk, reason=reason):
                    copy = services.meeting_copy(
                        meeting=meeting,
                        starts_on=data["starts_on"],
                        ends_on=data["ends_on"],
                        slug=data["slug"].lower(),
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The next edition was created: check its title, place and agenda."),
                )
                return HttpResponseRedirect(
                    reverse("admin:meetings_meeting_change", args=[copy.pk])
                )
        return admin_page(
            self,
            request,
            "admin/meetings/meeting/copy.html",
            title=_("Copy %(meeting)s") % {"meeting": meeting},
            obj=meeting,
            form=form,
        )

    @admin.action(
        description=_("Copy the selected meeting for its next edition"), permissions=["add"]
    )
    def copy_selected(self, request, queryset):
        meetings = list(queryset[:2])
        if len(meetings) != 1:
            self.message_user(
                request, gettext("Choose exactly one meeting to copy."), level=messages.WARNING
            )
            return None
        return HttpResponseRedirect(reverse("admin:meetings_meeting_copy", args=[meetings[0].pk]))

"""Circulars in the admin: compose (a draft), preview the recipients, send, follow, record."""

import pghistory
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.admin import admin_page
from focal_points.models import Designation
from meetings.admin.base import MeetingRecordAdmin
from meetings.circulars.progress import (
    PROBLEMS_SHOWN_MAX,
    circular_progress,
    delivery_problems,
    with_delivery_counts,
)
from meetings.circulars.reach import circular_confirmations
from meetings.circulars.recipients import circular_recipients
from meetings.circulars.services import (
    circular_create,
    circular_queue,
    circular_update,
)
from meetings.models import Circular, CircularDelivery

# The preview names this many people at most (and always gives the full count).
PREVIEW_NAMES_MAX = 200


class CircularAdminForm(MeetingRecordAdmin.form):
    """The circular's text in both languages, its recipients, documents and test."""

    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Seats"),
        choices=Designation.Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Leave empty for every seat."),
    )

    class Meta:
        model = Circular
        fields = "__all__"
        widgets = {
            "working_groups": forms.CheckboxSelectMultiple,
            "countries": forms.CheckboxSelectMultiple,
        }


@admin.register(Circular)
class CircularAdmin(MeetingRecordAdmin):
    form = CircularAdminForm
    change_form_template = "admin/meetings/circular/change_form.html"
    list_display = ("subject", "status", "queued_at", "recipients", "sent", "not_delivered")
    list_filter = ("status", "asks_confirmation")
    search_fields = ("subject_es__fold_icontains", "subject_en__fold_icontains")
    autocomplete_fields = ("documents", "meeting")
    readonly_fields = (
        "status",
        "queued_at",
        "finished_at",
        "confirm_by",
        "reply_to",
        "subject_in_spanish",
        "message_in_spanish",
        "subject_in_english",
        "message_in_english",
    )
    fieldsets = (
        (
            None,
            {"fields": ("subject", "body", "single_language", "opened_version", "change_reason")},
        ),
        (
            gettext_lazy("Recipients"),
            {
                "fields": ("working_groups", "countries", "roles", "meeting"),
                "description": gettext_lazy(
                    "The current holders of the chosen seats, and the invitees of the meeting "
                    "if one is chosen. The preview lists them before anything is sent."
                ),
            },
        ),
        (gettext_lazy("Documents"), {"fields": ("documents",)}),
        (
            gettext_lazy("Communication test"),
            {"fields": ("asks_confirmation", "confirm_within_days", "confirm_by")},
        ),
        (
            gettext_lazy("Sending"),
            {"fields": ("status", "queued_at", "finished_at", "reply_to")},
        ),
    )

    def get_queryset(self, request):
        return with_delivery_counts(super().get_queryset(request))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.is_draft:
            return fieldsets
        # A sent circular is a record: its text in both languages, each marked with its
        # language (the page speaks the reader's, the message is quoted as written).
        text = ("subject_in_spanish", "message_in_spanish", "subject_in_english")
        first = (None, {"fields": (*text, "message_in_english", "single_language")})
        return (first, *fieldsets[1:])

    def _quoted(self, text: str, language: str, *, block: bool = False):
        if not text:
            return "—"
        if block:
            # Escaped paragraph by paragraph by linebreaks(autoescape=True).
            paragraphs = mark_safe(linebreaks(text, autoescape=True))  # noqa: S308
            return format_html('<div lang="{}">{}</div>', language, paragraphs)
        return format_html('<span lang="{}">{}</span>', language, text)

    @admin.display(description=gettext_lazy("subject in Spanish"))
    def subject_in_spanish(self, circular):
        return self._quoted(circular.subject_es, "es")

    @admin.display(description=gettext_lazy("message in Spanish"))
    def message_in_spanish(self, circular):
        return self._quoted(circular.body_es, "es", block=True)

    @admin.display(description=gettext_lazy("subject in English"))
    def subject_in_english(self, circular):
        return self._quoted(circular.subject_en, "en")

    @admin.display(description=gettext_lazy("message in English"))
    def message_in_english(self, circular):
        return self._quoted(circular.body_en, "en", block=True)

    @admin.display(description=gettext_lazy("recipients"), ordering="total_count")
    def recipients(self, circular):
        return circular.total_count

    @admin.display(description=gettext_lazy("sent"), ordering="sent_count")
    def sent(self, circular):
        return circular.sent_count

    @admin.display(description=gettext_lazy("failed or bounced"))
    def not_delivered(self, circular):
        return circular.failed_count + circular.bounced_count

    # A circular changes only while it is a draft; once queued it is a record.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_draft)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)

    def save_model(self, request, obj, form, change):
        default = _("Changed in the admin") if change else _("Created in the admin")
        criteria = {
            name: form.cleaned_data.get(name, ())
            for name in ("documents", "working_groups", "countries")
        }
        with pghistory.context(user=request.user.pk, reason=self._history_reason(form, default)):
            if change:
                circular_update(circular=obj, **criteria)
            else:
                circular_create(circular=obj, created_by=request.user, **criteria)

    def save_related(self, request, form, formsets, change):
        # The service has set the documents and criteria (no inline to save).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_send"] = bool(obj and obj.pk and self.has_change_permission(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- preview and send; progress and the delivery record

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        pages = [
            ("preview", self.preview_view),
            ("progress", self.progress_view),
            ("progress.json", self.progress_json_view),
        ]
        return [
            *[
                path(
                    f"<path:object_id>/{suffix}/",
                    self.admin_site.admin_view(view),
                    name="{}_{}_{}".format(*info, suffix.replace(".", "_")),
                )
                for suffix, view in pages
            ],
            *super().get_urls(),
        ]

    def _circular(self, request, object_id, *, write=False):
        circular = self.get_object(request, unquote(object_id))
        if circular is None:
            return None
        allowed = (
            self.has_change_permission(request, circular)
            if write
            else self.has_view_or_change_permission(request, circular)
        )
        if not allowed:
            raise PermissionDenied
        return circular

    def _render(self, request, template: str, circular, title: str, **context):
        return admin_page(
            self, request, f"admin/meetings/circular/{template}", title=title, obj=circular,
            circular=circular, **context,
        )  # fmt: skip

    def preview_view(self, request, object_id):
        """Show who would receive the draft (count and names); its POST "send" queues it."""
        circular = self.get_object(request, unquote(object_id))
        if circular is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not circular.is_draft:
            return HttpResponseRedirect(self._progress_url(circular))
        if not self.has_change_permission(request, circular):
            raise PermissionDenied
        if request.method == "POST" and "send" in request.POST:
            try:
                with pghistory.context(user=request.user.pk, reason="circular sent"):
                    count = circular_queue(circular=circular)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return HttpResponseRedirect(request.path)
            messages.success(
                request,
                ngettext(
                    "The circular is on its way to %(count)d person.",
                    "The circular is on its way to %(count)d people.",
                    count,
                )
                % {"count": count},
            )
            return HttpResponseRedirect(self._progress_url(circular))
        recipients = circular_recipients(circular)
        return self._render(
            request,
            "preview.html",
            circular,
            _("Preview: %(circular)s") % {"circular": circular},
            recipients=recipients,
            shown=recipients.people[:PREVIEW_NAMES_MAX],
            documents=circular.documents.order_by("pk"),
        )

    def _progress_url(self, circular) -> str:
        return reverse("admin:meetings_circular_progress", args=[circular.pk])

    def progress_view(self, request, object_id):
        """Show the sending's counts (refreshed by a script) and, when done, the delivery record."""
        circular = self._circular(request, object_id)
        if circular is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        deliveries = CircularDelivery.objects.visible_to(request.user)
        problems = delivery_problems(circular, deliveries)
        return self._render(
            request,
            "progress.html",
            circular,
            _("Sending: %(circular)s") % {"circular": circular},
            progress=circular_progress(circular, deliveries),
            problems=problems[:PROBLEMS_SHOWN_MAX],
            problems_count=problems.count(),
            confirmations=circular_confirmations(circular, deliveries),
        )

    def progress_json_view(self, request, object_id):
        """Return the progress page's counts as JSON, for its script."""
        circular = self._circular(request, object_id)
        if circular is None:
            return JsonResponse({"error": "not found"}, status=404)
        progress = circular_progress(circular, CircularDelivery.objects.visible_to(request.user))
        return JsonResponse(
            {
                **progress.as_dict(),
                "status": circular.status,
                "finished": circular.status == Circular.Status.SENT,
            },
            headers={"Cache-Control": "no-store"},
        )

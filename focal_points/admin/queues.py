"""The staff's queues: focal points' change requests and the verification sending log."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from focal_points.admin.base import AccessAdminMixin, StrictListFilter
from focal_points.models import ChangeRequest, VerificationRequest
from focal_points.services import change_request_mark_handled


class HandledFilter(StrictListFilter):
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
class ChangeRequestAdmin(AccessAdminMixin, admin.ModelAdmin):
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

    @admin.action(description=_("Mark the selected requests as handled"))
    def mark_handled(self, request, queryset):
        handled = 0
        for change_request in queryset.open().writable_by(request.user):
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
class VerificationRequestAdmin(AccessAdminMixin, admin.ModelAdmin):
    list_display = ("focal_point", "sent_to", "sent_at")
    list_select_related = ("focal_point",)
    date_hierarchy = "sent_at"
    search_fields = ("focal_point__family_name__fold_icontains", "sent_to")

    # The log is written by the sending command only.
    def has_add_permission(self, request, *args, **kwargs):
        return False

    def has_change_permission(self, request, obj=None):
        return False

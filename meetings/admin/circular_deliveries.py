"""A circular's delivery rows in the admin: each recipient, the outcome, bounces, resending."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.mailing import Delivery, delivery_mark_bounced
from focal_points.admin.base import AccessAdminMixin
from meetings.circulars.services import circular_delivery_send_again
from meetings.models import CircularDelivery


@admin.register(CircularDelivery)
class CircularDeliveryAdmin(AccessAdminMixin, admin.ModelAdmin):
    """Each recipient's row: where it went, in which language, what happened."""

    list_display = (
        "email",
        "focal_point",
        "circular",
        "language",
        "state",
        "attempts",
        "sent_at",
        "confirmed_at",
        "short_error",
    )
    list_filter = ("state", ("circular", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("circular", "focal_point")
    search_fields = ("email", "focal_point__family_name", "focal_point__given_name")
    actions = ["mark_bounced", "send_again"]
    readonly_fields = [field.name for field in CircularDelivery._meta.fields]

    @admin.display(description=gettext_lazy("last error"))
    def short_error(self, delivery):
        return delivery.error[:120]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # A row still queued may be withdrawn (that person is not sent the circular); a row that
    # was tried is the record and stays.
    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or obj.state == Delivery.State.QUEUED
        )

    def delete_queryset(self, request, queryset):
        queryset.filter(state=Delivery.State.QUEUED).delete()

    def has_send_permission(self, request) -> bool:
        return request.user.has_perm("meetings.change_circulardelivery") and not (
            CircularDelivery.objects.writable_by(request.user).query.is_empty()
        )

    @admin.action(
        description=gettext_lazy("Mark as bounced (the mail server returned them)"),
        permissions=["send"],
    )
    def mark_bounced(self, request, queryset):
        count = delivery_mark_bounced(
            deliveries=queryset & CircularDelivery.objects.writable_by(request.user),
            error=_("Marked as bounced by %(user)s") % {"user": request.user.get_username()},
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery marked as bounced.",
                "%(count)d deliveries marked as bounced.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=gettext_lazy("Send again (failed or bounced, to the person's current address)"),
        permissions=["send"],
    )
    def send_again(self, request, queryset):
        count = circular_delivery_send_again(
            deliveries=queryset & CircularDelivery.objects.writable_by(request.user)
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent again.",
                "%(count)d e-mails will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

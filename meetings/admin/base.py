"""What every meetings admin shares: history with revert, the guarded inline row."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.admin import EditedSinceGuardForm
from core.history.admin import HistoryAdminMixin, revert_with_message
from focal_points.admin.base import DirectoryModelAdmin


def find_meeting_event(model, token: str):
    """Return the event of `model` named by a history entry's token, or None."""
    label, _sep, event_id = token.rpartition(":")
    if label != model._meta.label_lower or not event_id.isdigit():
        return None
    event_model = model._meta.get_field("events").related_model
    return event_model.objects.filter(pgh_id=int(event_id)).first()


class MeetingHistoryMixin(HistoryAdminMixin):
    """The directory's history page and revert, for models the directory does not list."""

    def revert_view(self, request, object_id):
        """Restore the record to the state of the chosen event (POST only)."""
        history_url = f"admin:{self.opts.app_label}_{self.opts.model_name}_history"
        if request.method != "POST":
            return HttpResponseRedirect(reverse(history_url, args=[object_id]))
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        event = find_meeting_event(self.model, request.POST.get("event", ""))
        if event is None or event.pgh_obj_id != obj.pk:
            messages.error(request, _("That change no longer exists."))
        else:
            self.revert_event(request, event)
        return HttpResponseRedirect(reverse(history_url, args=[obj.pk]))

    def revert_event(self, request, event) -> bool:
        """Restore the record to the event's state and say how it went."""
        return revert_with_message(request, event)


class MeetingRecordAdmin(MeetingHistoryMixin, DirectoryModelAdmin):
    """Rights from the access layer, who and why on every save, history, language tabs."""


class GuardedInlineForm(EditedSinceGuardForm):
    """An inline row that carries the version it was opened at and is guarded alone."""

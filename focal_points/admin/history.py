"""Who and why on every admin write; the record's history page and its revert."""

import pghistory
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from focal_points import selectors
from focal_points.services import history_revert


class HistoryAdminMixin:
    """Record who and why on every admin write; show and revert the pghistory events."""

    history_template = "admin/focal_points/record_history.html"

    def _history_reason(self, form, default) -> str:
        reason = form.cleaned_data.get("change_reason", "") if form is not None else ""
        return reason or str(default)

    def save_model(self, request, obj, form, change):
        default = _("Changed in the admin") if change else _("Created in the admin")
        with pghistory.context(user=request.user.pk, reason=self._history_reason(form, default)):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        default = _("Changed in the admin") if change else _("Created in the admin")
        with pghistory.context(user=request.user.pk, reason=self._history_reason(form, default)):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        with pghistory.context(user=request.user.pk, reason=str(_("Deleted in the admin"))):
            super().delete_model(request, obj)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/revert/",
                self.admin_site.admin_view(self.revert_view),
                name="{}_{}_revert".format(*info),
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        """Show every event of the record: who, when, why and each field's before and after."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = selectors.record_history(model=self.model, object_id=obj.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %s") % obj,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "entries": entries,
            "can_revert": self.has_change_permission(request, obj),
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.history_template, context)

    def revert_view(self, request, object_id):
        """Restore the record to the state of the chosen event (POST only)."""
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_history",
                    args=[object_id],
                )
            )
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        event = selectors.find_event(request.POST.get("event", ""))
        if event is None or event.pgh_tracked_model is not self.model or event.pgh_obj_id != obj.pk:
            messages.error(request, _("That change no longer exists."))
        else:
            revert_with_message(request, event)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        )


def revert_with_message(request, event) -> bool:
    """Run history_revert and tell the user how it went, in their language."""
    try:
        history_revert(event=event, user=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("The record could not be restored: %(errors)s")
            % {"errors": " ".join(error.messages)},
        )
        return False
    messages.success(request, _("The record was restored to the chosen version."))
    return True

"""History in the admin: who and why on every write, a record's history page, revert."""

import pghistory
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core.admin import admin_page
from core.history import selectors
from core.history.labels import CHANGED_IN_ADMIN, CREATED_IN_ADMIN, DELETED_IN_ADMIN
from core.history.services import history_revert

RECENT_CHANGES_PAGE_SIZE = 50


class HistoryAdminMixin:
    """Record who and why on every admin write; show and revert the pghistory events."""

    history_template = "admin/history/record_history.html"

    def _history_reason(self, form, default) -> str:
        reason = form.cleaned_data.get("change_reason", "") if form is not None else ""
        return reason or str(default)

    def save_model(self, request, obj, form, change):
        default = CHANGED_IN_ADMIN if change else CREATED_IN_ADMIN
        with pghistory.context(user=request.user.pk, reason=self._history_reason(form, default)):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        default = CHANGED_IN_ADMIN if change else CREATED_IN_ADMIN
        with pghistory.context(user=request.user.pk, reason=self._history_reason(form, default)):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        with pghistory.context(user=request.user.pk, reason=str(DELETED_IN_ADMIN)):
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
        return admin_page(
            self,
            request,
            self.history_template,
            title=_("History: %s") % obj,
            obj=obj,
            entries=entries,
            can_revert=self.has_change_permission(request, obj),
            module_name=str(self.opts.verbose_name_plural).capitalize(),
            **(extra_context or {}),
        )

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
        event = selectors.find_event(request.POST.get("event", ""), tracked_models=[self.model])
        if event is None or event.pgh_tracked_model is not self.model or event.pgh_obj_id != obj.pk:
            messages.error(request, _("That change no longer exists."))
        else:
            self.revert_event(request, event)
        return HttpResponseRedirect(reverse(history_url, args=[obj.pk]))

    def revert_event(self, request, event) -> bool:
        """Restore the record to the event's state and say how it went (a model may refine)."""
        return revert_with_message(request, event)


def revert_with_message(request, event, revert=history_revert) -> bool:
    """Run a revert service (history_revert by default) and tell the user how it went."""
    try:
        revert(event=event, user=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("The record could not be restored: %(errors)s")
            % {"errors": " ".join(error.messages)},
        )
        return False
    messages.success(request, _("The record was restored to the chosen version."))
    return True


class RecentChangesAdminMixin:
    """A "recent changes" page for an app's tracked models, each revertible where allowed.

    Set `recent_changes_models` (listed) and `recent_changes_revertible` (may be restored
    from the list; by default all of them). The URLs are named
    `<app_label>_recent_changes` and `<app_label>_recent_changes_revert`.
    """

    recent_changes_models: tuple = ()
    recent_changes_revertible: tuple | None = None
    recent_changes_title = _("Recent changes")
    recent_changes_template = "admin/history/recent_changes.html"

    def has_recent_changes_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def can_revert_recent_changes(self, request) -> bool:
        return self.has_change_permission(request)

    def _revertible_models(self) -> tuple:
        if self.recent_changes_revertible is None:
            return tuple(self.recent_changes_models)
        return tuple(self.recent_changes_revertible)

    def _recent_changes_url_name(self, suffix: str = "") -> str:
        return f"{self.opts.app_label}_recent_changes{suffix}"

    def get_urls(self):
        return [
            path(
                "recent-changes/",
                self.admin_site.admin_view(self.recent_changes_view),
                name=self._recent_changes_url_name(),
            ),
            path(
                "recent-changes/revert/",
                self.admin_site.admin_view(self.recent_changes_revert_view),
                name=self._recent_changes_url_name("_revert"),
            ),
            *super().get_urls(),
        ]

    def recent_changes_view(self, request):
        """Every change to the app's tracked models, newest first."""
        if not self.has_recent_changes_permission(request):
            raise PermissionDenied
        tracked = tuple(self.recent_changes_models)
        paginator = Paginator(
            selectors.RecentChanges(tracked_models=tracked), RECENT_CHANGES_PAGE_SIZE
        )
        page = paginator.get_page(request.GET.get("p"))
        entries = selectors.recent_changes_entries(list(page.object_list), tracked_models=tracked)
        revertible = self._revertible_models()
        for entry in entries:
            entry.revertible = entry.model in revertible
        return admin_page(
            self,
            request,
            self.recent_changes_template,
            title=self.recent_changes_title,
            page=page,
            entries=entries,
            page_range=paginator.get_elided_page_range(page.number),
            can_revert=self.can_revert_recent_changes(request),
            revert_url=f"admin:{self._recent_changes_url_name('_revert')}",
        )

    def recent_changes_revert_view(self, request):
        """Restore a record to the state of an event chosen on the list (POST only)."""
        target = reverse(f"admin:{self._recent_changes_url_name()}")
        if request.method != "POST":
            return HttpResponseRedirect(target)
        if not self.can_revert_recent_changes(request):
            raise PermissionDenied
        event = selectors.find_event(
            request.POST.get("event", ""), tracked_models=self._revertible_models()
        )
        if event is None:
            messages.error(request, _("That change no longer exists."))
        else:
            revert_with_message(request, event)
        return HttpResponseRedirect(target)

"""The directory's staff pages, served by the focal-point admin: coverage, seats, changes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from focal_points import access, selectors
from focal_points.admin.history import revert_with_message
from focal_points.models import Country, Designation, WorkingGroup


class DirectoryPagesMixin:
    """The staff pages that are not one record: mixed into FocalPointAdmin for its URLs."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("coverage/", wrap(self.coverage_view), name="focal_points_coverage"),
            path(
                "seat/<int:country_id>/<int:group_id>/<str:role>/",
                wrap(self.seat_history_view),
                name="focal_points_seat_history",
            ),
            path(
                "letter/<int:designation_id>/",
                wrap(self.letter_view),
                name="focal_points_designation_letter",
            ),
            path(
                "recent-changes/",
                wrap(self.recent_changes_view),
                name="focal_points_recent_changes",
            ),
            path(
                "recent-changes/revert/",
                wrap(require_POST(self.recent_changes_revert_view)),
                name="focal_points_recent_changes_revert",
            ),
            *super().get_urls(),
        ]

    def _designation_admin(self):
        return self.admin_site._registry[Designation]

    def _page_context(self, request, title, **extra):
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "opts": self.opts,
            **extra,
        }

    def coverage_view(self, request):
        """Member countries x active groups: who holds each principal and alternate seat."""
        if not self._designation_admin().has_view_permission(request):
            raise PermissionDenied
        coverage = selectors.coverage_matrix(country_id=access.coordinator_country_id(request.user))
        context = self._page_context(request, _("Seat coverage"), coverage=coverage)
        return TemplateResponse(request, "admin/focal_points/coverage.html", context)

    def seat_history_view(self, request, country_id, group_id, role):
        """Everyone who held one seat, with dates and letters of designation."""
        designation_admin = self._designation_admin()
        if not designation_admin.has_view_permission(request):
            raise PermissionDenied
        if role not in Designation.Role.values:
            raise Http404
        if not access.may_read_seat(request.user, country_id=country_id):
            raise PermissionDenied
        country = get_object_or_404(Country, pk=country_id)
        group = get_object_or_404(WorkingGroup, pk=group_id)
        designations = selectors.seat_history(country=country, working_group=group, role=role)
        context = self._page_context(
            request,
            _("%(role)s seat of %(country)s in %(group)s")
            % {"role": Designation.Role(role).label, "country": country, "group": group},
            designations=designations,
            country=country,
            working_group=group,
            role_label=Designation.Role(role).label,
        )
        return TemplateResponse(request, "admin/focal_points/seat_history.html", context)

    def letter_view(self, request, designation_id):
        """Send a designation letter to staff allowed to see that designation."""
        designation_admin = self._designation_admin()
        designation = Designation.objects.visible_to(request.user).filter(pk=designation_id).first()
        if designation is None or not designation_admin.has_view_permission(request, designation):
            raise PermissionDenied
        if not designation.letter_file:
            raise Http404
        try:
            handle = designation.letter_file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            handle,
            as_attachment=True,
            filename=designation.letter_file.name.rsplit("/", 1)[-1],
        )

    def recent_changes_view(self, request):
        """Every change to the directory, newest first, each revertible."""
        if not access.may_read_directory_history(request.user):
            raise PermissionDenied
        paginator = Paginator(selectors.recent_changes_queryset(), 50)
        page = paginator.get_page(request.GET.get("p"))
        entries = selectors.recent_changes_entries(list(page.object_list))
        context = self._page_context(
            request,
            _("Recent changes to the directory"),
            page=page,
            entries=entries,
            page_range=paginator.get_elided_page_range(page.number),
            can_revert=access.can_edit_directory(request.user),
        )
        return TemplateResponse(request, "admin/focal_points/recent_changes.html", context)

    def recent_changes_revert_view(self, request):
        if not access.can_edit_directory(request.user):
            raise PermissionDenied
        event = selectors.find_event(request.POST.get("event", ""))
        if event is None:
            messages.error(request, _("That change no longer exists."))
        else:
            revert_with_message(request, event)
        return HttpResponseRedirect(reverse("admin:focal_points_recent_changes"))

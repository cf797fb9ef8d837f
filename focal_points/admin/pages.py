"""The directory's staff pages, served by the focal-point admin: coverage, seats, changes."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.admin import admin_page
from core.history.admin import RecentChangesAdminMixin
from focal_points import access, selectors
from focal_points.models import (
    Country,
    Designation,
    FocalPoint,
    Institution,
    Presidency,
    WorkingGroup,
)


class DirectoryPagesMixin(RecentChangesAdminMixin):
    """The staff pages that are not one record: mixed into FocalPointAdmin for its URLs."""

    # Recent changes (core.history): every directory record, restorable by its editors.
    recent_changes_models = (
        Country,
        Institution,
        WorkingGroup,
        FocalPoint,
        Designation,
        Presidency,
    )
    recent_changes_title = _("Recent changes to the directory")
    recent_changes_template = "admin/focal_points/recent_changes.html"

    def has_recent_changes_permission(self, request) -> bool:
        return access.may_read_directory_history(request.user)

    def can_revert_recent_changes(self, request) -> bool:
        return access.can_edit_directory(request.user)

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
            *super().get_urls(),
        ]

    def _designation_admin(self):
        return self.admin_site._registry[Designation]

    def coverage_view(self, request):
        """Member countries x active groups: who holds each principal and alternate seat."""
        if not self._designation_admin().has_view_permission(request):
            raise PermissionDenied
        coverage = selectors.coverage_matrix(country_id=access.coordinator_country_id(request.user))
        return admin_page(
            self,
            request,
            "admin/focal_points/coverage.html",
            title=_("Seat coverage"),
            coverage=coverage,
        )

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
        return admin_page(
            self,
            request,
            "admin/focal_points/seat_history.html",
            title=_("%(role)s seat of %(country)s in %(group)s")
            % {"role": Designation.Role(role).label, "country": country, "group": group},
            designations=designations,
            country=country,
            working_group=group,
            role_label=Designation.Role(role).label,
        )

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

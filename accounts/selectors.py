"""Reads behind the focal points' own pages: whose contacts a person may see."""

from django.db.models import Exists, OuterRef

from core.models import localized_sort_key
from focal_points.access import active_focal_point, can_edit_directory
from focal_points.models import Designation, WorkingGroup


def contact_groups_visible_to(user):
    """Groups whose contact list the user may read: their own, or all for directory editors."""
    if can_edit_directory(user):
        return WorkingGroup.objects.active()
    focal_point = active_focal_point(user)
    if focal_point is None:
        return WorkingGroup.objects.none()
    own_seat = Designation.objects.current().filter(
        working_group=OuterRef("pk"), focal_point=focal_point
    )
    return WorkingGroup.objects.active().filter(Exists(own_seat))


def group_contacts(working_group):
    """Current designations of a group with their people, in one query."""
    return (
        Designation.objects.current()
        .filter(working_group=working_group, focal_point__is_active=True)
        .select_related("focal_point__institution", "country")
        .order_by(localized_sort_key("country__name"), "role", "focal_point__family_name", "pk")
    )

"""Reads behind the contact lists: whose contacts a person may see, in the CRM's order.

Staff read the contacts their directory scope covers (a coordinator their own country's, the
Secretariat and PPT staff every country's); a focal point reads the whole list of each group
they hold a current seat in. Contact lists are never public: every caller is signed in, and
people who did not agree to public listing appear in them like everyone else.
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When

from core.models import localized_sort_key
from focal_points import access
from focal_points.models import ROLE_ORDER, Country, Designation, WorkingGroup

# Member countries first, then observers, each by name in the active language: the order
# of the public country pages.
COUNTRY_STATUS_ORDER = Case(
    When(country__status=Country.Status.MEMBER, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)


def _member_groups(user):
    focal_point = access.active_focal_point(user)
    if focal_point is None:
        return WorkingGroup.objects.none()
    own_seat = Designation.objects.current().filter(
        working_group=OuterRef("pk"), focal_point=focal_point
    )
    return WorkingGroup.objects.active().filter(Exists(own_seat))


def contact_groups_visible_to(user):
    """Groups whose contact list the user may read: staff every group, members their own."""
    if access.designation_scope(user) is not None:
        return WorkingGroup.objects.active()
    return _member_groups(user)


def contact_countries_visible_to(user):
    """Countries whose contact list the user may download: staff only, within their scope."""
    scope = access.designation_scope(user)
    if scope is None:
        return Country.objects.none()
    country_id = access.coordinator_country_id(user)
    countries = Country.objects.all()
    if country_id is not None:
        countries = countries.filter(pk=country_id)
    return countries.order_by(
        Case(When(status=Country.Status.MEMBER, then=Value(0)), default=Value(1)),
        localized_sort_key("name"),
        "iso_code",
    )


def contact_designations(user, *, working_group=None, country=None):
    """Current seats of active people the user may read, in the CRM's order, in one query.

    working_group or country narrows the list; neither means the whole directory. A focal
    point who is not staff reads only whole lists of their own groups.
    """
    rows = Designation.objects.current().filter(
        focal_point__is_active=True, working_group__is_active=True
    )
    if working_group is not None:
        rows = rows.filter(working_group=working_group)
    if country is not None:
        rows = rows.filter(country=country)
    scope = access.designation_scope(user)
    if scope is not None:
        rows = access.restrict(rows, scope)
    elif working_group is None or not _member_groups(user).filter(pk=working_group.pk).exists():
        return Designation.objects.none()
    return rows.select_related(
        "focal_point__institution__country", "country", "working_group"
    ).order_by(
        COUNTRY_STATUS_ORDER,
        localized_sort_key("country__name"),
        "country_id",
        localized_sort_key("working_group__name"),
        "working_group_id",
        ROLE_ORDER,
        "focal_point__family_name_folded",
        "focal_point__given_name_folded",
        "pk",
    )


def group_contacts(working_group, user):
    """Current seats of a group as the user may read them (the group page's table)."""
    return contact_designations(user, working_group=working_group)

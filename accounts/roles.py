"""Who may do what: the portal's roles, read from groups, the user's country and the PPT.

Role                 | group name (created by a migration)
Technical Secretariat| SECRETARIAT_GROUP: everything, at all times
PPT staff            | PPT_STAFF_GROUP: directory editors while user.country holds the presidency
Country coordinator  | COORDINATOR_GROUP: their own country's focal points and designations
Focal point          | a User linked to an active FocalPoint (user.focal_point)
"""

from django.utils import timezone

SECRETARIAT_GROUP = "Technical Secretariat"
PPT_STAFF_GROUP = "PPT staff"
COORDINATOR_GROUP = "Country coordinator"

_CACHE_ATTRIBUTE = "_crm_role_cache"


def _group_names(user) -> frozenset[str]:
    cache = user.__dict__.setdefault(_CACHE_ATTRIBUTE, {})
    if "groups" not in cache:
        cache["groups"] = frozenset(user.groups.values_list("name", flat=True))
    return cache["groups"]


def is_secretariat(user) -> bool:
    """Technical Secretariat (or a superuser): every right, at all times."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and SECRETARIAT_GROUP in _group_names(user))


def holds_presidency(user) -> bool:
    """PPT staff whose country holds the Pro-Tempore Presidency today."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    if PPT_STAFF_GROUP not in _group_names(user) or not user.country_id:
        return False
    cache = user.__dict__.setdefault(_CACHE_ATTRIBUTE, {})
    if "presidency" not in cache:
        from focal_points.models import Presidency

        cache["presidency"] = Presidency.objects.on(timezone.localdate()).first()
    presidency = cache["presidency"]
    return presidency is not None and presidency.country_id == user.country_id


def is_former_ppt_staff(user) -> bool:
    """PPT staff whose country no longer (or not yet) holds the presidency: read-only."""
    return (
        user.is_authenticated
        and user.is_staff
        and PPT_STAFF_GROUP in _group_names(user)
        and not holds_presidency(user)
    )


def can_edit_directory(user) -> bool:
    """Edit the whole directory, meetings and documents: Secretariat or the current PPT."""
    return is_secretariat(user) or holds_presidency(user)


def coordinated_country_id(user) -> int | None:
    """The country a country coordinator looks after, or None."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return None
    if COORDINATOR_GROUP not in _group_names(user):
        return None
    return user.country_id


def active_focal_point(user):
    """The active directory entry of a signed-in focal point, or None."""
    if not user.is_authenticated or not user.is_active or not user.focal_point_id:
        return None
    focal_point = user.focal_point
    return focal_point if focal_point.is_active else None


def is_member(user) -> bool:
    """May read restricted material: an active focal point or any staff user."""
    return bool(user.is_authenticated and user.is_active) and (
        user.is_staff or active_focal_point(user) is not None
    )

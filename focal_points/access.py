"""Who may see or change what: the portal's roles and every access rule, in one place.

Role                  | how it is recognised
Technical Secretariat | staff in SECRETARIAT_GROUP (or a superuser): everything, at all times
PPT staff in office   | staff in PPT_STAFF_GROUP whose country holds the presidency today
Former PPT staff      | the same group once the presidency has passed on: read-only
Country coordinator   | staff in COORDINATOR_GROUP: their own country's people and seats
Focal point           | a user linked to an active FocalPoint (user.focal_point)
Anyone                | public pages and public documents

Django's permissions (granted to the groups by role_groups_sync) say *what* a role may do in
the admin; the scopes below say *which rows* and *when*. Models expose them as
`visible_to(user)` and `writable_by(user)` on their QuerySets; every admin hook, view, export
and feed asks those. A scope is a Q (ALL for every row) or None for no row at all.

This module imports no model: the presidency is looked up through the app registry, so the
models can call it at import time without a cycle.
"""

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SECRETARIAT_GROUP = "Technical Secretariat"
PPT_STAFF_GROUP = "PPT staff"
COORDINATOR_GROUP = "Country coordinator"

# Group names are stored in English (code constants); people read them translated.
ROLE_LABELS = {
    SECRETARIAT_GROUP: _("Technical Secretariat"),
    PPT_STAFF_GROUP: _("PPT staff"),
    COORDINATOR_GROUP: _("Country coordinator"),
}

ALL = Q()

# Document distributions (documents.Document.Distribution values) by who may read them.
PUBLIC_DISTRIBUTIONS = ("public",)
MEMBER_DISTRIBUTIONS = ("public", "restricted")
# Meeting distributions (meetings.Meeting.Distribution values): closed-door sessions exist.
MEETING_PUBLIC_DISTRIBUTIONS = ("public",)
MEETING_MEMBER_DISTRIBUTIONS = ("public", "members")

_CACHE_ATTRIBUTE = "_crm_role_cache"


def _cache(user) -> dict:
    # Roles are asked many times per request (every admin hook): read groups and the
    # presidency once per user object.
    return user.__dict__.setdefault(_CACHE_ATTRIBUTE, {})


def _group_names(user) -> frozenset[str]:
    cache = _cache(user)
    if "groups" not in cache:
        cache["groups"] = frozenset(user.groups.values_list("name", flat=True))
    return cache["groups"]


def _is_active_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


# -- roles ------------------------------------------------------------------------------------


def is_secretariat(user) -> bool:
    """Tell whether the user is the Technical Secretariat (or a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and SECRETARIAT_GROUP in _group_names(user))


def current_presidency_country_id() -> int | None:
    """Return the id of the country holding the presidency today, or None between terms."""
    presidency_model = apps.get_model("focal_points", "Presidency")
    return (
        presidency_model.objects.on(timezone.localdate())
        .values_list("country_id", flat=True)
        .first()
    )


def holds_presidency(user) -> bool:
    """Tell whether the user is PPT staff of the country holding the presidency today."""
    if not _is_active_staff(user) or PPT_STAFF_GROUP not in _group_names(user):
        return False
    if not user.country_id:
        return False
    cache = _cache(user)
    if "presidency_country_id" not in cache:
        cache["presidency_country_id"] = current_presidency_country_id()
    return cache["presidency_country_id"] == user.country_id


def is_former_ppt_staff(user) -> bool:
    """Tell whether the user is PPT staff whose country does not hold the presidency today."""
    return (
        _is_active_staff(user)
        and PPT_STAFF_GROUP in _group_names(user)
        and not holds_presidency(user)
    )


def can_edit_directory(user) -> bool:
    """Tell whether the user edits the whole directory, meetings and documents."""
    return is_secretariat(user) or holds_presidency(user)


def reads_whole_directory(user) -> bool:
    """Tell whether the user reads every country's entries (editors and former PPT staff)."""
    return can_edit_directory(user) or is_former_ppt_staff(user)


def coordinator_country_id(user) -> int | None:
    """Return the one country the user's directory rights are limited to, or None.

    None means either "every country" (editors, former PPT) or "not a coordinator"; the
    scopes below tell those apart.
    """
    if not _is_active_staff(user) or reads_whole_directory(user):
        return None
    if COORDINATOR_GROUP not in _group_names(user):
        return None
    return user.country_id


def active_focal_point(user):
    """Return the active directory entry of a signed-in focal point, or None."""
    if not user.is_authenticated or not user.is_active or not user.focal_point_id:
        return None
    focal_point = user.focal_point
    return focal_point if focal_point.is_active else None


def is_member(user) -> bool:
    """Tell whether the user may read restricted material (an active focal point or staff)."""
    return bool(user.is_authenticated and user.is_active) and (
        user.is_staff or active_focal_point(user) is not None
    )


def role_label(user) -> str:
    """Name the role the user acts in, for the admin's greeting."""
    if is_secretariat(user):
        return str(ROLE_LABELS[SECRETARIAT_GROUP])
    if holds_presidency(user):
        return str(_("PPT staff (in office)"))
    if is_former_ppt_staff(user):
        return str(_("PPT staff (former, read-only)"))
    if coordinator_country_id(user) is not None:
        return str(ROLE_LABELS[COORDINATOR_GROUP])
    if active_focal_point(user) is not None:
        return str(_("Focal point"))
    return ""


# -- scopes: which rows a user may read or write, relative to each model ----------------------


def _country_scope(user, lookup: str, *, whole: bool) -> Q | None:
    if whole:
        return ALL
    country_id = coordinator_country_id(user)
    if country_id is not None:
        return Q(**{lookup: country_id})
    return None


def reference_scope(user) -> Q | None:
    """Countries, institutions, groups, presidencies, axes: public reference data."""
    return ALL


def reference_write_scope(user) -> Q | None:
    """Reference data is kept by the Secretariat and the PPT in office only."""
    return ALL if can_edit_directory(user) else None


def focal_point_scope(user) -> Q | None:
    """People a user may read in the staff pages: every country, or the coordinator's own."""
    return _country_scope(user, "institution__country_id", whole=reads_whole_directory(user))


def focal_point_write_scope(user) -> Q | None:
    """People a user may change: editors all, a coordinator their country's."""
    return _country_scope(user, "institution__country_id", whole=can_edit_directory(user))


def designation_scope(user) -> Q | None:
    """Seats a user may read in the staff pages."""
    return _country_scope(user, "country_id", whole=reads_whole_directory(user))


def designation_write_scope(user) -> Q | None:
    """Seats a user may open, change or end."""
    return _country_scope(user, "country_id", whole=can_edit_directory(user))


def change_request_scope(user) -> Q | None:
    """Change requests a user may read: editors all, a coordinator their country's."""
    return _country_scope(
        user, "focal_point__institution__country_id", whole=can_edit_directory(user)
    )


def change_request_write_scope(user) -> Q | None:
    """Change requests a user may mark handled: the same people who read them."""
    return change_request_scope(user)


def verification_request_scope(user) -> Q | None:
    """The verification sending log: read by those who read the people it concerns."""
    return _country_scope(
        user, "focal_point__institution__country_id", whole=reads_whole_directory(user)
    )


def verification_request_write_scope(user) -> Q | None:
    """The log is written by the sending command; only editors may delete its entries."""
    return ALL if can_edit_directory(user) else None


def document_distributions(user) -> tuple[str, ...] | None:
    """Distributions of documents a user may read; None means every one (internal too)."""
    if user is None:
        return PUBLIC_DISTRIBUTIONS
    if can_edit_directory(user):
        return None
    if is_member(user):
        return MEMBER_DISTRIBUTIONS
    return PUBLIC_DISTRIBUTIONS


def document_write_scope(user) -> Q | None:
    """The library is kept by the Secretariat and the PPT in office."""
    return ALL if can_edit_directory(user) else None


def meeting_distributions(user) -> tuple[str, ...]:
    """Distributions of meetings a user may see: members-only ones to members and staff."""
    if user is not None and is_member(user):
        return MEETING_MEMBER_DISTRIBUTIONS
    return MEETING_PUBLIC_DISTRIBUTIONS


def meeting_scope(user, lookup: str = "distribution") -> Q | None:
    """Meetings (or rows of a meeting, through `lookup`) a user may see."""
    return Q(**{f"{lookup}__in": meeting_distributions(user)})


def meeting_write_scope(user) -> Q | None:
    """Meetings, their agendas and documents are kept by the Secretariat and the PPT in office."""
    return ALL if can_edit_directory(user) else None


def participant_scope(user) -> Q | None:
    """Participant lists: signed-in members and staff, for the meetings they may see."""
    if user is None or not is_member(user):
        return None
    return meeting_scope(user, "meeting__distribution")


def participant_write_scope(user) -> Q | None:
    """Participants: editors all, a coordinator their own country's delegation."""
    return _country_scope(user, "delegation_country_id", whole=can_edit_directory(user))


def invitation_scope(user) -> Q | None:
    """Invitations and their answers: every staff role reads them (the reply board)."""
    return ALL if user is not None and _is_active_staff(user) else None


def _circular_ids_sent_to(**lookups):
    """A subquery of the circulars with a delivery row to the people matching lookups."""
    delivery_model = apps.get_model("meetings", "CircularDelivery")
    return delivery_model.objects.filter(**lookups).values("circular_id")


def circular_scope(user) -> Q | None:
    """Circulars: editors all; a coordinator those sent to their country; a person their own.

    Former PPT staff read none: circulars are the presidency's correspondence in office.
    """
    if user is None:
        return None
    if can_edit_directory(user):
        return ALL
    scope = None
    country_id = coordinator_country_id(user)
    if country_id is not None:
        scope = Q(pk__in=_circular_ids_sent_to(focal_point__institution__country_id=country_id))
    focal_point = active_focal_point(user)
    if focal_point is not None:
        own = Q(pk__in=_circular_ids_sent_to(focal_point_id=focal_point.pk))
        scope = own if scope is None else scope | own
    return scope


def circular_write_scope(user) -> Q | None:
    """Circulars are composed and sent by the Secretariat and the PPT in office."""
    return ALL if user is not None and can_edit_directory(user) else None


def circular_delivery_scope(user) -> Q | None:
    """A circular's recipients: editors all; a coordinator their country's; a person their own."""
    if user is None:
        return None
    if can_edit_directory(user):
        return ALL
    scope = None
    country_id = coordinator_country_id(user)
    if country_id is not None:
        scope = Q(focal_point__institution__country_id=country_id)
    focal_point = active_focal_point(user)
    if focal_point is not None:
        own = Q(focal_point_id=focal_point.pk)
        scope = own if scope is None else scope | own
    return scope


def document_distributions_of_recipient(focal_point) -> tuple[str, ...]:
    """Distributions a focal point e-mailed a link may read: an active one is a member."""
    return MEMBER_DISTRIBUTIONS if focal_point.is_active else PUBLIC_DISTRIBUTIONS


def may_see_participant_contacts(user) -> bool:
    """Tell whether the user may read participants' e-mail addresses (staff only)."""
    return user is not None and _is_active_staff(user)


def calendar_token_scope(user) -> Q | None:
    """Personal calendar addresses: a focal point's own; the Secretariat all."""
    if is_secretariat(user):
        return ALL
    focal_point = active_focal_point(user) if user is not None else None
    return Q(focal_point_id=focal_point.pk) if focal_point is not None else None


def calendar_token_write_scope(user) -> Q | None:
    """A focal point revokes their own address; the Secretariat any."""
    return calendar_token_scope(user)


# Work plans (meetings.WorkPlan status values) that anyone may read, when the group is active.
PUBLIC_PLAN_STATUSES = ("adopted", "closed")


def _open_group_ids(user):
    """A subquery of the groups a focal point sits in (open designations)."""
    designation_model = apps.get_model("focal_points", "Designation")
    focal_point = active_focal_point(user)
    return (
        designation_model.objects.open()
        .filter(focal_point_id=focal_point.pk)
        .values("working_group_id")
    )


def work_plan_scope(user, prefix: str = "") -> Q | None:
    """Work plans (or their rows, through `prefix`): adopted ones public, drafts for members.

    Staff read every plan; a focal point also reads the drafts of the groups they sit in.
    """
    if user is not None and _is_active_staff(user):
        return ALL
    public = Q(
        **{
            f"{prefix}status__in": PUBLIC_PLAN_STATUSES,
            f"{prefix}working_group__is_active": True,
        }
    )
    if user is not None and active_focal_point(user) is not None:
        return public | Q(**{f"{prefix}working_group_id__in": _open_group_ids(user)})
    return public


def work_plan_write_scope(user) -> Q | None:
    """Work plans are kept by the Secretariat and the PPT in office."""
    return ALL if can_edit_directory(user) else None


def decision_scope(user, prefix: str = "meeting__") -> Q | None:
    """Decisions (or their notes): public when their meeting's outcomes are."""
    return meeting_scope(user, f"{prefix}distribution")


def decision_write_scope(user) -> Q | None:
    """The register is kept by the Secretariat and the PPT in office."""
    return ALL if can_edit_directory(user) else None


def may_produce_report(user) -> bool:
    """Tell whether the user produces and publishes the Presidency's reports and handover."""
    return user is not None and can_edit_directory(user)


def user_scope(user) -> Q | None:
    """Staff accounts are managed by the Secretariat; everyone else sees only themselves."""
    if is_secretariat(user):
        return ALL
    if user.is_authenticated:
        return Q(pk=user.pk)
    return None


def user_write_scope(user) -> Q | None:
    """Only the Secretariat changes accounts and roles."""
    return ALL if is_secretariat(user) else None


def restrict(queryset, scope: Q | None):
    """Filter a queryset to a scope: every row, some rows, or none."""
    if scope is None:
        return queryset.none()
    if scope is ALL or not scope.children:
        return queryset
    return queryset.filter(scope)


# -- pages that are not one model -------------------------------------------------------------


def may_read_directory_history(user) -> bool:
    """Tell whether the user may read the whole directory's recent changes."""
    return reads_whole_directory(user)


def may_use_spreadsheets(user) -> bool:
    """Tell whether the user may import and export the directory's spreadsheets."""
    return can_edit_directory(user)


def may_read_contact_lists(user) -> bool:
    """Tell whether the user reads contact lists: focal points their groups', staff their scope."""
    return active_focal_point(user) is not None or designation_scope(user) is not None


def may_read_all_contacts(user) -> bool:
    """Tell whether the user may download the contact list of the whole directory."""
    return reads_whole_directory(user)


def contact_export_scope(user) -> Q | None:
    """Prepared contact-list files: only the person who asked for one sees it."""
    return Q(requested_by_id=user.pk) if user.is_authenticated else None


def may_read_seat(user, *, country_id: int) -> bool:
    """Tell whether the user may read one country's seat history."""
    limited_to = coordinator_country_id(user)
    return limited_to is None or limited_to == country_id


# -- the role groups and their permissions ----------------------------------------------------

# PPT staff and the Secretariat manage everything in these apps; the presidency window above
# turns PPT staff read-only after their term.
DIRECTORY_APPS = ("focal_points", "documents", "meetings")
# The Secretariat also manages accounts (staff users, their roles and countries).
SECRETARIAT_EXTRA_APPS = ("accounts", "auth")
# Coordinators designate their own country's focal points; the scopes limit them to it.
COORDINATOR_CODENAMES = {
    "focal_points": [
        "add_focalpoint",
        "change_focalpoint",
        "delete_focalpoint",
        "view_focalpoint",
        "add_designation",
        "change_designation",
        "delete_designation",
        "view_designation",
        "view_institution",
        "view_country",
        "view_workinggroup",
        "view_presidency",
    ],
    # They read every meeting and manage their own delegation (participant_write_scope).
    "meetings": [
        "view_meeting",
        "view_agendaitem",
        "view_meetingdocument",
        "add_participant",
        "change_participant",
        "delete_participant",
        "view_participant",
        # Circulars sent to their country's people (circular_scope).
        "view_circular",
        "view_circulardelivery",
    ],
}


def role_groups_sync(*, group_model, permission_model) -> None:
    """Create the three role groups and grant each the permissions of its role."""
    secretariat, _created = group_model.objects.get_or_create(name=SECRETARIAT_GROUP)
    ppt_staff, _created = group_model.objects.get_or_create(name=PPT_STAFF_GROUP)
    coordinator, _created = group_model.objects.get_or_create(name=COORDINATOR_GROUP)

    directory = permission_model.objects.filter(content_type__app_label__in=DIRECTORY_APPS)
    secretariat.permissions.add(
        *directory,
        *permission_model.objects.filter(content_type__app_label__in=SECRETARIAT_EXTRA_APPS),
    )
    ppt_staff.permissions.add(*directory)
    for app_label, codenames in COORDINATOR_CODENAMES.items():
        coordinator.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )


def sync_after_migrate(sender, using="default", **kwargs) -> None:
    """Grant the permissions of models created since the last migrate (post_migrate)."""
    # A data migration creates the groups; this re-grants after every migrate, so models
    # added later (documents, meetings...) reach PPT staff without another data migration.
    from django.contrib.auth.models import Group, Permission

    if using != "default":
        return
    role_groups_sync(group_model=Group, permission_model=Permission)

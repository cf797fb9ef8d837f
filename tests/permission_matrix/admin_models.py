"""The domain's rights of each role on each registered ModelAdmin, and the rows they give.

Every registered ModelAdmin gets its rows generated from ADMIN_MODELS, the rights of each
role on each model written from the domain (never read from focal_points.access, or the
matrix could not fail): its list, add page, one object's page and history in
test_admin_registry.py, and its deletes and bulk actions in test_admin_writes.py. A new
ModelAdmin needs an entry here (test_admin_registry.py fails until it has one).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse

from documents.models import Document, DocumentFile
from focal_points.models import ChangeRequest, VerificationRequest
from meetings.models import Meeting, ReportPublication
from tests.documents.factories import DocumentFactory, DocumentFileFactory, ThematicAxisFactory
from tests.factories import StaffUserFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    PresidencyFactory,
    WorkingGroupFactory,
)
from tests.meetings.factories import (
    ActivityFactory,
    DecisionFactory,
    IndicatorFactory,
    MeetingFactory,
    ParticipantFactory,
    WorkPlanFactory,
)
from tests.permission_matrix.roles import (
    A_EMAIL,
    ADMIN_LOGIN,
    ADMIN_MISSING,
    DIRECTORY_EDITORS,
    REFUSED,
    STAFF_READERS,
    STAFF_ROLES,
    Page,
    row,
    url,
)
from tests.permission_matrix.world import axes_row, circular, circular_delivery, queue_row

# What a role may do with a model in the admin, from the domain:
LOGIN = "login"  # not staff: every admin page sends them to the admin's login
NONE = "none"  # staff without the right: refused (403)
READ = "read"  # reads the list and the object; every write is refused
EMPTY = "empty"  # opens the list, which holds no row for them: the object is missing to them
HIDDEN = "hidden"  # works on their own country's rows: country A's object is missing to them
# Reads every row, writes their own country's (a coordinator and the delegations): country A's
# object is read-only to them.
DELEGATION = "delegation"
WRITE = "write"  # reads, adds, changes, deletes and runs the bulk actions

# fmt: off
# Rights in ROLES order:
#                 anon   fpA    fpB    coA    coX     ppt    ex     ST
REFERENCE = (     LOGIN, LOGIN, LOGIN, READ,  READ,   WRITE, READ,  WRITE)  # noqa: E201
PEOPLE = (        LOGIN, LOGIN, LOGIN, WRITE, HIDDEN, WRITE, READ,  WRITE)  # noqa: E201
QUEUE = (         LOGIN, LOGIN, LOGIN, NONE,  NONE,   WRITE, EMPTY, WRITE)  # noqa: E201
SENDING_LOG = (   LOGIN, LOGIN, LOGIN, NONE,  NONE,   WRITE, READ,  WRITE)  # noqa: E201
LIBRARY = (       LOGIN, LOGIN, LOGIN, NONE,  NONE,   WRITE, READ,  WRITE)  # noqa: E201
ACCOUNTS = (      LOGIN, LOGIN, LOGIN, NONE,  NONE,   NONE,  NONE,  WRITE)  # noqa: E201
NOBODY = (        LOGIN, LOGIN, LOGIN, NONE,  NONE,   NONE,  NONE,  NONE)  # noqa: E201
MEETINGS = (      LOGIN, LOGIN, LOGIN, READ,  READ,   WRITE, READ,  WRITE)  # noqa: E201
PARTICIPANTS = (  LOGIN, LOGIN, LOGIN, WRITE, DELEGATION, WRITE, READ, WRITE)  # noqa: E201
# Plans and the register: no coordinator right in the admin (they read the public pages).
PLANS = (         LOGIN, LOGIN, LOGIN, NONE,  NONE,   WRITE, READ,  WRITE)  # noqa: E201
# Published reports: made by publishing; a former PPT's list is empty; editors may delete.
PUBLISHED = (     LOGIN, LOGIN, LOGIN, NONE,  NONE,   WRITE, EMPTY, WRITE)  # noqa: E201
# Circulars and their rows: a coordinator reads those sent to their country's people.
CIRCULARS = (     LOGIN, LOGIN, LOGIN, READ,  EMPTY,  WRITE, EMPTY, WRITE)  # noqa: E201

# What each right answers on a model's pages. An object outside a user's rows redirects to the
# index (ADMIN_MISSING) once they may read the model at all; without the right, 403 comes first.
#                changelist   add          change         history
PAGE_ANSWERS = {
    LOGIN:  (    ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN,   ADMIN_LOGIN),  # noqa: E241
    NONE:   (    403,         403,         403,           REFUSED),  # noqa: E201,E241
    READ:   (    200,         403,         200,           200),  # noqa: E201,E241
    EMPTY:  (    200,         403,         ADMIN_MISSING, ADMIN_MISSING),  # noqa: E201,E241
    HIDDEN: (    200,         200,         ADMIN_MISSING, ADMIN_MISSING),  # noqa: E201
    DELEGATION: (200,         200,         200,           200),
    WRITE:  (    200,         200,         200,           200),  # noqa: E201,E241
}
ADMIN_VIEWS = ("changelist", "add", "change", "history")
# fmt: on


def _row_of(obj) -> dict | None:
    """The stored state of one row (None once it is gone)."""
    return type(obj)._base_manager.filter(pk=obj.pk).values().first()


@dataclass(frozen=True)
class Write:
    """A write through the admin: the fresh object it targets and how its effect shows.

    `observe` reads the state the write changes (by default the object's own row); `done`
    tells from that state whether the write happened. A refused write leaves it unchanged.
    """

    make: Callable[[dict], models.Model]
    done: Callable[[dict | None], bool] = lambda state: state is None
    observe: Callable[[models.Model], dict | None] = _row_of
    # The object's admin page the write posts to, and the form it posts there.
    view: str = "delete"
    form: Callable[[models.Model], dict] = lambda obj: {"post": "yes"}
    # Where an allowed write lands besides the list, the index and the object's own page (the
    # copy's page; the form a bulk action opens), read once the write is done.
    lands_on: Callable[[models.Model], str] | None = None
    # A bulk action that opens a form: the allowed user submits `form` there.
    opens_form: bool = False


@dataclass(frozen=True)
class AdminModel:
    """The domain's expectations for one registered ModelAdmin."""

    rights: tuple[str, ...]  # in ROLES order
    obj: str  # world key of the object whose change and history pages are opened
    fresh: Callable[[dict], models.Model]  # a new object without dependents, for deletes
    actions: dict[str, Write] = field(default_factory=dict)  # bulk actions but delete_selected
    # Writes through the delete page other than a plain delete (a focal point with a seat).
    deletes: dict[str, Write] = field(default_factory=dict)
    # Writes through other pages of the object (the form copying a meeting).
    pages: dict[str, Write] = field(default_factory=dict)
    sees_a: tuple[str, ...] = ()
    adds: bool = True  # False: nobody adds (the sending log is written by a command)


def _fresh_focal_point(world: dict):
    return FocalPointFactory(institution=world["institution_a"])


def _focal_point_with_seat(world: dict):
    focal_point = FocalPointFactory(institution=world["institution_a"])
    DesignationFactory(focal_point=focal_point, working_group=WorkingGroupFactory())
    return focal_point


def _fresh_designation(world: dict):
    # A seat of its own, so the new principal collides with no other.
    return DesignationFactory(
        focal_point=world["focal_point_a"], working_group=WorkingGroupFactory()
    )


def _fresh_change_request(world: dict):
    return ChangeRequest.objects.create(
        focal_point=world["focal_point_a"], kind=ChangeRequest.Kind.LEFT_POST, successor_name="S"
    )


def _fresh_presidency(world: dict):
    return PresidencyFactory(
        country=CountryFactory(iso_code="ZY"),
        starts_on=date(2001, 1, 1),
        ends_on=date(2001, 12, 31),
    )


STALE_NOTE = "before the matrix ran"


def _document_with_stale_file(world: dict):
    document_file = DocumentFileFactory(extraction_note=STALE_NOTE)
    return document_file.document


def _file_of(document) -> dict | None:
    return DocumentFile.objects.filter(document=document).values().first()


def _is(name: str, test: Callable[[object], bool]) -> Callable[[dict | None], bool]:
    return lambda state: state is not None and test(state[name])


def _fresh_meeting(world: dict):
    return MeetingFactory(host_country=world["country_a"], working_groups=[world["group_a"]])


def _copy_form(meeting) -> dict:
    next_year = meeting.starts_on + timedelta(days=365)
    return {"starts_on": next_year, "ends_on": next_year, "slug": f"{meeting.slug}-next"}


def _copy_of(meeting) -> dict | None:
    """The next edition copied from the meeting (None until it is made)."""
    return Meeting.objects.filter(slug=f"{meeting.slug}-next").values().first()


def _copy_page(meeting) -> str:
    return reverse("admin:meetings_meeting_copy", args=[meeting.pk])


def _copy_change_page(meeting) -> str:
    return reverse("admin:meetings_meeting_change", args=[_copy_of(meeting)["id"]])


def _copied(state: dict | None) -> bool:
    return state is not None and state["ends_on"] == state["starts_on"]


def _fresh_participant_of_a(world: dict):
    # Of A's delegation: A's coordinator manages it, another coordinator only reads it.
    return ParticipantFactory(
        meeting=world["meeting_public"],
        focal_point=FocalPointFactory(institution=world["institution_a"]),
    )


READERS_OF_PEOPLE = ("coordinator_of_a", *STAFF_READERS)


def _fresh_publication(world: dict):
    return ReportPublication.objects.create(
        working_group=world["group_a"],
        meeting=world["meeting_grcm"],
        version=ReportPublication.objects.count() + 2,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 6, 30),
        document=DocumentFactory(distribution=Document.Distribution.RESTRICTED),
    )


# fmt: off
ADMIN_MODELS = {
    # Reference data: kept by the PPT in office and the Secretariat, read by every staff role.
    "focal_points.country": AdminModel(REFERENCE, "country_a",
        lambda world: CountryFactory(iso_code="ZY"), sees_a=STAFF_READERS),
    "focal_points.institution": AdminModel(REFERENCE, "institution_a",
        lambda world: InstitutionFactory(country=world["country_a"]), sees_a=STAFF_READERS),
    "focal_points.workinggroup": AdminModel(REFERENCE, "group_a",
        lambda world: WorkingGroupFactory(), sees_a=STAFF_READERS),
    "focal_points.presidency": AdminModel(REFERENCE, "presidency", _fresh_presidency,
        sees_a=STAFF_READERS),
    # People and seats: a coordinator keeps their own country's; a former PPT only reads.
    "focal_points.focalpoint": AdminModel(PEOPLE, "focal_point_a", _fresh_focal_point,
        actions={"retire_selected": Write(_focal_point_with_seat,
                                          _is("is_active", lambda active: active is False))},
        # Someone who held a seat is retired (deactivated, seats ended), never deleted.
        deletes={"delete retires": Write(_focal_point_with_seat,
                                         _is("is_active", lambda active: active is False))},
        sees_a=READERS_OF_PEOPLE),
    "focal_points.designation": AdminModel(PEOPLE, "designation_a", _fresh_designation,
        sees_a=READERS_OF_PEOPLE),
    # The queue of change requests: the PPT in office and the Secretariat.
    "focal_points.changerequest": AdminModel(QUEUE, "change_request_a", _fresh_change_request,
        actions={"mark_handled": Write(_fresh_change_request,
                                       _is("handled_at", lambda handled: handled is not None))},
        sees_a=DIRECTORY_EDITORS),
    # The verification sending log: read by staff readers, pruned by editors, added by nobody.
    "focal_points.verificationrequest": AdminModel(SENDING_LOG, "verification_request_a",
        lambda world: VerificationRequest.objects.create(
            focal_point=world["focal_point_a"], sent_to=A_EMAIL),
        adds=False, sees_a=STAFF_READERS),
    # The library and its thematic axes.
    "documents.document": AdminModel(LIBRARY, "restricted_document",
        lambda world: DocumentFactory(),
        actions={"rerun_extraction": Write(_document_with_stale_file,
                                           _is("extraction_note", lambda note: note != STALE_NOTE),
                                           observe=_file_of)}),
    # The domain has coordinators read the axes; they have no right in the library app at all
    # (COORDINATOR_CODENAMES), so the admin refuses them: stricter, not a leak (reported).
    "documents.thematicaxis": AdminModel(LIBRARY, "thematic_axis",
        lambda world: ThematicAxisFactory()),
    # Accounts and roles: the Secretariat only.
    "accounts.user": AdminModel(ACCOUNTS, "staff_user", lambda world: StaffUserFactory(),
        actions={"revoke_sign_in_links": Write(lambda world: StaffUserFactory(),
                                               _is("last_login", lambda when: when is not None))},
        sees_a=("secretariat",)),
    "auth.group": AdminModel(ACCOUNTS, "auth_group",
        lambda world: Group.objects.create(name="A group of the matrix")),
    # Sign-in lock-outs: only a superuser; no role group holds an axes permission.
    "axes.accessattempt": AdminModel(NOBODY, "access_attempt", axes_row(AccessAttempt),
        actions={"cleanup_expired_attempts": Write(axes_row(AccessAttempt))}),
    "axes.accesslog": AdminModel(NOBODY, "access_log", axes_row(AccessLog)),
    "axes.accessfailurelog": AdminModel(NOBODY, "access_failure_log", axes_row(AccessFailureLog)),
    # The task queue (django-q2): a superuser's tool; no role group holds its permissions.
    "django_q.schedule": AdminModel(NOBODY, "queue_schedule", queue_row("schedule")),
    "django_q.ormq": AdminModel(NOBODY, "queue_message", queue_row("ormq"), adds=False),
    "django_q.success": AdminModel(NOBODY, "queue_success", queue_row("success"), adds=False,
        actions={"resubmit_task": Write(queue_row("success"), done=lambda state: False)}),
    "django_q.failure": AdminModel(NOBODY, "queue_failure", queue_row("failure"), adds=False,
        actions={"resubmit_task": Write(queue_row("failure"), done=lambda state: False)}),
    # Meetings: edited by the PPT in office and the Secretariat, read by every other staff role;
    # copied for the next edition through a form, which the bulk action opens.
    "meetings.meeting": AdminModel(MEETINGS, "meeting_public", _fresh_meeting,
        actions={"copy_selected": Write(_fresh_meeting, _copied, observe=_copy_of,
                                        form=_copy_form, lands_on=_copy_page, opens_form=True)},
        pages={"copy": Write(_fresh_meeting, _copied, observe=_copy_of, view="copy",
                             form=_copy_form, lands_on=_copy_change_page)},
        sees_a=STAFF_ROLES),
    # Participants: a coordinator manages their own delegation and reads the others.
    "meetings.participant": AdminModel(PARTICIPANTS, "participant_a", _fresh_participant_of_a,
        sees_a=STAFF_ROLES),
    # Work plans with their activities, goals and measurements; the register of decisions.
    "meetings.workplan": AdminModel(PLANS, "plan_adopted",
        lambda world: WorkPlanFactory(working_group=world["group_a"])),
    "meetings.activity": AdminModel(PLANS, "activity",
        lambda world: ActivityFactory(plan=world["plan_adopted"])),
    "meetings.indicator": AdminModel(PLANS, "indicator",
        lambda world: IndicatorFactory(activity=world["activity"])),
    "meetings.decision": AdminModel(PLANS, "decision",
        lambda world: DecisionFactory(meeting=world["meeting_grcm"])),
    "meetings.reportpublication": AdminModel(PUBLISHED, "report_publication",
        _fresh_publication, adds=False),
    # A draft circular is deleted; a queued row withdrawn; a sent one marked bounced.
    "meetings.circular": AdminModel(CIRCULARS, "circular_sent", lambda world: circular()),
    "meetings.circulardelivery": AdminModel(CIRCULARS, "circular_delivery_a",
        lambda world: circular_delivery(world, "queued"), adds=False,
        actions={"mark_bounced": Write(lambda world: circular_delivery(world, "sent"),
                                       _is("state", lambda state: state == "bounced")),
                 "send_again": Write(lambda world: circular_delivery(world, "failed"),
                                     _is("state", lambda state: state == "queued"))},
        sees_a=("coordinator_of_a", *DIRECTORY_EDITORS)),
}
# fmt: on

REGISTERED = {
    model._meta.label_lower: model_admin for model, model_admin in admin.site._registry.items()
}


def admin_url_name(label: str, view: str) -> str:
    return "admin:{}_{}".format(*label.split(".")) + f"_{view}"


def admin_page_rows(label: str, expected: AdminModel) -> list[Page]:
    """The list, add page, object page and history of one model, for every role."""
    rows = []
    for index, view in enumerate(ADMIN_VIEWS):
        answers = [PAGE_ANSWERS[right][index] for right in expected.rights]
        if view == "add" and not expected.adds:
            answers = [ADMIN_LOGIN if right == LOGIN else 403 for right in expected.rights]
        keys = (expected.obj,) if view in ("change", "history") else ()
        rows.append(
            row(
                f"admin {label} {view}",
                url(admin_url_name(label, view), *keys),
                *answers,
                sees_a=expected.sees_a,
            )
        )
    return rows


# Models registered but missing from ADMIN_MODELS get no rows: the registry test fails.
ADMIN_PAGES = [
    page
    for label in REGISTERED
    if label in ADMIN_MODELS
    for page in admin_page_rows(label, ADMIN_MODELS[label])
]
# The delete pages are opened by test_admin_writes.py, one fresh object per case.
ADMIN_WRITE_URL_NAMES = {
    admin_url_name(label, "delete") for label in REGISTERED if label in ADMIN_MODELS
}

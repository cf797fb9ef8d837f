"""Who may open which page: every page against every role, refusals leaking nothing.

The matrix is data: to cover a new page, add one `row(...)` to PAGES with the expected
answer per role, in ROLES order. Expected answers:
  200          the page renders
  SIGN_IN      302 to the portal's sign-in page
  ADMIN_LOGIN  302 to the admin's login page
  ADMIN_MISSING  302 to the admin index ("does not exist"): the object is outside what the
               user may see
  403, 404     refused
Every answer that is not a 200 for a role listed in `sees_a` must not contain focal point A's
e-mail address or phone number, nor the meeting guest's e-mail (contact details). Whatever the
page, no answer to a visitor holds what is for members (a members-only meeting, a meeting's
participants and link to join, a restricted document), no answer to anyone but the library's
editors names an internal document, and only A reads A's secret calendar address.

Every registered ModelAdmin gets its rows generated from ADMIN_MODELS, the rights of each
role on each model written from the domain (never read from focal_points.access, or the
matrix could not fail): its list, add page, one object's page and history here, and its
deletes and bulk actions in tests/test_admin_write_matrix.py. Every named URL must be
covered by a row or listed, with its reason, in URL_EXEMPTIONS.

The role groups carry the permissions the roles migration (accounts 0003) gives them.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import uuid4

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import models
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import ContactExport
from documents.models import Document, DocumentFile
from focal_points.access import COORDINATOR_GROUP, PPT_STAFF_GROUP, SECRETARIAT_GROUP
from focal_points.models import ChangeRequest, VerificationRequest
from focal_points.services import change_request_submit
from meetings.circulars.links import circular_confirm_token
from meetings.models import (
    CalendarToken,
    Circular,
    CircularDelivery,
    Invitation,
    Meeting,
    MeetingDocument,
    Participant,
    ReportPublication,
    WorkPlan,
)
from tests.accounts.factories import FocalPointUserFactory
from tests.conftest import loaded_for_module
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
    AgendaItemFactory,
    DecisionFactory,
    GuestFactory,
    IndicatorFactory,
    MeasurementFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    ParticipantFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "focal_point_a",
    "focal_point_b",
    "coordinator_of_a",
    "coordinator_other",
    "ppt_current",
    "ppt_former",
    "secretariat",
)
SIGN_IN = "sign-in"
ADMIN_LOGIN = "admin-login"
# Django's admin answers an object outside the user's queryset with a redirect to its index.
ADMIN_MISSING = "admin-missing"
# 403 or ADMIN_MISSING: Django's history page looks the object up in the user's rows before it
# checks the right, so a role without the right is told "missing" where it sees no such row.
REFUSED = "refused"

A_EMAIL = "punto.focal.a@example.org"
A_PHONE = "+50622220001"
A_PHONE_NATIONAL = "2222 0001"
GUEST_EMAIL = "invitada.matriz@example.org"
CONTACT_DETAILS = (A_EMAIL, A_PHONE, A_PHONE_NATIONAL, GUEST_EMAIL)
# For members only (focal points and staff): never in an answer to a visitor.
GUEST_NAME = "Invitada Sociedad Civil Matriz"
VIRTUAL_LINK = "https://meet.example.org/sala-de-la-matriz"
CLOSED_SLUG = "sesion-cerrada-de-la-matriz"
CLOSED_TITLES = ("Sesión a puerta cerrada de la matriz", "Closed-door session of the matrix")
RESTRICTED_TITLES = ("Informe reservado de la matriz", "Restricted report of the matrix")
MEMBERS_ONLY = (GUEST_NAME, VIRTUAL_LINK, CLOSED_SLUG, *CLOSED_TITLES, *RESTRICTED_TITLES)
NON_MEMBERS = ("anonymous",)
# For the library's editors only (the PPT in office and the Secretariat).
INTERNAL_TITLES = ("Acta interna de la matriz", "Internal minutes of the matrix")


@dataclass
class Page:
    name: str
    url: Callable[[dict], str]
    expected: dict[str, object]
    sees_a: frozenset[str] = field(default_factory=frozenset)
    # The URL name the row covers (test_every_named_url_is_in_the_matrix_or_exempt).
    url_name: str = ""
    # A secret address is the key: whoever holds it reads what it gives (members-only too).
    capability: bool = False


@dataclass(frozen=True)
class Reverse:
    """Reverse a URL name with the primary keys of objects of the world fixture."""

    url_name: str
    keys: tuple[str, ...] = ()
    attribute: str = "pk"

    def __call__(self, world: dict) -> str:
        return reverse(
            self.url_name, args=[getattr(world[key], self.attribute) for key in self.keys]
        )


def row(name, url, *expected, sees_a=(), url_name=None, capability=False) -> Page:
    """One page: its expected answers in ROLES order; lambda rows name their URL."""
    assert len(expected) == len(ROLES), name
    url_name = url_name or getattr(url, "url_name", None)
    assert url_name, f"{name}: pass url_name= with a lambda"
    expected = dict(zip(ROLES, expected, strict=True))
    return Page(name, url, expected, frozenset(sees_a), url_name, capability)


def url(name: str, *keys: str, attribute: str = "pk") -> Reverse:
    return Reverse(name, keys, attribute)


def admin_url(model: str, view: str, *keys: str) -> Reverse:
    return url(f"admin:focal_points_{model}_{view}", *keys)


# fmt: off
# Expected answers, in ROLES order:
#                    anon         fpA          fpB          coA  coX  ppt  ex   ST
PUBLIC = (           200,         200,         200,         200, 200, 200, 200, 200)  # noqa: E201
FOCAL_POINT_ONLY = ( SIGN_IN,     200,         200,         403, 403, 403, 403, 403)  # noqa: E201
CONTACTS = (         SIGN_IN,     200,         200,         200, 200, 200, 200, 200)  # noqa: E201
CONTACTS_OF_A = (    SIGN_IN,     200,         404,         200, 200, 200, 200, 200)  # noqa: E201
CONTACTS_OF_COUNTRY_A = (SIGN_IN, 403,         403,         200, 404, 200, 200, 200)  # noqa: E201
CONTACTS_OF_ALL = (  SIGN_IN,     403,         403,         403, 403, 200, 200, 200)  # noqa: E201
OWN_EXPORT_OF_ST = ( SIGN_IN,     404,         404,         404, 404, 404, 404, 200)  # noqa: E201
DIRECTORY_ADMIN = (  ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200, 200, 200)  # noqa: E201
REFERENCE_ADMIN = (  ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200, 200, 200)  # noqa: E201
COUNTRY_SCOPED_LIST = REFERENCE_ADMIN
STAFF_PAGE = REFERENCE_ADMIN
RESTRICTED = (       404,         200,         200,         200, 200, 200, 200, 200)  # noqa: E201
INTERNAL = (         404,         404,         404,         404, 404, 200, 404, 200)  # noqa: E201
LIBRARY_ADMIN = (    ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200, 200, 200)  # noqa: E201
INTERNAL_ADMIN = (   ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200, ADMIN_MISSING, 200)  # noqa: E201,E501
SHEETS = (           ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200, 403, 200)  # noqa: E201
SEAT_PAGE = (        ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 403, 200, 200, 200)  # noqa: E201
COUNTRY_SCOPED_ITEM = (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, ADMIN_MISSING, 200, 200, 200)  # noqa: E501
COUNTRY_SCOPED_ADD = (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200, 403, 200)  # noqa: E501
QUEUE_ITEM = (       ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200, ADMIN_MISSING, 200)  # noqa: E201,E501
ACCOUNTS_ADMIN = (   ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 403, 403, 200)  # noqa: E201
NOT_FOUND = (        404,         404,         404,         404, 404, 404, 404, 404)  # noqa: E201
MEETING_EDIT = (     ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200, 403, 200)  # noqa: E201
STAFF_ADMIN_READ = ( ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200, 200, 200)  # noqa: E201
REPORT_PRODUCERS = ( ADMIN_LOGIN, 403,         403,         403, 403, 200, 403, 200)  # noqa: E201
DRAFT_PLAN = (       404,         200,         404,         200, 200, 200, 200, 200)  # noqa: E201
# Circulars: a focal point's archive holds their own; editors send; a coordinator reads those
# sent to their country's people; a former PPT none.
OWN_CIRCULAR = (     SIGN_IN,     200,         404,         403, 403, 403, 403, 403)  # noqa: E201
CIRCULAR_SEND = (    ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_MISSING, ADMIN_MISSING, 200, ADMIN_MISSING, 200)  # noqa: E201,E501
CIRCULAR_READ = (    ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, ADMIN_MISSING, 200, ADMIN_MISSING, 200)  # noqa: E201,E501
CIRCULAR_COUNTS = (  ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 404, 200, 404, 200)  # noqa: E201

STAFF_READERS = ("ppt_current", "ppt_former", "secretariat")
# Participants' contact details are for staff, every staff role.
STAFF_ROLES = ("coordinator_of_a", "coordinator_other", *STAFF_READERS)
DIRECTORY_EDITORS = ("ppt_current", "secretariat")
# Who reads A's contact details in a contact list: A's own group, A's coordinator, staff who
# read the whole directory. Another country's coordinator reads the group without A.
CONTACT_READERS_OF_A = ("focal_point_a", "coordinator_of_a", *STAFF_READERS)
CONTACT_FORMATS = ("pdf", "xlsx", "vcf")

# The objects of A's seat, by admin model name and world key.
REFERENCE_OBJECTS = (
    ("country", "country_a"),
    ("institution", "institution_a"),
    ("workinggroup", "group_a"),
    ("presidency", "presidency"),
)
COUNTRY_SCOPED_OBJECTS = (
    ("focalpoint", "focal_point_a"),
    ("designation", "designation_a"),
)

PAGES = [
    row("sign-in", url("accounts:sign_in"), *PUBLIC),
    row("my entry", url("accounts:my_entry"), *FOCAL_POINT_ONLY, sees_a=["focal_point_a"]),
    row("verify", url("accounts:verify"), *FOCAL_POINT_ONLY, sees_a=["focal_point_a"]),
    row("contacts", url("accounts:contacts"), *CONTACTS),
    row(
        "contacts of A's group",
        url("accounts:group_contacts", "group_a"),
        *CONTACTS_OF_A,
        sees_a=CONTACT_READERS_OF_A,
    ),
    # Contact lists to take away: a group's (its members and staff), a country's (staff of
    # that country or of all), the whole directory's (staff who read it all).
    *[
        row(f"contacts of A's group as {fmt}",
            lambda world, fmt=fmt: reverse(
                "accounts:group_contacts_download", args=[world["group_a"].pk, fmt]),
            *CONTACTS_OF_A, sees_a=CONTACT_READERS_OF_A,
            url_name="accounts:group_contacts_download")
        for fmt in CONTACT_FORMATS
    ],
    row("contacts of A's group for BCC", url("accounts:group_contacts_bcc", "group_a"),
        *CONTACTS_OF_A, sees_a=CONTACT_READERS_OF_A),
    *[
        row(f"contacts of A's country as {fmt}",
            lambda world, fmt=fmt: reverse(
                "accounts:country_contacts_download", args=[world["country_a"].iso_code, fmt]),
            *CONTACTS_OF_COUNTRY_A, sees_a=("coordinator_of_a", *STAFF_READERS),
            url_name="accounts:country_contacts_download")
        for fmt in CONTACT_FORMATS
    ],
    row("contacts of A's country for BCC",
        lambda world: reverse("accounts:country_contacts_bcc", args=[world["country_a"].iso_code]),
        *CONTACTS_OF_COUNTRY_A, sees_a=("coordinator_of_a", *STAFF_READERS),
        url_name="accounts:country_contacts_bcc"),
    *[
        row(f"contacts of the whole directory as {fmt}",
            lambda world, fmt=fmt: reverse("accounts:directory_contacts_download", args=[fmt]),
            *CONTACTS_OF_ALL, sees_a=STAFF_READERS,
            url_name="accounts:directory_contacts_download")
        for fmt in CONTACT_FORMATS
    ],
    row("contacts of the whole directory for BCC", url("accounts:directory_contacts_bcc"),
        *CONTACTS_OF_ALL, sees_a=STAFF_READERS),
    row("contact lists prepared for me", url("accounts:contact_exports"), *CONTACTS),
    row("a contact list prepared for the Secretariat",
        url("accounts:contact_export_download", "export_of_secretariat"),
        *OWN_EXPORT_OF_ST, sees_a=("secretariat",)),
    # Public pages: open to all, and never showing a focal point's e-mail or phone.
    row("home", url("home"), *PUBLIC),
    row("member countries", url("focal_points:country_list"), *PUBLIC),
    row("country of A",
        lambda world: reverse("focal_points:country_detail", args=[world["country_a"].iso_code]),
        *PUBLIC, url_name="focal_points:country_detail"),
    row("working groups", url("focal_points:group_list"), *PUBLIC),
    row("working group of A", lambda world: world["group_a"].get_absolute_url(), *PUBLIC,
        url_name="focal_points:group_detail"),
    row("sitemap", lambda world: "/sitemap.xml", *PUBLIC, url_name="sitemap"),
    # Staff pages of the directory.
    row("admin coverage", url("admin:focal_points_coverage"), *STAFF_PAGE,
        sees_a=()),
    row("admin recent changes", url("admin:focal_points_recent_changes"), *DIRECTORY_ADMIN,
        sees_a=STAFF_READERS),
    # The library's changes include internal documents: only those who see every document.
    row("admin library recent changes", url("admin:documents_recent_changes"), *SHEETS,
        sees_a=()),
    row("admin seat history of A",
        lambda world: reverse("admin:focal_points_seat_history", args=[
            world["country_a"].pk, world["group_a"].pk, "principal"]),
        *SEAT_PAGE, sees_a=(), url_name="admin:focal_points_seat_history"),
    # Spreadsheets: only the Secretariat and the presidency in office.
    row("admin import", admin_url("focalpoint", "import"), *SHEETS, sees_a=()),
    row("admin export", admin_url("focalpoint", "export"), *SHEETS, sees_a=()),
    row("admin import template", admin_url("focalpoint", "import_template"), *SHEETS,
        sees_a=()),
    row("admin history of A", admin_url("focalpoint", "history", "focal_point_a"),
        *COUNTRY_SCOPED_ITEM, sees_a=("coordinator_of_a", *STAFF_READERS)),
    # The document library: restricted for members (focal points and staff), internal for
    # those who edit the library; to anyone else such a document does not exist (404).
    row("library", url("documents:list"), *PUBLIC),
    row("library feed", url("documents:feed"), *PUBLIC),
    row("restricted document", url("documents:detail", "restricted_document"), *RESTRICTED),
    row("restricted download",
        lambda world: reverse("documents:download", args=[world["restricted_document"].pk, "es"]),
        *RESTRICTED, url_name="documents:download"),
    row("internal document", url("documents:detail", "internal_document"), *INTERNAL),
    row("internal download",
        lambda world: reverse("documents:download", args=[world["internal_document"].pk, "es"]),
        *INTERNAL, url_name="documents:download"),
    row("admin document list", url("admin:documents_document_changelist"), *LIBRARY_ADMIN),
    row("admin internal document", url("admin:documents_document_change", "internal_document"),
        *INTERNAL_ADMIN),
    # The directory in the admin. Coordinators read the shared reference data (countries,
    # institutions, groups, presidencies) and see only their own country's people and seats:
    # another country's record is "missing" to them.
    *[
        row(f"admin {model} list", admin_url(model, "changelist"), *REFERENCE_ADMIN,
            sees_a=STAFF_READERS)
        for model, _key in REFERENCE_OBJECTS
    ],
    *[
        row(f"admin {model} of A", admin_url(model, "change", key), *REFERENCE_ADMIN,
            sees_a=STAFF_READERS)
        for model, key in REFERENCE_OBJECTS
    ],
    *[
        row(f"admin {model} list", admin_url(model, "changelist"), *COUNTRY_SCOPED_LIST,
            sees_a=("coordinator_of_a", *STAFF_READERS))
        for model, _key in COUNTRY_SCOPED_OBJECTS
    ],
    *[
        row(f"admin {model} of A", admin_url(model, "change", key), *COUNTRY_SCOPED_ITEM,
            sees_a=("coordinator_of_a", *STAFF_READERS))
        for model, key in COUNTRY_SCOPED_OBJECTS
    ],
    # Adding people and seats: coordinators for their own country, never a former PPT.
    *[
        row(f"admin {model} add", admin_url(model, "add"), *COUNTRY_SCOPED_ADD)
        for model, _key in COUNTRY_SCOPED_OBJECTS
    ],
    row("admin verificationrequest list", admin_url("verificationrequest", "changelist"),
        *DIRECTORY_ADMIN, sees_a=STAFF_READERS),
    # The queue of change requests: a former PPT keeps no view of it.
    row("admin changerequest list", admin_url("changerequest", "changelist"),
        *DIRECTORY_ADMIN, sees_a=DIRECTORY_EDITORS),
    row("admin changerequest of A", admin_url("changerequest", "change", "change_request_a"),
        *QUEUE_ITEM, sees_a=DIRECTORY_EDITORS),
    # Every staff member reaches the admin's index; only the Secretariat sets passwords.
    row("admin index", url("admin:index"), *STAFF_PAGE),
    row("admin password of a staff user", url("admin:auth_user_password_change", "staff_user"),
        *ACCOUNTS_ADMIN),
    # A designation letter is read by whoever reads the seat: not another country's coordinator.
    row("admin letter of A's designation",
        url("admin:focal_points_designation_letter", "designation_a"), *SEAT_PAGE),
    # Meetings: public ones for everyone; a members-only meeting does not exist for visitors
    # (404, in lists and feeds too). Participants are listed to members and staff, their
    # contact details shown to staff only.
    row("meetings", url("meetings:list"), *PUBLIC),
    row("past meetings", url("meetings:past"), *PUBLIC),
    row("public meeting", url("meetings:detail", "meeting_public", attribute="slug"), *PUBLIC,
        sees_a=STAFF_ROLES),
    row("members-only meeting", url("meetings:detail", "meeting_closed", attribute="slug"),
        *RESTRICTED, sees_a=STAFF_ROLES),
    row("public meeting .ics", url("meetings:ics", "meeting_public", attribute="slug"), *PUBLIC),
    row("members-only meeting .ics", url("meetings:ics", "meeting_closed", attribute="slug"),
        *RESTRICTED),
    row("meetings calendar", url("meetings:calendar"), *PUBLIC),
    row("calendar of A's group", url("meetings:group_calendar", "group_a", attribute="slug"),
        *PUBLIC),
    row("my calendar address", url("meetings:calendar_address"), *FOCAL_POINT_ONLY),
    # The personal feed answers its secret address, whoever asks; revoked, it is gone.
    row("personal calendar of A",
        url("meetings:personal_calendar", "calendar_token_a", attribute="token"), *PUBLIC,
        capability=True),
    row("revoked calendar of A",
        url("meetings:personal_calendar", "revoked_calendar_token_a", attribute="token"),
        *NOT_FOUND),
    row("forged calendar address",
        lambda world: reverse("meetings:personal_calendar", args=["forged-" + "x" * 37]),
        *NOT_FOUND, url_name="meetings:personal_calendar"),
    # "Copy this meeting" for the next edition: those who edit meetings.
    row("admin copy of the public meeting", url("admin:meetings_meeting_copy", "meeting_public"),
        *MEETING_EDIT, sees_a=STAFF_ROLES),
    row("admin copy of the members-only meeting",
        url("admin:meetings_meeting_copy", "meeting_closed"), *MEETING_EDIT, sees_a=STAFF_ROLES),
    row("admin members-only meeting", url("admin:meetings_meeting_change", "meeting_closed"),
        *STAFF_ADMIN_READ, sees_a=STAFF_ROLES),
    # Invitations: the answer page opens with its secret key, whoever holds it; a forged key
    # is not found. Editors invite and import the attendance; every staff role reads replies.
    row("invitation reply of A",
        url("meetings:invitation_reply", "invitation_a", attribute="token"), *PUBLIC,
        capability=True),
    row("forged invitation reply",
        lambda world: reverse("meetings:invitation_reply", args=["forged-" + "x" * 36]),
        *NOT_FOUND, url_name="meetings:invitation_reply"),
    row("admin invite to the public meeting",
        url("admin:meetings_meeting_invite", "meeting_public"), *MEETING_EDIT),
    row("admin replies to the public meeting",
        url("admin:meetings_meeting_replies", "meeting_public"), *STAFF_ADMIN_READ),
    row("admin attendance list of the public meeting",
        url("admin:meetings_meeting_attendance", "meeting_public"), *MEETING_EDIT),
    # A guest comes for no country: every staff role reads the row, with the e-mail.
    row("admin guest participant", url("admin:meetings_participant_change", "guest"),
        *STAFF_ADMIN_READ, sees_a=STAFF_ROLES),
    # Work plans: adopted ones public; a draft for the group's members and staff.
    row("work plans of A's group", url("meetings:plan_list", "group_a", attribute="slug"),
        *PUBLIC),
    row("adopted plan of A's group", lambda world: world["plan_adopted"].get_absolute_url(),
        *PUBLIC, url_name="meetings:plan_detail"),
    row("draft plan of A's group", lambda world: world["plan_draft"].get_absolute_url(),
        *DRAFT_PLAN, url_name="meetings:plan_detail"),
    row("decisions and recommendations", url("meetings:decisions"), *PUBLIC),
    # The Presidency's report and the handover: the PPT in office and the Secretariat.
    row("reports of the presidency", url("meetings:report_index"), *REPORT_PRODUCERS),
    row("report on A's group",
        lambda world: reverse("meetings:report", args=[world["group_a"].slug])
        + f"?meeting={world['meeting_grcm'].slug}&language=en",
        *REPORT_PRODUCERS, sees_a=DIRECTORY_EDITORS, url_name="meetings:report"),
    row("report on A's group as PDF",
        lambda world: reverse("meetings:report_pdf", args=[world["group_a"].slug])
        + f"?meeting={world['meeting_grcm'].slug}",
        *REPORT_PRODUCERS, sees_a=DIRECTORY_EDITORS, url_name="meetings:report_pdf"),
    row("handover package", url("meetings:handover"), *REPORT_PRODUCERS,
        sees_a=DIRECTORY_EDITORS),
    # Circulars (tests/meetings/test_circulars_access.py has the pages' own answers).
    row("my circulars", url("meetings:circular_archive"), *FOCAL_POINT_ONLY),
    row("circular sent to A in the archive",
        url("meetings:circular_archive_detail", "circular_sent"), *OWN_CIRCULAR),
    row("confirm link of A's circular",
        lambda world: reverse("meetings:circular_confirm",
                              args=[circular_confirm_token(world["circular_delivery_a"])]),
        *PUBLIC, capability=True, url_name="meetings:circular_confirm"),
    row("forged confirm link", lambda world: reverse("meetings:circular_confirm", args=["x:y"]),
        *NOT_FOUND, url_name="meetings:circular_confirm"),
    row("admin preview of a draft circular",
        url("admin:meetings_circular_preview", "circular_draft"), *CIRCULAR_SEND),
    row("admin progress of the circular sent to A",
        url("admin:meetings_circular_progress", "circular_sent"), *CIRCULAR_READ),
    row("admin progress counts of the circular sent to A",
        url("admin:meetings_circular_progress_json", "circular_sent"), *CIRCULAR_COUNTS),
]
# fmt: on


# -- every registered ModelAdmin ---------------------------------------------------------------
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


def _axes_row(model, *, aged: bool = True):
    def make(world: dict):
        # Aged (fresh per case) and world rows differ: attempts are unique per agent and IP.
        agent = "matrix, aged" if aged else "matrix"
        fields = {"user_agent": agent, "ip_address": "203.0.113.9", "username": "someone"}
        fields |= {"http_accept": "*/*", "path_info": "/es/accounts/staff-sign-in/"}
        if model is AccessAttempt:
            fields |= {"get_data": "", "post_data": "", "failures_since_start": 1}
        obj = model.objects.create(**fields)
        if aged:
            # Older than the cool-off: the cleanup action would remove it if it ran (so would
            # a sign-in: axes cleans up on each; the cases reuse the world's sessions).
            model.objects.filter(pk=obj.pk).update(attempt_time=timezone.now() - timedelta(days=2))
        return obj

    return make


def _queue_row(kind: str):
    def make(world: dict):
        # The task queue's tables (django-q2): a schedule, a queued message, a finished task.
        from django_q.models import OrmQ, Schedule, Task

        if kind == "schedule":
            return Schedule.objects.create(func="math.floor", args="1", name=f"matrix {uuid4()}")
        if kind == "ormq":
            return OrmQ.objects.create(key="matrix", payload="matrix", lock=None)
        return Task.objects.create(
            id=uuid4().hex,
            name=f"matrix {uuid4()}",
            func="math.floor",
            started=timezone.now(),
            stopped=timezone.now(),
            success=kind == "success",
        )

    return make


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


def _circular(**fields):
    return Circular.objects.create(
        subject_es="Circular de la matriz", body_es="Texto", single_language=True, **fields
    )


def _circular_delivery(world: dict, state: str, circular=None):
    sent = {"sent_at": timezone.now()} if state == "sent" else {}
    circular = circular or _circular(status="sending", queued_at=timezone.now())
    return CircularDelivery.objects.create(
        circular=circular, focal_point=world["focal_point_a"], email=A_EMAIL, language="es",
        state=state, **sent,
    )  # fmt: skip


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
    "axes.accessattempt": AdminModel(NOBODY, "access_attempt", _axes_row(AccessAttempt),
        actions={"cleanup_expired_attempts": Write(_axes_row(AccessAttempt))}),
    "axes.accesslog": AdminModel(NOBODY, "access_log", _axes_row(AccessLog)),
    "axes.accessfailurelog": AdminModel(NOBODY, "access_failure_log", _axes_row(AccessFailureLog)),
    # The task queue (django-q2): a superuser's tool; no role group holds its permissions.
    "django_q.schedule": AdminModel(NOBODY, "queue_schedule", _queue_row("schedule")),
    "django_q.ormq": AdminModel(NOBODY, "queue_message", _queue_row("ormq"), adds=False),
    "django_q.success": AdminModel(NOBODY, "queue_success", _queue_row("success"), adds=False,
        actions={"resubmit_task": Write(_queue_row("success"), done=lambda state: False)}),
    "django_q.failure": AdminModel(NOBODY, "queue_failure", _queue_row("failure"), adds=False,
        actions={"resubmit_task": Write(_queue_row("failure"), done=lambda state: False)}),
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
    "meetings.circular": AdminModel(CIRCULARS, "circular_sent", lambda world: _circular()),
    "meetings.circulardelivery": AdminModel(CIRCULARS, "circular_delivery_a",
        lambda world: _circular_delivery(world, "queued"), adds=False,
        actions={"mark_bounced": Write(lambda world: _circular_delivery(world, "sent"),
                                       _is("state", lambda state: state == "bounced")),
                 "send_again": Write(lambda world: _circular_delivery(world, "failed"),
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
# The delete pages are opened by tests/test_admin_write_matrix.py, one fresh object per case.
ADMIN_WRITE_URL_NAMES = {
    admin_url_name(label, "delete") for label in REGISTERED if label in ADMIN_MODELS
}

# Named URLs no row opens, each with its reason.
URL_EXEMPTIONS = {
    # Steps of the sign-in and self-service flows (POST-only, token pages, confirmations),
    # tested in tests/accounts; everything a person can navigate to is in the matrix.
    "accounts:sign_in_sent": "the confirmation after a sign-in request (tests/accounts)",
    "accounts:sign_in_link": "the one-time token page of a sign-in link (tests/accounts)",
    "accounts:staff_sign_in": "the staff password form, a step of signing in (tests/accounts)",
    "accounts:sign_out": "POST-only sign-out (tests/accounts)",
    "accounts:sign_out_everywhere": "POST-only sign-out on every device (tests/accounts)",
    "accounts:left_post": "a step of the my-entry flow, POST-only (tests/accounts)",
    # The admin's own machinery, the same for every staff member.
    "admin:login": "the admin's sign-in page: every refusal above redirects to it",
    "admin:logout": "POST-only sign-out of the admin",
    "admin:password_change": "a staff member's own password form, no directory data",
    "admin:password_change_done": "the confirmation of the admin's own password change",
    "admin:jsi18n": "the admin's JavaScript catalogue, no data",
    "admin:autocomplete": "answers for fields of pages above, scoped by their ModelAdmin "
    "(tests/focal_points/test_admin_access.py)",
    "admin:view_on_site": "redirects to an object's public page (public rows above)",
    "admin:app_list": "one app's section of the index: the index and list rows cover it",
    # POST-only steps whose GET redirects or refuses; tested where the flow is.
    "admin:focal_points_recent_changes_revert": "POST-only revert from the recent changes "
    "(tests/focal_points/test_admin_history.py)",
    "admin:documents_recent_changes_revert": "POST-only revert from the library's recent "
    "changes (tests/documents/test_admin_history.py)",
    "admin:documents_document_revert": "POST-only revert from a document's history page "
    "(tests/documents/test_admin_history.py)",
    "admin:focal_points_focalpoint_process_import": "the POST confirming an import preview "
    "(tests/focal_points/test_import.py)",
    **{
        f"admin:focal_points_{model}_revert": "POST-only revert from the history page above "
        "(tests/focal_points/test_admin_history.py)"
        for model in (
            "country",
            "institution",
            "workinggroup",
            "presidency",
            "focalpoint",
            "designation",
        )
    },
    **{
        f"admin:meetings_{model}_revert": "POST-only revert from the history page above "
        "(core.history, as every record's; tests/meetings/test_admin.py reverts a meeting)"
        for model in ("meeting", "participant", "circular")
    },
    **{
        f"admin:meetings_{model}_revert": "POST-only revert from the history page above "
        "(core.history; tests/meetings/test_plans_admin.py reverts an activity)"
        for model in ("workplan", "activity", "indicator", "decision", "reportpublication")
    },
    "meetings:report_publish": "POST-only: publishing a report, posted by every role in "
    "tests/meetings/test_report_access.py with its effect checked",
    "meetings:calendar_revoke": "POST-only: a focal point replaces their own calendar address "
    "(tests/meetings/test_calendars.py)",
    # Infrastructure.
    "healthz": "the load balancer's probe: no user data, no access rule",
    "sitemap-section": "sections listed by the sitemap row (tests/focal_points/test_sitemaps.py)",
}


def role_group(name: str) -> Group:
    # Created with its permissions by the roles migration: fail loudly if it is missing.
    return Group.objects.get(name=name)


def staff(group_name: str, country) -> object:
    user = StaffUserFactory(country=country)
    user.groups.add(role_group(group_name))
    return user


def build_world() -> dict:
    """Two countries' focal points, their coordinators, the PPT then and now, the ST."""
    country_a = CountryFactory(iso_code="CR")
    country_b = CountryFactory(iso_code="PA")
    ppt_country = CountryFactory(iso_code="MX")
    former_ppt_country = CountryFactory(iso_code="GT")
    presidency = PresidencyFactory(country=ppt_country)
    PresidencyFactory(
        country=former_ppt_country, starts_on=date(2015, 1, 1), ends_on=date(2015, 12, 31)
    )
    institution_a = InstitutionFactory(country=country_a)
    focal_point_a = FocalPointFactory(institution=institution_a, email=A_EMAIL, phone=A_PHONE)
    focal_point_b = FocalPointFactory(institution=InstitutionFactory(country=country_b))
    group_a = WorkingGroupFactory()
    designation_a = DesignationFactory(focal_point=focal_point_a, working_group=group_a)
    designation_a.letter_file.save("oficio.pdf", ContentFile(b"%PDF-1.4 letter"))
    DesignationFactory(focal_point=focal_point_b, working_group=WorkingGroupFactory())
    change_request_a = change_request_submit(
        focal_point=focal_point_a, kind=ChangeRequest.Kind.LEFT_POST, successor_name="Sucesor"
    )
    verification_request_a = VerificationRequest.objects.create(
        focal_point=focal_point_a, sent_to=A_EMAIL
    )
    restricted_file = DocumentFileFactory(
        document__distribution=Document.Distribution.RESTRICTED,
        document__title_es=RESTRICTED_TITLES[0],
        document__title_en=RESTRICTED_TITLES[1],
    )
    internal_file = DocumentFileFactory(
        document__distribution=Document.Distribution.INTERNAL,
        document__title_es=INTERNAL_TITLES[0],
        document__title_en=INTERNAL_TITLES[1],
    )
    secretariat = staff(SECRETARIAT_GROUP, None)
    export_of_secretariat = ContactExport.objects.create(
        requested_by=secretariat,
        scope=ContactExport.Scope.GROUP,
        working_group=group_a,
        status=ContactExport.Status.READY,
        file=ContentFile(f"{A_EMAIL} {A_PHONE}".encode(), name="contacts.pdf"),
    )
    meetings = build_meetings(
        group_a=group_a,
        focal_point_a=focal_point_a,
        focal_point_b=focal_point_b,
        documents=[restricted_file.document, internal_file.document],
    )
    return {
        **meetings,
        "restricted_document": restricted_file.document,
        "internal_document": internal_file.document,
        "country_a": country_a,
        "institution_a": institution_a,
        "group_a": group_a,
        "focal_point_a": focal_point_a,
        "designation_a": designation_a,
        "presidency": presidency,
        "change_request_a": change_request_a,
        "verification_request_a": verification_request_a,
        "export_of_secretariat": export_of_secretariat,
        # Objects of the admins outside the directory, one each.
        "thematic_axis": ThematicAxisFactory(),
        "staff_user": StaffUserFactory(),
        "auth_group": Group.objects.create(name="Matrix readers"),
        "access_attempt": _axes_row(AccessAttempt, aged=False)({}),
        "access_log": _axes_row(AccessLog, aged=False)({}),
        "access_failure_log": _axes_row(AccessFailureLog, aged=False)({}),
        "queue_schedule": _queue_row("schedule")({}),
        "queue_message": _queue_row("ormq")({}),
        "queue_success": _queue_row("success")({}),
        "queue_failure": _queue_row("failure")({}),
        **_circulars(focal_point_a),
        "users": {
            "anonymous": None,
            "focal_point_a": FocalPointUserFactory(focal_point=focal_point_a),
            "focal_point_b": FocalPointUserFactory(focal_point=focal_point_b),
            "coordinator_of_a": staff(COORDINATOR_GROUP, country_a),
            "coordinator_other": staff(COORDINATOR_GROUP, country_b),
            "ppt_current": staff(PPT_STAFF_GROUP, ppt_country),
            "ppt_former": staff(PPT_STAFF_GROUP, former_ppt_country),
            "secretariat": secretariat,
        },
    }


def _circulars(focal_point_a) -> dict:
    """A communication test sent to A (their row sent), and a draft."""
    sent = _circular(
        status="sent", queued_at=timezone.now(), finished_at=timezone.now(),
        asks_confirmation=True, confirm_within_days=7,
    )  # fmt: skip
    delivery = _circular_delivery({"focal_point_a": focal_point_a}, "sent", circular=sent)
    return {"circular_sent": sent, "circular_delivery_a": delivery, "circular_draft": _circular()}


def build_meetings(*, group_a, focal_point_a, focal_point_b, documents) -> dict:
    """A public meeting of A's group with its people and documents, a members-only one."""
    today = timezone.localdate()
    restricted, internal = documents
    public = MeetingFactory(
        slug="reunion-publica-de-la-matriz",
        host_country=focal_point_a.institution.country,
        starts_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=11),
        working_groups=[group_a],
        modality=Meeting.Modality.HYBRID,
        virtual_link=VIRTUAL_LINK,
    )
    closed = MeetingFactory(
        slug=CLOSED_SLUG,
        title_es=CLOSED_TITLES[0],
        title_en=CLOSED_TITLES[1],
        distribution=Meeting.Distribution.MEMBERS,
        host_country=focal_point_b.institution.country,
        starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=20),
        working_groups=[group_a],
    )
    # The library's documents in the meeting, each shown to whoever may read it.
    MeetingDocumentFactory(meeting=public, document=restricted, role=MeetingDocument.Role.REPORT)
    MeetingDocumentFactory(meeting=public, document=internal, role=MeetingDocument.Role.MINUTES)
    AgendaItemFactory(meeting=public, position=1).documents.set([restricted, internal])
    participant_a = ParticipantFactory(
        meeting=public, focal_point=focal_point_a, role=Participant.Role.HEAD_OF_DELEGATION
    )
    ParticipantFactory(meeting=public, focal_point=focal_point_b)
    ParticipantFactory(meeting=closed, focal_point=focal_point_a)
    guest = GuestFactory(meeting=public, guest_name=GUEST_NAME, guest_email=GUEST_EMAIL)
    # A was invited and answered "attending": still on the public list of participants.
    invitation_a = Invitation.objects.create(
        meeting=public,
        focal_point=focal_point_a,
        country=focal_point_a.institution.country,
        participant=participant_a,
        state=Invitation.State.SENT,
        sent_at=timezone.now(),
        answer=Invitation.Answer.ATTENDING,
        answered_at=timezone.now(),
    )
    grcm = MeetingFactory(
        slug="grcm-de-la-matriz", kind=Meeting.Kind.GRCM,
        host_country=focal_point_a.institution.country,
        starts_on=date(2024, 9, 20), ends_on=date(2024, 9, 21),
    )  # fmt: skip
    plan = WorkPlanFactory(working_group=group_a)
    activity = ActivityFactory(plan=plan)
    indicator = IndicatorFactory(activity=activity)
    MeasurementFactory(indicator=indicator)
    decision = DecisionFactory(meeting=grcm, working_groups=[group_a])
    return {
        "invitation_a": invitation_a,
        "meeting_grcm": grcm,
        "plan_adopted": plan,
        "plan_draft": WorkPlanFactory(working_group=group_a, status=WorkPlan.Status.DRAFT),
        "activity": activity,
        "indicator": indicator,
        "decision": decision,
        "report_publication": ReportPublication.objects.create(
            working_group=group_a,
            meeting=grcm,
            version=1,
            period_start=date(2024, 1, 1),
            period_end=date(2024, 6, 30),
            document=DocumentFactory(distribution=Document.Distribution.RESTRICTED),
        ),
        "meeting_public": public,
        "meeting_closed": closed,
        "participant_a": participant_a,
        "guest": guest,
        "calendar_token_a": CalendarToken.objects.create(focal_point=focal_point_a),
        "revoked_calendar_token_a": CalendarToken.objects.create(
            focal_point=focal_point_a, revoked_at=timezone.now()
        ),
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The world, built once per module; each case nests in a savepoint rolled back after it.

    Whatever a case writes (sessions, deletes, retirements) is gone before the next case.
    """
    with loaded_for_module(django_db_blocker, build_world_signed_in) as data:
        yield data


def build_world_signed_in() -> dict:
    """The world, with one session per role opened once: a sign-in per case costs more."""
    data = build_world()
    data["sessions"] = {}
    for role, user in data["users"].items():
        if user is not None:
            browser = Client()
            browser.force_login(user)
            data["sessions"][role] = browser.cookies[settings.SESSION_COOKIE_NAME].value
    return data


def sign_in(client, world: dict, role: str) -> None:
    """Give the test client the role's session (none for anonymous)."""
    if role in world["sessions"]:
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][role]


# Access bugs of the application the matrix found: each case fails until it is fixed.
# Cases that show a known access bug, xfailed strictly until it is fixed: none today.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def case(page: Page, role: str):
    bug = KNOWN_BUGS.get((page.name, role))
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(page, role, marks=marks, id=f"{page.name}|{role}")


CASES = [case(page, role) for page in [*PAGES, *ADMIN_PAGES] for role in ROLES]


@pytest.mark.parametrize(("page", "role"), CASES)
def test_page_answers_each_role_as_expected_and_refusals_leak_nothing(client, world, page, role):
    sign_in(client, world, role)
    url = page.url(world)

    response = client.get(url)

    expected = page.expected[role]
    if expected == SIGN_IN:
        assert response.status_code == 302, (url, role)
        assert response["Location"].startswith(reverse("accounts:sign_in")), response["Location"]
    elif expected == ADMIN_MISSING or (expected == REFUSED and response.status_code != 403):
        assert response.status_code == 302, (url, role)
        assert response["Location"] == reverse("admin:index"), response["Location"]
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302, (url, role)
        assert response["Location"].startswith(reverse("admin:login")), response["Location"]
    elif expected == REFUSED:
        assert response.status_code == 403, (url, role)
    else:
        assert response.status_code == expected, (url, role, response.status_code)
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    # Unfolded: iCalendar folds its lines at 75 octets, with a CRLF and a space.
    body = raw.decode(errors="replace").replace("\r\n ", "")
    for secret in secrets_of(world, page, role, response.status_code):
        # What the asker typed is no leak: a "not found" page repeats the address asked for.
        assert secret in url or secret not in body, (url, role, secret)


def secrets_of(world: dict, page: Page, role: str, status: int) -> list[str]:
    """What this role must not read in this page's answer."""
    secrets = [] if status == 200 and role in page.sees_a else [*CONTACT_DETAILS]
    if role != "focal_point_a":
        secrets.append(world["calendar_token_a"].token)
    if role in NON_MEMBERS and not page.capability:
        secrets.extend(MEMBERS_ONLY)
    if role not in DIRECTORY_EDITORS:
        secrets.extend(INTERNAL_TITLES)
    return secrets


def named_urls(patterns=None, namespace: str = "") -> Iterator[str]:
    """Every URL name of the project, with its namespaces ("admin:...", "documents:...")."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_urls(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace + pattern.name
        # Unnamed patterns cannot be reversed, so nothing links to them: in the admin they are
        # the old "<object_id>/" address that redirects to the named change page, and the
        # catch-all that answers any other address; both end in views the rows above cover.


def test_every_named_url_is_in_the_matrix_or_exempt():
    # A new path(..., name=...) in any urls.py, or a new admin URL, fails here until it has a
    # row (or a ModelAdmin entry) or a stated reason to be left out.
    names = set(named_urls())
    covered = {page.url_name for page in [*PAGES, *ADMIN_PAGES]} | ADMIN_WRITE_URL_NAMES

    assert names - covered - set(URL_EXEMPTIONS) == set()
    # Exemptions and rows must name real URLs: a renamed page does not hide behind them.
    assert (covered | set(URL_EXEMPTIONS)) - names == set()
    assert covered & set(URL_EXEMPTIONS) == set()


def test_every_registered_admin_has_the_rights_of_each_role_and_each_action():
    # A new ModelAdmin, or a new bulk action, fails here until the domain's answer is written.
    assert set(REGISTERED) == set(ADMIN_MODELS)
    for label, model_admin in REGISTERED.items():
        offered = {name for _func, name, _text in model_admin._get_base_actions()}
        assert offered - {"delete_selected"} == set(ADMIN_MODELS[label].actions), label
        assert "delete_selected" in offered, label


# Where each secret is shown to those who may read it: the absences above are not vacuous.
SHOWN = [
    ("public meeting", "focal_point_b", (GUEST_NAME, VIRTUAL_LINK, RESTRICTED_TITLES[0])),
    ("public meeting", "coordinator_other", (GUEST_EMAIL, A_EMAIL)),
    ("public meeting", "ppt_current", (INTERNAL_TITLES[0],)),
    ("meetings", "focal_point_a", (CLOSED_TITLES[0],)),
    ("personal calendar of A", "anonymous", (CLOSED_TITLES[0],)),
    ("admin guest participant", "coordinator_of_a", (GUEST_EMAIL,)),
]


@pytest.mark.parametrize(("name", "role", "shown"), SHOWN, ids=[f"{n}|{r}" for n, r, _s in SHOWN])
def test_those_who_may_read_a_secret_are_shown_it(client, world, name, role, shown):
    (page,) = [page for page in [*PAGES, *ADMIN_PAGES] if page.name == name]
    sign_in(client, world, role)

    body = client.get(page.url(world)).content.decode().replace("\r\n ", "")

    for secret in shown:
        assert secret in body, (name, role, secret)


def test_only_a_reads_their_calendar_address(client, world):
    sign_in(client, world, "focal_point_a")

    response = client.get(reverse("meetings:calendar_address"))

    assert world["calendar_token_a"].token in response.content.decode()

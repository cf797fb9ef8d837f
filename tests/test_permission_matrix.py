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
e-mail address or phone number.

The role groups carry the permissions the roles migration (accounts 0003) gives them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import ContactExport
from documents.models import Document
from focal_points.access import COORDINATOR_GROUP, PPT_STAFF_GROUP, SECRETARIAT_GROUP
from focal_points.models import ChangeRequest, VerificationRequest
from focal_points.services import change_request_submit
from tests.accounts.factories import FocalPointUserFactory
from tests.documents.factories import DocumentFileFactory
from tests.factories import StaffUserFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    PresidencyFactory,
    WorkingGroupFactory,
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

A_EMAIL = "punto.focal.a@example.org"
A_PHONE = "+50622220001"
A_PHONE_NATIONAL = "2222 0001"


@dataclass
class Page:
    name: str
    url: Callable[[dict], str]
    expected: dict[str, object]
    sees_a: frozenset[str] = field(default_factory=frozenset)


def row(name, url, *expected, sees_a=()) -> Page:
    """One page: its expected answers in ROLES order."""
    assert len(expected) == len(ROLES), name
    return Page(name, url, dict(zip(ROLES, expected, strict=True)), frozenset(sees_a))


def url(name: str, *keys: str) -> Callable[[dict], str]:
    """Reverse a URL name with the primary keys of objects of the world fixture."""
    return lambda world: reverse(name, args=[world[key].pk for key in keys])


def admin_url(model: str, view: str, *keys: str) -> Callable[[dict], str]:
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

STAFF_READERS = ("ppt_current", "ppt_former", "secretariat")
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
            *CONTACTS_OF_A, sees_a=CONTACT_READERS_OF_A)
        for fmt in CONTACT_FORMATS
    ],
    row("contacts of A's group for BCC", url("accounts:group_contacts_bcc", "group_a"),
        *CONTACTS_OF_A, sees_a=CONTACT_READERS_OF_A),
    *[
        row(f"contacts of A's country as {fmt}",
            lambda world, fmt=fmt: reverse(
                "accounts:country_contacts_download", args=[world["country_a"].iso_code, fmt]),
            *CONTACTS_OF_COUNTRY_A, sees_a=("coordinator_of_a", *STAFF_READERS))
        for fmt in CONTACT_FORMATS
    ],
    row("contacts of A's country for BCC",
        lambda world: reverse("accounts:country_contacts_bcc", args=[world["country_a"].iso_code]),
        *CONTACTS_OF_COUNTRY_A, sees_a=("coordinator_of_a", *STAFF_READERS)),
    *[
        row(f"contacts of the whole directory as {fmt}",
            lambda world, fmt=fmt: reverse("accounts:directory_contacts_download", args=[fmt]),
            *CONTACTS_OF_ALL, sees_a=STAFF_READERS)
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
        *PUBLIC),
    row("working groups", url("focal_points:group_list"), *PUBLIC),
    row("working group of A", lambda world: world["group_a"].get_absolute_url(), *PUBLIC),
    row("sitemap", lambda world: "/sitemap.xml", *PUBLIC),
    # Staff pages of the directory.
    row("admin coverage", url("admin:focal_points_coverage"), *STAFF_PAGE,
        sees_a=()),
    row("admin recent changes", url("admin:focal_points_recent_changes"), *DIRECTORY_ADMIN,
        sees_a=STAFF_READERS),
    row("admin seat history of A",
        lambda world: reverse("admin:focal_points_seat_history", args=[
            world["country_a"].pk, world["group_a"].pk, "principal"]),
        *SEAT_PAGE, sees_a=()),
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
        *RESTRICTED),
    row("internal document", url("documents:detail", "internal_document"), *INTERNAL),
    row("internal download",
        lambda world: reverse("documents:download", args=[world["internal_document"].pk, "es"]),
        *INTERNAL),
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
]
# fmt: on


def role_group(name: str) -> Group:
    # Created with its permissions by the roles migration: fail loudly if it is missing.
    return Group.objects.get(name=name)


def staff(group_name: str, country) -> object:
    user = StaffUserFactory(country=country)
    user.groups.add(role_group(group_name))
    return user


@pytest.fixture
def world() -> dict:
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
    DesignationFactory(focal_point=focal_point_b, working_group=WorkingGroupFactory())
    change_request_a = change_request_submit(
        focal_point=focal_point_a, kind=ChangeRequest.Kind.LEFT_POST, successor_name="Sucesor"
    )
    VerificationRequest.objects.create(focal_point=focal_point_a, sent_to=A_EMAIL)
    secretariat = staff(SECRETARIAT_GROUP, None)
    export_of_secretariat = ContactExport.objects.create(
        requested_by=secretariat,
        scope=ContactExport.Scope.GROUP,
        working_group=group_a,
        status=ContactExport.Status.READY,
        file=ContentFile(f"{A_EMAIL} {A_PHONE}".encode(), name="contacts.pdf"),
    )
    restricted_file = DocumentFileFactory(document__distribution=Document.Distribution.RESTRICTED)
    internal_file = DocumentFileFactory(document__distribution=Document.Distribution.INTERNAL)
    return {
        "restricted_document": restricted_file.document,
        "internal_document": internal_file.document,
        "country_a": country_a,
        "institution_a": institution_a,
        "group_a": group_a,
        "focal_point_a": focal_point_a,
        "designation_a": designation_a,
        "presidency": presidency,
        "change_request_a": change_request_a,
        "export_of_secretariat": export_of_secretariat,
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


CASES = [(page, role) for page in PAGES for role in ROLES]


@pytest.mark.parametrize(
    ("page", "role"), CASES, ids=[f"{page.name}|{role}" for page, role in CASES]
)
def test_page_answers_each_role_as_expected_and_refusals_leak_nothing(client, world, page, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    url = page.url(world)

    response = client.get(url)

    expected = page.expected[role]
    if expected == SIGN_IN:
        assert response.status_code == 302, (url, role)
        assert response["Location"].startswith(reverse("accounts:sign_in")), response["Location"]
    elif expected == ADMIN_MISSING:
        assert response.status_code == 302, (url, role)
        assert response["Location"] == reverse("admin:index"), response["Location"]
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302, (url, role)
        assert response["Location"].startswith(reverse("admin:login")), response["Location"]
    else:
        assert response.status_code == expected, (url, role, response.status_code)
    if not (response.status_code == 200 and role in page.sees_a):
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode(errors="replace")
        for secret in (A_EMAIL, A_PHONE, A_PHONE_NATIONAL):
            assert secret not in body, (url, role, secret)


def test_matrix_covers_every_self_service_page():
    # A new page in accounts/urls.py without a row here fails this test.
    from accounts import urls

    names = {pattern.name for pattern in urls.urlpatterns}
    in_matrix = {
        "sign_in",
        "my_entry",
        "verify",
        "contacts",
        "group_contacts",
        *(
            f"{kind}_contacts_{page}"
            for kind in ("group", "country", "directory")
            for page in ("download", "bcc")
        ),
        "contact_exports",
        "contact_export_download",
    }
    # Pages that are steps of a flow (POST-only, token pages, confirmations) are tested
    # in tests/accounts; everything a person can navigate to is in the matrix.
    flow_steps = {
        "sign_in_sent",
        "sign_in_link",
        "staff_sign_in",
        "sign_out",
        "sign_out_everywhere",
        "left_post",
    }
    assert names == in_matrix | flow_steps

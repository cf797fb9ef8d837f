"""The matrix's vocabulary: the eight roles, the answers a page may give, the secrets, rows.

A row is one page with its expected answer per role, in ROLES order:
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
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

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
# fmt: on

STAFF_READERS = ("ppt_current", "ppt_former", "secretariat")
# Participants' contact details are for staff, every staff role.
STAFF_ROLES = ("coordinator_of_a", "coordinator_other", *STAFF_READERS)
DIRECTORY_EDITORS = ("ppt_current", "secretariat")
# Who reads A's contact details in a contact list: A's own group, A's coordinator, staff who
# read the whole directory. Another country's coordinator reads the group without A.
CONTACT_READERS_OF_A = ("focal_point_a", "coordinator_of_a", *STAFF_READERS)
CONTACT_FORMATS = ("pdf", "xlsx", "vcf")


def sign_in(client, world: dict, role: str) -> None:
    """Give the test client the role's session (none for anonymous)."""
    if role in world["sessions"]:
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][role]


def check_page(client, world: dict, page: Page, role: str) -> None:
    """Open the page as the role; assert its expected answer and that it leaks nothing."""
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


# Cases that show a known access bug, xfailed strictly until it is fixed: none today.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def case(page: Page, role: str):
    bug = KNOWN_BUGS.get((page.name, role))
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(page, role, marks=marks, id=f"{page.name}|{role}")


def cases(pages: list[Page]) -> list:
    """Every (page, role) pair of a table of rows, as pytest parameters."""
    return [case(page, role) for page in pages for role in ROLES]


def all_pages() -> list[Page]:
    """Every row of the matrix: each area module's PAGES and the registered admins' rows."""
    from tests.permission_matrix.admin_models import ADMIN_PAGES

    pages = [*ADMIN_PAGES]
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name.startswith("test_"):
            pages += getattr(importlib.import_module(f"{__package__}.{module.name}"), "PAGES", [])
    return pages

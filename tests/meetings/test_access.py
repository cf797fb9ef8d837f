"""Who may open which meeting page: every page against the eight roles, refusals leak nothing.

The rows follow tests/test_permission_matrix.py: expected answers in ROLES order, and every
answer that is not a 200 for a role in `sees_a` must not contain focal point A's e-mail, nor
the guest's (contact details are for staff only).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from meetings import services
from tests.meetings.conftest import A_EMAIL, GUEST_EMAIL, ROLES

pytestmark = pytest.mark.django_db

SIGN_IN = "sign-in"
ADMIN_LOGIN = "admin-login"


@dataclass
class Page:
    name: str
    url: Callable[[dict], str]
    expected: dict[str, object]
    sees_a: frozenset[str] = field(default_factory=frozenset)


def row(name, url, *expected, sees_a=()) -> Page:
    assert len(expected) == len(ROLES), name
    return Page(name, url, dict(zip(ROLES, expected, strict=True)), frozenset(sees_a))


def named(name: str, *keys: str, attribute: str = "slug") -> Callable[[dict], str]:
    return lambda world: reverse(name, args=[getattr(world[key], attribute) for key in keys])


def admin(model: str, view: str, *keys: str) -> Callable[[dict], str]:
    return named(f"admin:meetings_{model}_{view}", *keys, attribute="pk")


def personal_feed(world) -> str:
    token = services.calendar_token_issue(focal_point=world["focal_point_a"])
    return token.get_feed_url()


def revoked_feed(world) -> str:
    token = services.calendar_token_issue(focal_point=world["focal_point_a"])
    services.calendar_token_revoke(focal_point=world["focal_point_a"])
    return token.get_feed_url()


STAFF = ("coordinator_of_a", "coordinator_other", "ppt_current", "ppt_former", "secretariat")

# fmt: off
#                  anon         fpA          fpB          coA  coX  ppt  ex   ST
PUBLIC = (         200,         200,         200,         200, 200, 200, 200, 200)  # noqa: E201
MEMBERS = (        404,         200,         200,         200, 200, 200, 200, 200)  # noqa: E201
FOCAL_POINT = (    SIGN_IN,     200,         200,         403, 403, 403, 403, 403)  # noqa: E201
READ_ADMIN = (     ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200, 200, 200)  # noqa: E201
EDIT_ADMIN = (     ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200, 403, 200)  # noqa: E201
DELEGATION_ADD = ( ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200, 403, 200)  # noqa: E201
NOT_FOUND = (      404,         404,         404,         404, 404, 404, 404, 404)  # noqa: E201

PAGES = [
    row("home", lambda world: reverse("home"), *PUBLIC),
    row("upcoming meetings", named("meetings:list"), *PUBLIC),
    row("past meetings", named("meetings:past"), *PUBLIC),
    row("public meeting", named("meetings:detail", "public"), *PUBLIC, sees_a=STAFF),
    row("members-only meeting", named("meetings:detail", "closed"), *MEMBERS, sees_a=STAFF),
    row("public meeting .ics", named("meetings:ics", "public"), *PUBLIC),
    row("members-only meeting .ics", named("meetings:ics", "closed"), *MEMBERS),
    row("public calendar", named("meetings:calendar"), *PUBLIC),
    row("group calendar", named("meetings:group_calendar", "group_a"), *PUBLIC),
    row("my calendar address", named("meetings:calendar_address"), *FOCAL_POINT),
    # The personal feed is a capability: its secret address is the key, whoever asks.
    row("personal calendar of A", personal_feed, *PUBLIC),
    row("revoked calendar address of A", revoked_feed, *NOT_FOUND),
    row("admin meeting list", admin("meeting", "changelist"), *READ_ADMIN),
    row("admin public meeting", admin("meeting", "change", "public"), *READ_ADMIN,
        sees_a=STAFF),
    row("admin meeting history", admin("meeting", "history", "public"), *READ_ADMIN),
    row("admin meeting add", admin("meeting", "add"), *EDIT_ADMIN),
    row("admin meeting copy", admin("meeting", "copy", "public"), *EDIT_ADMIN),
    row("admin participant list", admin("participant", "changelist"), *READ_ADMIN),
    row("admin participant A", admin("participant", "change", "participant_a"), *READ_ADMIN,
        sees_a=STAFF),
    row("admin participant add", admin("participant", "add"), *DELEGATION_ADD),
]
# fmt: on

CASES = [(page, role) for page in PAGES for role in ROLES]


@pytest.mark.parametrize(
    ("page", "role"), CASES, ids=[f"{page.name}|{role}" for page, role in CASES]
)
def test_meeting_page_answers_each_role_and_refusals_leak_nothing(world, login, page, role):
    client = login(world["users"][role])
    url = page.url(world)

    response = client.get(url)

    expected = page.expected[role]
    if expected == SIGN_IN:
        assert response.status_code == 302, (url, role)
        assert response["Location"].startswith(reverse("accounts:sign_in"))
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302, (url, role)
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == expected, (url, role, response.status_code)
    if not (response.status_code == 200 and role in page.sees_a):
        body = response.content.decode(errors="replace")
        for secret in (A_EMAIL, GUEST_EMAIL):
            assert secret not in body, (url, role, secret)


def test_matrix_covers_every_meeting_page():
    from meetings import urls

    names = {pattern.name for pattern in urls.urlpatterns}
    in_matrix = {
        "list",
        "past",
        "detail",
        "ics",
        "calendar",
        "group_calendar",
        "calendar_address",
        "personal_calendar",
    }
    # POST-only step, tested in test_calendars.py.
    flow_steps = {"calendar_revoke"}
    assert names == in_matrix | flow_steps

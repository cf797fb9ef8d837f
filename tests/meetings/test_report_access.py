"""Every new page of the plans, the register and the report, against the eight roles.

The portal's permission matrix (tests/test_permission_matrix.py) has no rows for the meetings
app yet; these rows follow its conventions and can move there when it gains them.
"""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Decision, Meeting, ReportPublication, WorkPlan
from tests.focal_points.factories import WorkingGroupFactory
from tests.meetings.conftest import A_EMAIL, ROLES
from tests.meetings.factories import DecisionFactory, MeetingFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "sign-in"
ADMIN_LOGIN = "admin-login"
# fmt: off
#                anon         fpA          fpB          coA  coX  ppt  ex   ST
PUBLIC = (       200,         200,         200,         200, 200, 200, 200, 200)  # noqa: E201
PRODUCERS = (    SIGN_IN,     403,         403,         403, 403, 200, 403, 200)  # noqa: E201
PUBLISH = (      SIGN_IN,     403,         403,         403, 403, 302, 403, 302)  # noqa: E201
DRAFT_PLAN = (   404,         200,         404,         200, 200, 200, 200, 200)  # noqa: E201
PLAN_ADMIN = (   ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200, 200, 200)  # noqa: E201
ADMIN_ADD = (    ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, 200, 403, 200)  # noqa: E201
# fmt: on


@pytest.fixture
def pages(world):
    group = world["group_a"]
    grcm = MeetingFactory(
        slug="grcm-access", kind=Meeting.Kind.GRCM, host_country=world["country_a"],
        starts_on=datetime.date(2024, 9, 20), ends_on=datetime.date(2024, 9, 21),
    )  # fmt: skip
    adopted = WorkPlanFactory(working_group=group)
    draft = WorkPlanFactory(working_group=group, status=WorkPlan.Status.DRAFT)
    decision = DecisionFactory(meeting=grcm, working_groups=[group])
    query = f"?meeting={grcm.slug}&language=en"
    return {
        "grcm": grcm,
        "adopted": adopted,
        "draft": draft,
        "decision": decision,
        "urls": {
            "report index": reverse("meetings:report_index"),
            "report": reverse("meetings:report", args=[group.slug]) + query,
            "report pdf": reverse("meetings:report_pdf", args=[group.slug]) + query,
            "handover": reverse("meetings:handover"),
            "plans of A's group": reverse("meetings:plan_list", args=[group.slug]),
            "adopted plan": adopted.get_absolute_url(),
            "draft plan": draft.get_absolute_url(),
            "decisions": reverse("meetings:decisions"),
            "admin work plans": reverse("admin:meetings_workplan_changelist"),
            "admin work plan": reverse("admin:meetings_workplan_change", args=[adopted.pk]),
            "admin work plan history": reverse(
                "admin:meetings_workplan_history", args=[adopted.pk]
            ),
            "admin work plan add": reverse("admin:meetings_workplan_add"),
            "admin decisions": reverse("admin:meetings_decision_changelist"),
            "admin decision": reverse("admin:meetings_decision_change", args=[decision.pk]),
            "admin decision add": reverse("admin:meetings_decision_add"),
            "admin activities": reverse("admin:meetings_activity_changelist"),
            "admin indicators": reverse("admin:meetings_indicator_changelist"),
            "admin published reports": reverse("admin:meetings_reportpublication_changelist"),
        },
    }


EXPECTED = {
    "report index": PRODUCERS,
    "report": PRODUCERS,
    "report pdf": PRODUCERS,
    "handover": PRODUCERS,
    "plans of A's group": PUBLIC,
    "adopted plan": PUBLIC,
    "draft plan": DRAFT_PLAN,
    "decisions": PUBLIC,
    "admin work plans": PLAN_ADMIN,
    "admin work plan": PLAN_ADMIN,
    "admin work plan history": PLAN_ADMIN,
    "admin work plan add": ADMIN_ADD,
    "admin decisions": PLAN_ADMIN,
    "admin decision": PLAN_ADMIN,
    "admin decision add": ADMIN_ADD,
    "admin activities": PLAN_ADMIN,
    "admin indicators": PLAN_ADMIN,
    # A former PPT opens the list of published reports and finds it empty.
    "admin published reports": PLAN_ADMIN,
}
CASES = [(name, role) for name in EXPECTED for role in ROLES]


def check(response, expected):
    if expected == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:staff_sign_in"))
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
    else:
        assert response.status_code == expected
    assert A_EMAIL.encode() not in response.content


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_each_page_answers_each_role_as_expected(world, pages, login, name, role):
    client = login(world["users"][role])
    response = client.get(pages["urls"][name])

    check(response, EXPECTED[name][ROLES.index(role)])
    if name == "report pdf" and response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
    if name == "handover" and response.status_code == 200:
        assert response["Content-Type"] == "application/zip"


@pytest.mark.parametrize("role", ROLES)
def test_publishing_answers_each_role_and_only_editors_publish(world, pages, login, role):
    client = login(world["users"][role])
    url = reverse("meetings:report_publish", args=[world["group_a"].slug])
    response = client.post(url, {"meeting": pages["grcm"].slug, "language": "es"})

    check(response, PUBLISH[ROLES.index(role)])
    published = ReportPublication.objects.filter(meeting=pages["grcm"]).exists()
    assert published == (response.status_code == 302 and role in ("ppt_current", "secretariat"))


def test_the_report_of_an_inactive_group_is_not_found(world, login):
    group = WorkingGroupFactory(is_active=False)
    client = login(world["users"]["ppt_current"])

    assert client.get(reverse("meetings:report", args=[group.slug])).status_code == 404


def test_a_bad_report_request_is_a_form_error_not_a_server_error(world, pages, login):
    client = login(world["users"]["secretariat"])
    url = reverse("meetings:report", args=[world["group_a"].slug])

    for query in (
        "?meeting=nope",
        f"?meeting={pages['grcm'].slug}&starts_on=2024-13-01",
        f"?meeting={pages['grcm'].slug}&starts_on=2024-09-01&ends_on=2024-01-01",
    ):
        assert client.get(url + query).status_code == 400  # fmt: skip
    pdf = reverse("meetings:report_pdf", args=[world["group_a"].slug])
    assert client.get(pdf).status_code == 400


def test_decisions_of_a_closed_door_meeting_are_for_members_only(world, pages, login, client):
    hidden = DecisionFactory(
        meeting=world["closed"], text_es="Acuerdo reservado de migración.", kind="agreement"
    )
    url = reverse("meetings:decisions")

    assert hidden.label.encode() not in client.get(url).content
    member = login(world["users"]["focal_point_a"])
    assert hidden.label.encode() in member.get(url).content
    page = member.get(world["closed"].get_absolute_url())
    assert b"Acuerdo reservado" in page.content


def test_the_register_search_ignores_accents_in_both_languages(world, pages, client):
    DecisionFactory(meeting=pages["grcm"], text_es="Guía de reintegración productiva.")
    url = reverse("meetings:decisions")

    found = client.get(url, {"q": "REINTEGRACION productiva"})
    assert b"productiva" in found.content
    assert found.context["total"] >= 1
    none = client.get(url, {"q": "inexistente palabra"})
    assert none.context["total"] == 0
    # Bad filter values are dropped, never an error page.
    assert client.get(url, {"kind": "nope", "follow_up": "x", "group": "zz"}).status_code == 200


def test_the_meeting_page_lists_its_decisions(world, pages, client):
    response = client.get(pages["grcm"].get_absolute_url())

    assert pages["decision"].label.encode() in response.content
    assert Decision.objects.filter(meeting=pages["grcm"]).count() == 1

"""The report, the plans and the register beyond their pages' answers per role.

Every page's answer to the eight roles is a row of tests/permission_matrix/; here: the
publishing POST by each role with its effect, bad input, closed-door decisions, the search.
"""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Decision, Meeting, ReportPublication, WorkPlan
from tests.focal_points.factories import WorkingGroupFactory
from tests.meetings.conftest import A_EMAIL
from tests.meetings.factories import DecisionFactory, MeetingFactory, WorkPlanFactory

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
ADMIN_LOGIN = "admin-login"
# fmt: off
#                anon         fpA          fpB          coA  coX  ppt  ex   ST
PUBLISH = (      ADMIN_LOGIN, 403,         403,         403, 403, 302, 403, 302)  # noqa: E201
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
    return {"grcm": grcm, "adopted": adopted, "draft": draft, "decision": decision}


def check(response, expected):
    if expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
    else:
        assert response.status_code == expected
    assert A_EMAIL.encode() not in response.content


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


def test_a_published_report_is_in_the_library_for_members_and_not_for_visitors(
    world, pages, login, client
):
    editor = login(world["users"]["ppt_current"])
    url = reverse("meetings:report_publish", args=[world["group_a"].slug])
    response = editor.post(url, {"meeting": pages["grcm"].slug, "text_en": "Our message."})
    publication = ReportPublication.objects.get(meeting=pages["grcm"])
    detail = reverse("documents:detail", args=[publication.document_id])
    assert response["Location"] == detail
    client.logout()

    # A visitor: the document does not exist, and the meeting page does not list it.
    assert client.get(detail).status_code == 404
    assert (
        publication.document.title_es.encode()
        not in client.get(pages["grcm"].get_absolute_url()).content
    )
    member = login(world["users"]["focal_point_a"])
    assert member.get(detail).status_code == 200
    meeting_page = member.get(pages["grcm"].get_absolute_url()).content.decode()
    assert str(publication.document.title_es) in meeting_page

"""Staff reach the Presidency's reports from the admin: its home, a group's page, a GRCM's page.

The links are shown to those who prepare the reports (the PPT in office and the
Secretariat), in both languages, and each leads to a report that renders.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.models import Meeting
from tests.focal_points.factories import WorkingGroupFactory
from tests.meetings.factories import MeetingFactory

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
PRODUCERS = ("ppt_current", "secretariat")
ADMIN_LOGIN = "admin-login"
# Every staff role opens the three admin pages; only the report's producers see the links.
# fmt: off
#             anon         fpA          fpB          coA  coX  ppt  ex   ST
PAGE = (      ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200, 200, 200)  # noqa: E201
# fmt: on
LINK_TEXTS = {
    "es": ("Preparar el informe de un grupo de trabajo", "Informe de este grupo", "Informe de"),
    "en": ("Prepare a working group's report", "Report of this group", "Report of"),
}


@pytest.fixture
def grcm(world):
    return MeetingFactory(
        slug="grcm-links", kind=Meeting.Kind.GRCM, host_country=world["country_a"],
        starts_on=datetime.date(2024, 9, 20), ends_on=datetime.date(2024, 9, 21),
    )  # fmt: skip


def admin_pages(world, grcm) -> dict[str, str]:
    return {
        "index": reverse("admin:index"),
        "group": reverse("admin:focal_points_workinggroup_change", args=[world["group_a"].pk]),
        "grcm": reverse("admin:meetings_meeting_change", args=[grcm.pk]),
    }


def report_links(html: str) -> list[str]:
    """The addresses of the report pages a page links to."""
    hrefs = re.findall(r'href="([^"]*/reports/[^"]*)"', html)
    return [href.replace("&amp;", "&") for href in hrefs]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_report_producers_see_the_report_links_in_the_admin(world, grcm, login, role):
    client = login(world["users"][role])

    for name, url in admin_pages(world, grcm).items():
        response = client.get(url)

        expected = PAGE[ROLES.index(role)]
        if expected == ADMIN_LOGIN:
            assert response.status_code == 302, (name, role)
            assert response["Location"].startswith(reverse("admin:login")), (name, role)
            continue
        assert response.status_code == 200, (name, role)
        links = report_links(response.content.decode())
        assert bool(links) == (role in PRODUCERS), (name, role, links)


@pytest.mark.parametrize("language", ["es", "en"])
def test_each_admin_link_leads_to_the_report_in_the_page_language(world, grcm, login, language):
    client = login(world["users"]["ppt_current"])
    group = world["group_a"]
    with translation.override(language):
        pages = admin_pages(world, grcm)
        expected = {
            "index": [reverse("meetings:report_index")],
            "group": [reverse("meetings:report", args=[group.slug])],
            "grcm": [
                reverse("meetings:report", args=[group.slug])
                + f"?meeting={grcm.slug}&language={language}"
            ],
        }

    for name, url in pages.items():
        html = client.get(url).content.decode()

        # A GRCM's page links the report of every active group: A's is one of them.
        assert set(expected[name]) <= set(report_links(html)), name
        assert LINK_TEXTS[language][list(pages).index(name)] in html, name
        # The link answers: the index lists the group, the report opens (the GRCM's with
        # its preview, meeting and language chosen).
        report = client.get(expected[name][0])
        assert report.status_code == 200, (name, expected[name][0])
        assert (group.name_es if language == "es" else group.name_en) in report.content.decode()
    # The GRCM's link opens the report on that meeting, previewed in the page's language.
    preview = client.get(expected["grcm"][0]).content.decode()
    assert 'data-testid="report-preview"' in preview
    assert f'lang="{language}"' in preview.split('data-testid="report-preview"')[0][-80:]


def test_a_grcm_page_links_every_active_group_and_no_inactive_one(world, grcm, login):
    client = login(world["users"]["secretariat"])
    inactive = WorkingGroupFactory(is_active=False, slug="closed-group")
    url = reverse("admin:meetings_meeting_change", args=[grcm.pk])

    links = report_links(client.get(url).content.decode())

    slugs = {href.split("/reports/")[1].split("/")[0] for href in links}
    assert world["group_a"].slug in slugs
    assert inactive.slug not in slugs
    # Other meetings present no report.
    other = reverse("admin:meetings_meeting_change", args=[world["public"].pk])
    assert report_links(client.get(other).content.decode()) == []


def test_an_inactive_groups_admin_page_offers_no_report(world, login):
    client = login(world["users"]["secretariat"])
    inactive = WorkingGroupFactory(is_active=False, slug="closed-group")

    html = client.get(
        reverse("admin:focal_points_workinggroup_change", args=[inactive.pk])
    ).content.decode()

    assert report_links(html) == []


def test_the_grcm_page_makes_as_many_queries_whatever_the_number_of_groups(
    world, grcm, login, count_queries
):
    client = login(world["users"]["secretariat"])
    url = reverse("admin:meetings_meeting_change", args=[grcm.pk])
    linked = len(report_links(client.get(url).content.decode()))

    before = count_queries(lambda: client.get(url))
    WorkingGroupFactory.create_batch(3)
    after = count_queries(lambda: client.get(url))

    assert after == before
    assert len(report_links(client.get(url).content.decode())) == linked + 3

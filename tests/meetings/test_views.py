"""Meeting pages: lists with filters, a meeting in each language, who sees what, query counts."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from meetings.models import Meeting
from tests.documents.factories import DocumentFactory
from tests.focal_points.factories import CountryFactory, WorkingGroupFactory
from tests.meetings.conftest import A_EMAIL, GUEST_EMAIL
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def test_the_upcoming_list_shows_public_meetings_soonest_first(world, client):
    response = client.get(reverse("meetings:list"))
    titles = [meeting.title for meeting in response.context["meetings"]]
    assert titles == ["Reunión pública del grupo"]
    assert "Sesión a puerta cerrada" not in response.text


def test_members_see_members_only_meetings_in_the_list(world, login):
    client = login(world["users"]["focal_point_b"])
    response = client.get(reverse("meetings:list"))
    assert [m.slug for m in response.context["meetings"]] == ["public-meeting", "closed-meeting"]


def test_the_past_list_shows_meetings_already_over(world, client):
    response = client.get(reverse("meetings:past"))
    assert [m.slug for m in response.context["meetings"]] == ["past-meeting"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=seminar", ["past-meeting"]),
        ("kind=workshop", []),
        ("year=2015", ["past-meeting"]),
        ("year=2014", ["past-meeting"]),  # a year not offered is not applied
        ("country=PA", ["past-meeting"]),
        ("country=CR", []),
        ("group=gtmd", []),
        ("kind=%00&year=abc&country=ZZZZ&group=../..", ["past-meeting"]),
    ],
)
def test_the_past_list_filters_by_kind_year_country_and_group(world, client, query, expected):
    response = client.get(f"{reverse('meetings:past')}?{query}")
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert [m.slug for m in response.context["meetings"]] == expected


def test_the_group_filter_keeps_the_groups_meetings(world, client):
    response = client.get(f"{reverse('meetings:list')}?group=gtmd")
    assert [m.slug for m in response.context["meetings"]] == ["public-meeting"]


def test_a_page_number_out_of_range_is_not_found(world, client):
    assert client.get(f"{reverse('meetings:list')}?page=99").status_code == 404
    assert client.get(f"{reverse('meetings:list')}?page=abc").status_code == 404


def _add_meetings(count: int, group, country) -> None:
    start = datetime.date.today() + datetime.timedelta(days=5)
    for index in range(count):
        meeting = MeetingFactory(
            host_country=country,
            starts_on=start + datetime.timedelta(days=index),
            ends_on=start + datetime.timedelta(days=index),
            working_groups=[group],
        )
        AgendaItemFactory(meeting=meeting)


@pytest.mark.parametrize("role", ["anonymous", "focal_point_a", "secretariat"])
def test_the_meeting_list_costs_the_same_queries_at_10_and_200_meetings(
    world, login, count_queries, role
):
    client = login(world["users"][role])
    group, country = WorkingGroupFactory(), CountryFactory()
    _add_meetings(10, group, country)
    url = reverse("meetings:list")
    client.get(url)
    at_10 = count_queries(lambda: client.get(url))
    filtered = count_queries(lambda: client.get(f"{url}?group={group.slug}&page=1"))
    _add_meetings(190, group, country)
    assert count_queries(lambda: client.get(url)) == at_10
    assert count_queries(lambda: client.get(f"{url}?group={group.slug}&page=2")) == filtered
    assert at_10 <= 14


def test_a_meeting_page_costs_the_same_queries_with_more_agenda_documents_and_people(
    world, login, count_queries
):
    client = login(world["users"]["secretariat"])
    meeting = world["public"]
    url = meeting.get_absolute_url()
    client.get(url)
    before = count_queries(lambda: client.get(url))
    for _index in range(20):
        item = AgendaItemFactory(meeting=meeting)
        item.documents.add(DocumentFactory())
        MeetingDocumentFactory(meeting=meeting)
        ParticipantFactory(meeting=meeting)
    assert count_queries(lambda: client.get(url)) == before


def test_the_meeting_page_speaks_the_visitors_language(world, client):
    meeting = world["public"]
    spanish = client.get(meeting.get_absolute_url())
    english = client.get(meeting.get_absolute_url().replace("/es/", "/en/", 1))
    assert "<h1>Reunión pública del grupo</h1>" in spanish.text
    assert "<h1>Public meeting of the group</h1>" in english.text
    assert "Apertura" in spanish.text and "Opening" in english.text
    # Dates in each language's format.
    for response, language in ((spanish, "es"), (english, "en")):
        with translation.override(language):
            assert date_format(meeting.starts_on, "DATE_FORMAT") in response.text
    assert f"{meeting.starts_on.day} de " in spanish.text


def test_visitors_see_only_public_documents_grouped_by_role(world, client):
    response = client.get(world["public"].get_absolute_url().replace("/es/", "/en/", 1))
    roles = [role for role, _documents in response.context["documents_by_role"]]
    assert roles == ["Concept note"]
    assert "Document restricted" not in response.text
    assert "Document internal" not in response.text


def test_members_see_restricted_documents_and_editors_internal_ones(world, login):
    member = login(world["users"]["focal_point_a"]).get(world["public"].get_absolute_url())
    assert [str(r) for r, _d in member.context["documents_by_role"]] == [
        "Nota conceptual",
        "Informe",
    ]
    editor = Client()
    editor.force_login(world["users"]["ppt_current"])
    response = editor.get(world["public"].get_absolute_url())
    assert len(response.context["documents_by_role"]) == 3


def test_the_participant_list_is_for_members_and_contacts_for_staff(world, login):
    anonymous = Client().get(world["public"].get_absolute_url())
    assert anonymous.context["participants"] is None
    assert "Invitada OSC" not in anonymous.text

    member = login(world["users"]["focal_point_b"]).get(world["public"].get_absolute_url())
    assert "Invitada OSC" in member.text
    assert world["focal_point_a"].full_name in member.text
    assert A_EMAIL not in member.text and GUEST_EMAIL not in member.text

    staff = Client()
    staff.force_login(world["users"]["coordinator_other"])
    response = staff.get(world["public"].get_absolute_url())
    assert A_EMAIL in response.text and GUEST_EMAIL in response.text


def test_the_link_to_join_is_for_members_only(world, login):
    link = world["public"].virtual_link
    assert link not in Client().get(world["public"].get_absolute_url()).text
    member = login(world["users"]["focal_point_a"]).get(world["public"].get_absolute_url())
    assert link in member.text


def test_a_cancelled_meeting_says_so(world, client):
    Meeting.objects.filter(pk=world["public"].pk).update(status=Meeting.Status.CANCELLED)
    response = client.get(world["public"].get_absolute_url().replace("/es/", "/en/", 1))
    assert 'data-testid="status">Cancelled<' in response.text


def test_the_home_page_shows_the_next_meetings_the_visitor_may_see(world, client, login):
    home = client.get(reverse("home"))
    assert [m.slug for m in home.context["next_meetings"]] == ["public-meeting"]
    assert "Reunión pública del grupo" in home.text
    assert "Pro Tempore" in home.text or "Pro-Tempore" in home.text
    member = Client()
    member.force_login(world["users"]["focal_point_a"])
    slugs = [m.slug for m in member.get(reverse("home")).context["next_meetings"]]
    assert slugs == ["public-meeting", "closed-meeting"]


def test_the_navigation_links_to_the_meetings_in_both_languages(world, login):
    english = Client().get("/en/meetings/")
    assert 'href="/en/meetings/" aria-current="page"' in english.text
    assert ">Meetings<" in english.text
    member = login(world["users"]["focal_point_a"]).get("/es/")
    assert reverse("meetings:calendar_address") in member.text


def test_the_library_lists_the_documents_of_one_meeting(world, login):
    url = f"{reverse('documents:list')}?meeting=public-meeting"
    anonymous = Client().get(url)
    assert [d.title for d in anonymous.context["documents"]] == ["Documento public"]
    member = login(world["users"]["focal_point_a"]).get(url)
    assert {d.title for d in member.context["documents"]} == {
        "Documento public",
        "Documento restricted",
    }


def test_the_library_does_not_reveal_the_documents_of_a_members_only_meeting(world, login):
    MeetingDocumentFactory(meeting=world["closed"], document=world["documents"]["public"])
    url = f"{reverse('documents:list')}?meeting=closed-meeting"
    assert list(Client().get(url).context["documents"]) == []
    member = login(world["users"]["focal_point_a"]).get(url)
    assert [d.title for d in member.context["documents"]] == ["Documento public"]


def test_the_library_ignores_a_bad_meeting_filter(world, client):
    response = client.get(f"{reverse('documents:list')}?meeting=../../etc")
    assert response.status_code == 200
    assert len(response.context["documents"]) == 1


def test_the_sitemap_lists_public_meetings_only(world, client):
    body = client.get("/sitemap-meetings.xml").text
    assert "/es/meetings/public-meeting/" in body and "/en/meetings/past-meeting/" in body
    assert "closed-meeting" not in body

"""The demo meetings: design.md's seminars, the OAS session, the XX CRM, fictitious meetings."""

import pytest
from django.test import Client
from django.urls import reverse

from documents import demo as documents_demo
from focal_points import demo as directory_demo
from meetings import demo, demo_circulars
from meetings.models import Circular, Meeting, MeetingDocument, Participant
from tests.conftest import loaded_for_module

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_meetings")]


def _load_all():
    directory_demo.load()
    documents_demo.load()
    return demo.load()


@pytest.fixture(scope="module")
def demo_meetings(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, _load_all) as lines:
        yield lines


def test_the_seminars_and_workshops_of_1998_to_2003_are_there_dated_as_far_as_known():
    held = Meeting.objects.filter(kind__in=["seminar", "workshop"], starts_on__year__lte=2003)
    assert held.count() == 10
    mexico = held.get(slug="seminario-migracion-desarrollo-1998")
    assert (mexico.host_country.iso_code, mexico.date_precision) == ("MX", "month")
    assert held.get(slug="seminario-remesas-2002").dates_display == "2002"


def test_the_xx_crm_is_held_under_mexico_with_its_concept_note():
    meeting = Meeting.objects.get(slug="xx-crm-2015")
    assert meeting.presidency.country.iso_code == "MX"
    assert meeting.number == "XX"
    links = MeetingDocument.objects.filter(meeting=meeting, role="concept_note")
    assert links.exists() == bool(
        MeetingDocument._meta.get_field("document")
        .related_model.objects.filter(type="concept_note", date__year=2015)
        .exists()
    )


def test_the_oas_special_session_of_2004_is_under_panama():
    meeting = Meeting.objects.get(slug="oea-sesion-especial-2004")
    assert meeting.presidency.country.iso_code == "PA"


def test_fictitious_meetings_past_and_upcoming_have_agendas_and_delegations():
    for slug in ("grcm-demo-pasada", "grcm-demo-proxima", "gtmd-demo-virtual"):
        meeting = Meeting.objects.get(slug=slug)
        assert meeting.agenda_items.count() == 5
        assert meeting.participants.count() >= 5, slug
    upcoming = Meeting.objects.get(slug="grcm-demo-proxima")
    assert upcoming.participants.filter(role=Participant.Role.HEAD_OF_DELEGATION).count() == 11
    assert Meeting.objects.get(slug="gtmd-demo-virtual").distribution == "members"
    assert (
        not Participant.objects.exclude(guest_email="")
        .exclude(guest_email__endswith="@example.org")
        .exists()
    )


def test_the_upcoming_group_meeting_has_invitations_with_replies_for_the_board():
    meeting = Meeting.objects.get(slug="gtmd-demo-virtual")
    invitations = meeting.invitations.all()
    assert invitations.count() >= 4
    answers = set(invitations.values_list("answer", flat=True))
    assert {"attending", "not_attending", "substitute", ""} <= answers
    assert not invitations.exclude(state="sent").exists()


def test_a_second_load_writes_nothing():
    count = Meeting.objects.count()
    assert demo.load() == ["Meetings: 0 new demo meetings"]
    assert Meeting.objects.count() == count


def test_the_demo_pages_render():
    client = Client()
    assert client.get(reverse("meetings:list")).status_code == 200
    assert client.get(reverse("meetings:past")).status_code == 200
    page = client.get(reverse("meetings:detail", args=["xx-crm-2015"]).replace("/es/", "/en/"))
    assert "XX Vice-Ministerial Meeting of the RCM" in page.text
    assert client.get(reverse("meetings:detail", args=["gtmd-demo-virtual"])).status_code == 404


def test_demo_circulars_one_sent_one_communication_test_one_draft():
    demo_circulars.load()
    assert demo_circulars.load() == ["Circulars: 0 new demo circulars"]
    statuses = sorted(Circular.objects.values_list("status", flat=True))
    assert statuses == ["draft", "sent", "sent"]
    test = Circular.objects.get(asks_confirmation=True)
    assert test.confirm_by and test.deliveries.filter(confirmed_at__isnull=False).exists()
    assert test.deliveries.filter(state="failed").count() == 1

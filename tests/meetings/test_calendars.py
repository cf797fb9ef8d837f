"""iCalendar files parsed back with icalendar: UID, SEQUENCE, all-day dates, zones, feeds."""

import datetime
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from meetings import services
from meetings.models import CalendarToken, Meeting
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_a_date_only_meeting_is_an_all_day_event_with_an_exclusive_end(world, client):
    meeting = world["public"]
    calendar = parse(client.get(reverse("meetings:ics", args=[meeting.slug])))
    event = events(calendar)[meeting.uid]
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == meeting.starts_on
    assert event.decoded("DTEND") == meeting.ends_on + datetime.timedelta(days=1)
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Reunión pública del grupo"
    assert "San José" in str(event["LOCATION"])
    assert meeting.get_absolute_url() in str(event["URL"])
    assert b"\r\n" in client.get(reverse("meetings:ics", args=[meeting.slug])).content


def test_the_summary_follows_the_language_of_the_address(world, client):
    meeting = world["public"]
    url = reverse("meetings:ics", args=[meeting.slug]).replace("/es/", "/en/", 1)
    event = events(parse(client.get(url)))[meeting.uid]
    assert str(event["SUMMARY"]) == "Public meeting of the group"


def test_an_edit_keeps_the_uid_and_raises_the_sequence(world, client):
    meeting = world["public"]
    meeting.venue = "Cancillería"
    services.meeting_update(meeting=meeting)
    event = events(parse(client.get(reverse("meetings:ics", args=[meeting.slug]))))[meeting.uid]
    assert event["SEQUENCE"] == 1
    assert "Cancillería" in str(event["LOCATION"])


def test_a_cancelled_meeting_is_sent_as_cancelled(world, client):
    meeting = world["public"]
    meeting.status = Meeting.Status.CANCELLED
    services.meeting_update(meeting=meeting)
    calendar = parse(client.get(reverse("meetings:calendar")))
    event = events(calendar)[meeting.uid]
    assert (str(event["STATUS"]), event["SEQUENCE"]) == ("CANCELLED", 1)


def test_a_meeting_with_hours_is_written_in_its_time_zone_with_the_zone_defined(world, client):
    meeting = MeetingFactory(
        starts_on=datetime.date(2026, 6, 24),
        ends_on=datetime.date(2026, 6, 24),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17, 0),
        time_zone="America/Mexico_City",
    )
    calendar = parse(client.get(reverse("meetings:ics", args=[meeting.slug])))
    event = events(calendar)[meeting.uid]
    zone = zoneinfo.ZoneInfo("America/Mexico_City")
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2026, 6, 24, 9, 30, tzinfo=zone)
    assert event["DTSTART"].params["TZID"] == "America/Mexico_City"
    assert event.decoded("DTEND") == datetime.datetime(2026, 6, 24, 17, 0, tzinfo=zone)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Mexico_City"]


def test_the_public_feed_holds_public_meetings_only(world, client):
    uids = set(events(parse(client.get(reverse("meetings:calendar")))))
    assert uids == {world["public"].uid, world["past"].uid}
    response = client.get(reverse("meetings:calendar"))
    assert "public" in response["Cache-Control"]


def test_the_group_feed_holds_the_groups_public_meetings(world, client):
    url = reverse("meetings:group_calendar", args=[world["group_a"].slug])
    assert set(events(parse(client.get(url)))) == {world["public"].uid}
    assert client.get(reverse("meetings:group_calendar", args=["nope"])).status_code == 404


def test_a_members_only_meeting_file_is_private_to_members(world, login):
    client = login(world["users"]["focal_point_b"])
    response = client.get(reverse("meetings:ics", args=[world["closed"].slug]))
    event = events(parse(response))[world["closed"].uid]
    assert str(event["CLASS"]) == "PRIVATE"
    assert "private" in response["Cache-Control"]


def test_the_personal_feed_holds_the_groups_meetings_members_only_included(world):
    token = services.calendar_token_issue(focal_point=world["focal_point_a"])
    response = Client().get(token.get_feed_url())
    assert set(events(parse(response))) == {world["public"].uid, world["closed"].uid}
    assert "no-store" in response["Cache-Control"]


def test_another_focal_points_feed_holds_their_own_meetings_only(world):
    token = services.calendar_token_issue(focal_point=world["focal_point_b"])
    # B sits in another group and attends the public meeting only.
    assert set(events(parse(Client().get(token.get_feed_url())))) == {world["public"].uid}


def test_a_revoked_forged_or_retired_address_is_not_found(world):
    focal_point = world["focal_point_a"]
    old = services.calendar_token_issue(focal_point=focal_point)
    new = services.calendar_token_revoke(focal_point=focal_point)
    client = Client()
    assert client.get(old.get_feed_url()).status_code == 404
    assert client.get(new.get_feed_url()).status_code == 200
    assert client.get(reverse("meetings:personal_calendar", args=["x" * 43])).status_code == 404
    focal_point.is_active = False
    focal_point.save()
    assert client.get(new.get_feed_url()).status_code == 404


def test_the_calendar_page_shows_the_address_and_replaces_it_on_request(world, login):
    client = login(world["users"]["focal_point_a"])
    page = client.get(reverse("meetings:calendar_address"))
    first = CalendarToken.objects.active().get(focal_point=world["focal_point_a"])
    assert first.token in page.text
    assert client.get(reverse("meetings:calendar_address")).status_code == 200
    assert CalendarToken.objects.filter(focal_point=world["focal_point_a"]).count() == 1

    response = client.post(reverse("meetings:calendar_revoke"))

    assert response["Location"] == reverse("meetings:calendar_address")
    second = CalendarToken.objects.active().get(focal_point=world["focal_point_a"])
    assert second.token != first.token
    assert first.token not in client.get(reverse("meetings:calendar_address")).text


def test_replacing_the_address_is_a_post_for_focal_points_only(world, login):
    assert Client().post(reverse("meetings:calendar_revoke")).status_code == 302
    staff = Client()
    staff.force_login(world["users"]["secretariat"])
    assert staff.post(reverse("meetings:calendar_revoke")).status_code == 403
    member = login(world["users"]["focal_point_a"])
    assert member.get(reverse("meetings:calendar_revoke")).status_code == 405

"""iCalendar (RFC 5545) files: one meeting, every public meeting, a group's, a person's."""

import datetime
import zoneinfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, Timezone

PRODUCT_ID = "-//CRM Portal//Meetings//EN"
STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "postponed": "TENTATIVE"}


def _absolute(request, path: str) -> str:
    base = getattr(settings, "PORTAL_BASE_URL", "") or (request.build_absolute_uri("/")[:-1])
    return f"{base.rstrip('/')}{path}"


def meeting_event(meeting, *, request, stamp: datetime.datetime) -> Event:
    """Return the VEVENT of one meeting: all-day dates, or times in its own time zone."""
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp)
    event.add("last-modified", meeting.updated_at)
    event.add("summary", meeting.title)
    if meeting.is_all_day:
        # VALUE=DATE, and DTEND is the day after the last one (it is exclusive).
        event.add("dtstart", meeting.starts_on)
        event.add("dtend", meeting.ends_on + datetime.timedelta(days=1))
    else:
        zone = zoneinfo.ZoneInfo(meeting.time_zone)
        end_time = meeting.end_time or meeting.start_time
        start = datetime.datetime.combine(meeting.starts_on, meeting.start_time, tzinfo=zone)
        end = datetime.datetime.combine(meeting.ends_on, end_time, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", max(end, start + datetime.timedelta(hours=1)))
    place = ", ".join(part for part in (meeting.venue, meeting.place_display) if part)
    if place:
        event.add("location", place)
    description = [meeting.theme] if meeting.theme else []
    description.append(_absolute(request, meeting.get_absolute_url()))
    event.add("description", "\n\n".join(description))
    event.add("url", _absolute(request, meeting.get_absolute_url()))
    event.add("status", "CANCELLED" if meeting.is_cancelled else STATUS[meeting.status])
    event.add("class", "PUBLIC" if meeting.is_public else "PRIVATE")
    return event


def calendar_for(meetings, *, request, name: str) -> Calendar:
    """Return a calendar holding the meetings, with the time zones their times need."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    zones = set()
    events = []
    for meeting in meetings:
        events.append(meeting_event(meeting, request=request, stamp=stamp))
        if not meeting.is_all_day:
            zones.add(meeting.time_zone)
    for zone in sorted(zones):
        calendar.add_component(Timezone.from_tzid(zone))
    for event in events:
        calendar.add_component(event)
    return calendar


def ics_response(calendar: Calendar, *, filename: str, private: bool) -> HttpResponse:
    """Answer with the calendar as a text/calendar file."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    # A members-only or personal calendar must not sit in a shared cache.
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    return response


def calendar_name(*parts: str) -> str:
    """Name a calendar: "CRM meetings" and what it holds."""
    return " · ".join([gettext("CRM meetings"), *[part for part in parts if part]])

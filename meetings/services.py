"""Writes with rules for meetings. The admin, the demo loader and the views all call these."""

from datetime import date

import pghistory
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history.selectors import history_fields
from core.history.services import history_revert
from focal_points.models import Country, FocalPoint, Presidency
from meetings.models import AgendaItem, CalendarToken, Meeting, Participant

# A change of any of these is news for calendar clients: SEQUENCE grows (RFC 5545 3.8.7.4).
CALENDAR_FIELDS = (
    "starts_on",
    "ends_on",
    "start_time",
    "end_time",
    "time_zone",
    "city",
    "host_country_id",
    "venue",
    "modality",
    "virtual_link",
    "status",
    "title_es",
    "title_en",
)
ROMAN_NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def presidency_on(day: date) -> Presidency | None:
    """Return the presidency in office on a day, or None between presidencies."""
    return Presidency.objects.on(day).first()


def _derive_presidency(meeting: Meeting) -> None:
    if not meeting.presidency_chosen and meeting.starts_on:
        meeting.presidency = presidency_on(meeting.starts_on)


def meeting_schedule(*, meeting: Meeting, working_groups=()) -> Meeting:
    """Add a meeting, held under the presidency of its start date unless one was chosen."""
    _derive_presidency(meeting)
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        if working_groups:
            meeting.working_groups.set(working_groups)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting) -> Meeting:
    """Save a changed meeting; its calendar revision grows when date, place or status change."""
    stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.presidency_chosen and (
        meeting.starts_on != stored.starts_on or stored.presidency_chosen
    ):
        _derive_presidency(meeting)
    meeting.full_clean()
    if any(getattr(meeting, name) != getattr(stored, name) for name in CALENDAR_FIELDS):
        meeting.sequence = stored.sequence + 1
    else:
        meeting.sequence = stored.sequence
    meeting.uid = stored.uid
    meeting.save()
    return meeting


def meeting_revert(*, event, user, reason: str = "") -> Meeting:
    """Restore a meeting to an event's state; calendars still see a newer revision."""
    if not Meeting.objects.filter(pk=event.pgh_obj_id).exists():
        # A deleted meeting comes back under its old id, revision and all.
        return history_revert(event=event, user=user, reason=reason)
    kept = {"sequence", "uid"}
    values = {
        f.attname: getattr(event, f.attname) for f in history_fields(Meeting) if f.name not in kept
    }
    default_reason = _("Reverted to the state of %(when)s") % {
        "when": timezone.localtime(event.pgh_created_at).strftime("%Y-%m-%d %H:%M")
    }
    with pghistory.context(user=user.pk if user else None, reason=reason or str(default_reason)):
        meeting = Meeting.objects.get(pk=event.pgh_obj_id)
        for attname, value in values.items():
            setattr(meeting, attname, value)
        return meeting_update(meeting=meeting)


def roman_to_int(text: str) -> int | None:
    """Read a Roman numeral ("XX" → 20); None when it is not one."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    text = text.strip().upper()
    if not text or any(character not in values for character in text):
        return None
    total = 0
    for index, character in enumerate(text):
        value = values[character]
        following = values[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total if int_to_roman(total) == text else None


def int_to_roman(number: int) -> str:
    """Write a positive number in Roman numerals (20 → "XX")."""
    parts = []
    for value, numeral in ROMAN_NUMERALS:
        count, number = divmod(number, value)
        parts.append(numeral * count)
    return "".join(parts)


def next_number(number: str) -> str:
    """Return the number of the next edition ("XX" → "XXI"); empty when it is not Roman."""
    value = roman_to_int(number)
    return int_to_roman(value + 1) if value else ""


@transaction.atomic
def meeting_copy(*, meeting: Meeting, starts_on: date, ends_on: date, slug: str) -> Meeting:
    """Prepare the next edition: kind, number, title, groups and agenda skeleton, new dates."""
    copy = Meeting(
        kind=meeting.kind,
        number=next_number(meeting.number) if meeting.number else "",
        title_es=meeting.title_es,
        title_en=meeting.title_en,
        slug=slug,
        starts_on=starts_on,
        ends_on=ends_on,
        time_zone=meeting.time_zone,
        modality=meeting.modality,
        distribution=meeting.distribution,
        status=Meeting.Status.PLANNED,
    )
    meeting_schedule(meeting=copy, working_groups=list(meeting.working_groups.all()))
    items = [
        AgendaItem(
            meeting=copy,
            position=item.position,
            title_es=item.title_es,
            title_en=item.title_en,
        )
        for item in meeting.agenda_items.order_by("position", "pk")
    ]
    for item in items:
        item.full_clean()
    AgendaItem.objects.bulk_create(items)
    return copy


def participant_add(
    *,
    meeting: Meeting,
    role: str,
    focal_point: FocalPoint | None = None,
    guest_name: str = "",
    guest_institution: str = "",
    guest_email: str = "",
    delegation_country: Country | None = None,
    delegation_other: str = "",
) -> Participant:
    """Add someone to a meeting; a focal point comes for their country unless told otherwise."""
    if focal_point is not None and delegation_country is None and not delegation_other:
        delegation_country = focal_point.country
    participant = Participant(
        meeting=meeting,
        role=role,
        focal_point=focal_point,
        guest_name=guest_name.strip(),
        guest_institution=guest_institution.strip(),
        guest_email=guest_email.strip(),
        delegation_country=delegation_country,
        delegation_other=delegation_other.strip(),
    )
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def calendar_token_issue(*, focal_point: FocalPoint) -> CalendarToken:
    """Return the focal point's active calendar address, creating one if they have none."""
    FocalPoint.objects.select_for_update().filter(pk=focal_point.pk).first()
    token = CalendarToken.objects.active().filter(focal_point=focal_point).first()
    return token or CalendarToken.objects.create(focal_point=focal_point)


@transaction.atomic
def calendar_token_revoke(*, focal_point: FocalPoint, reissue: bool = True) -> CalendarToken | None:
    """Void the focal point's calendar address (calendars using it stop updating)."""
    FocalPoint.objects.select_for_update().filter(pk=focal_point.pk).first()
    CalendarToken.objects.active().filter(focal_point=focal_point).update(revoked_at=timezone.now())
    return CalendarToken.objects.create(focal_point=focal_point) if reissue else None

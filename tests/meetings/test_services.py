"""Meeting services: the presidency derived from the dates, calendar revisions, copies."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings import services
from meetings.models import CalendarToken, Meeting, Participant
from tests.focal_points.factories import (
    CountryFactory,
    FocalPointFactory,
    PresidencyFactory,
    WorkingGroupFactory,
)
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def _meeting(**fields) -> Meeting:
    values = {
        "kind": Meeting.Kind.VICE_MINISTERIAL,
        "number": "XX",
        "title_es": "XX Reunión Viceministerial",
        "title_en": "XX Vice-Ministerial Meeting",
        "slug": "xx-crm",
        "starts_on": datetime.date(2015, 6, 24),
        "ends_on": datetime.date(2015, 6, 26),
    }
    values.update(fields)
    return Meeting(**values)


@pytest.fixture
def mexico_2015():
    return PresidencyFactory(
        country=CountryFactory(iso_code="MX"),
        starts_on=datetime.date(2015, 1, 1),
        ends_on=datetime.date(2015, 12, 31),
    )


def test_meeting_schedule_derives_the_presidency_from_the_start_date(mexico_2015):
    meeting = services.meeting_schedule(meeting=_meeting())
    assert meeting.presidency == mexico_2015


def test_meeting_schedule_between_presidencies_leaves_none():
    meeting = services.meeting_schedule(meeting=_meeting())
    assert meeting.presidency is None


def test_meeting_schedule_keeps_a_presidency_chosen_by_hand(mexico_2015):
    other = PresidencyFactory(
        starts_on=datetime.date(2014, 1, 1), ends_on=datetime.date(2014, 12, 31)
    )
    meeting = services.meeting_schedule(meeting=_meeting(presidency=other, presidency_chosen=True))
    assert meeting.presidency == other


def test_meeting_schedule_rejects_end_before_start():
    with pytest.raises(ValidationError):
        services.meeting_schedule(meeting=_meeting(ends_on=datetime.date(2015, 6, 1)))
    assert not Meeting.objects.exists()


def test_meeting_schedule_sets_the_groups_concerned():
    groups = WorkingGroupFactory.create_batch(2)
    meeting = services.meeting_schedule(meeting=_meeting(), working_groups=groups)
    assert set(meeting.working_groups.all()) == set(groups)


def test_meeting_update_moving_the_start_rederives_the_presidency(mexico_2015):
    meeting = services.meeting_schedule(meeting=_meeting(starts_on=datetime.date(2014, 12, 30)))
    assert meeting.presidency is None
    meeting.starts_on = datetime.date(2015, 1, 5)
    meeting.ends_on = datetime.date(2015, 1, 6)
    services.meeting_update(meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).presidency == mexico_2015


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starts_on", datetime.date(2015, 6, 25)),
        ("city", "Ciudad de México"),
        ("venue", "Otra sede"),
        ("status", Meeting.Status.CANCELLED),
        ("start_time", datetime.time(9, 0)),
    ],
)
def test_meeting_update_bumps_the_sequence_when_date_place_or_status_change(field, value):
    meeting = services.meeting_schedule(meeting=_meeting())
    uid = meeting.uid
    setattr(meeting, field, value)
    services.meeting_update(meeting=meeting)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert stored.sequence == 1
    assert stored.uid == uid


def test_meeting_update_of_the_outcomes_keeps_the_sequence():
    meeting = services.meeting_schedule(meeting=_meeting())
    meeting.outcomes_es = "Declaración aprobada."
    services.meeting_update(meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).sequence == 0


def test_meeting_update_cannot_forge_the_uid_or_lower_the_sequence():
    meeting = services.meeting_schedule(meeting=_meeting())
    uid = meeting.uid
    meeting.status = Meeting.Status.POSTPONED
    services.meeting_update(meeting=meeting)
    meeting.uid, meeting.sequence = "forged", 0
    services.meeting_update(meeting=meeting)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.uid, stored.sequence) == (uid, 1)


def test_roman_numbers_count_editions():
    assert services.next_number("XX") == "XXI"
    assert services.next_number("XXXIX") == "XL"
    assert services.next_number("IIII") == ""
    assert services.next_number("abc") == ""


def test_meeting_copy_takes_kind_groups_and_agenda_not_dates_or_participants():
    groups = WorkingGroupFactory.create_batch(2)
    original = services.meeting_schedule(
        meeting=_meeting(city="Tegucigalpa", outcomes_es="Acuerdos"), working_groups=groups
    )
    AgendaItemFactory(meeting=original, position=1, title_es="Apertura", notes_es="Notas")
    AgendaItemFactory(meeting=original, position=2, title_es="Clausura")
    ParticipantFactory(meeting=original)

    copy = services.meeting_copy(
        meeting=original,
        starts_on=datetime.date(2016, 6, 20),
        ends_on=datetime.date(2016, 6, 21),
        slug="xxi-crm",
    )

    assert (copy.kind, copy.number, copy.status) == (original.kind, "XXI", Meeting.Status.PLANNED)
    assert set(copy.working_groups.all()) == set(groups)
    assert [item.title_es for item in copy.agenda_items.all()] == ["Apertura", "Clausura"]
    assert not copy.agenda_items.filter(notes_es__gt="").exists()
    assert not copy.participants.exists()
    assert (copy.city, copy.outcomes_es or "", copy.sequence) == ("", "", 0)
    assert copy.uid != original.uid


def test_meeting_copy_to_a_taken_address_is_refused():
    original = services.meeting_schedule(meeting=_meeting())
    with pytest.raises(ValidationError):
        services.meeting_copy(
            meeting=original,
            starts_on=datetime.date(2016, 6, 20),
            ends_on=datetime.date(2016, 6, 21),
            slug=original.slug,
        )


def test_participant_add_takes_the_focal_points_country_as_delegation():
    focal_point = FocalPointFactory()
    participant = services.participant_add(
        meeting=MeetingFactory(), focal_point=focal_point, role=Participant.Role.HEAD_OF_DELEGATION
    )
    assert participant.delegation_country == focal_point.institution.country


def test_participant_add_of_a_guest_without_a_name_is_refused():
    with pytest.raises(ValidationError):
        services.participant_add(
            meeting=MeetingFactory(), guest_email="x@example.org", role=Participant.Role.OBSERVER
        )


def test_calendar_token_revoke_voids_the_address_and_issues_a_new_one():
    focal_point = FocalPointFactory()
    first = services.calendar_token_issue(focal_point=focal_point)
    assert services.calendar_token_issue(focal_point=focal_point) == first
    second = services.calendar_token_revoke(focal_point=focal_point)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.token != first.token
    assert CalendarToken.objects.active().get(focal_point=focal_point) == second

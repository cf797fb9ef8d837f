"""Meetings' database rules: dates, numbers, presenters, participants, calendar addresses."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from meetings.models import AgendaItem, CalendarToken, Meeting, Participant
from tests.focal_points.factories import FocalPointFactory
from tests.meetings.factories import MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_meeting_end_before_start_is_refused_by_the_database():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError):
        Meeting.objects.filter(pk=meeting.pk).update(
            ends_on=meeting.starts_on - datetime.timedelta(1)
        )


def test_meeting_end_before_start_is_explained_by_full_clean():
    meeting = MeetingFactory.build(
        starts_on=datetime.date(2024, 5, 2), ends_on=datetime.date(2024, 5, 1), host_country=None
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        meeting.full_clean()
    with translation.override("en"):
        assert "The end date cannot be before the start date." in str(error.value)


def test_only_numbered_kinds_carry_a_number():
    meeting = MeetingFactory(kind=Meeting.Kind.SEMINAR)
    with pytest.raises(IntegrityError):
        Meeting.objects.filter(pk=meeting.pk).update(number="XX")


def test_a_meeting_gets_a_unique_stable_calendar_uid():
    first, second = MeetingFactory(), MeetingFactory()
    assert first.uid != second.uid
    assert first.uid.endswith("@crm-portal")
    uid = first.uid
    first.title_es = "Otro título"
    first.save()
    first.refresh_from_db()
    assert first.uid == uid


def test_an_agenda_item_has_one_presenter_at_most():
    item = AgendaItem(
        meeting=MeetingFactory(),
        title_es="Apertura",
        presenter=FocalPointFactory(),
        presenter_name="Alguien",
    )
    with pytest.raises(ValidationError):
        item.full_clean()


def test_an_agenda_day_outside_the_meeting_is_refused():
    meeting = MeetingFactory()
    item = AgendaItem(
        meeting=meeting, title_es="Clausura", day=meeting.ends_on + datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "day" in error.value.message_dict


def test_a_participant_is_a_focal_point_or_a_guest_never_both_nor_neither():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError):
        Participant.objects.create(meeting=meeting, role=Participant.Role.DELEGATE)


def test_a_participant_with_both_a_focal_point_and_a_guest_name_is_refused():
    participant = ParticipantFactory.build(
        meeting=MeetingFactory(), focal_point=FocalPointFactory(), guest_name="Extra"
    )
    with pytest.raises(ValidationError):
        participant.full_clean()


def test_a_focal_point_takes_part_once_per_meeting():
    participant = ParticipantFactory()
    with pytest.raises(IntegrityError):
        ParticipantFactory(meeting=participant.meeting, focal_point=participant.focal_point)


def test_a_guest_email_is_unique_per_meeting_whatever_its_case():
    meeting = MeetingFactory()
    Participant.objects.create(
        meeting=meeting, guest_name="Ana", guest_email="ana@example.org", role="observer"
    )
    with pytest.raises(IntegrityError):
        Participant.objects.create(
            meeting=meeting, guest_name="Ana B", guest_email="ANA@example.org", role="observer"
        )


def test_a_focal_point_has_one_active_calendar_address():
    focal_point = FocalPointFactory()
    CalendarToken.objects.create(focal_point=focal_point)
    with pytest.raises(IntegrityError):
        CalendarToken.objects.create(focal_point=focal_point)


def test_every_meeting_model_records_history():
    meeting = MeetingFactory()
    ParticipantFactory(meeting=meeting)
    assert Meeting.pgh_event_model.objects.filter(pgh_obj_id=meeting.pk).count() == 1
    assert Participant.pgh_event_model.objects.count() == 1
    assert meeting.pgh_event_model.objects.first().title_en == meeting.title_en

"""Circulars: recipients, queueing, the e-mails in each language, sent once even when killed."""

import datetime
import re
from collections import Counter

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django_q.models import Schedule

from core.mailing import Delivery, message_id_for
from meetings.circulars.links import circular_confirm_token, circular_delivery_from_token
from meetings.circulars.recipients import circular_recipients
from meetings.circulars.sending import circular_send_pending
from meetings.circulars.services import circular_queue, circular_update
from meetings.models import Circular, CircularDelivery, Invitation
from tests.documents.factories import DocumentFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    PresidencyFactory,
)
from tests.meetings import circular_helpers
from tests.meetings.circular_helpers import draft, group_with_people
from tests.meetings.factories import MeetingFactory, ParticipantFactory
from tests.queue_helpers import run_queued_tasks

pytestmark = pytest.mark.django_db


def test_recipients_are_the_chosen_seats_each_person_once():
    group, people = group_with_people(3)
    other_group, _others = group_with_people(2)
    # A person with two seats in the chosen groups is listed once.
    DesignationFactory(focal_point=people[0], working_group=other_group, role="alternate")
    # An ended seat and an inactive person are left out.
    gone = FocalPointFactory()
    DesignationFactory(focal_point=gone, working_group=group, ends_on=datetime.date(2024, 6, 1))
    inactive = FocalPointFactory(is_active=False)
    DesignationFactory(focal_point=inactive, working_group=group)
    circular = draft(groups=[group, other_group], roles=["principal", "alternate"])
    recipients = circular_recipients(circular)
    assert recipients.count == 5
    assert len({p.pk for p in recipients.people}) == 5
    assert gone not in recipients.people and inactive not in recipients.people


def test_recipients_by_country_role_and_meeting_invitees(django_assert_max_num_queries):
    country = CountryFactory(iso_code="HN")
    group, people = group_with_people(4)
    local = FocalPointFactory(institution=InstitutionFactory(country=country))
    DesignationFactory(focal_point=local, working_group=group, role="alternate")
    # Countries narrow the seats; roles too.
    circular = draft(groups=[group], countries=[country])
    assert [p.pk for p in circular_recipients(circular).people] == [local.pk]
    circular = draft(groups=[group], roles=["principal"])
    assert {p.pk for p in circular_recipients(circular).people} == {p.pk for p in people}
    # A meeting's invitees are added.
    meeting = MeetingFactory()
    guest = FocalPointFactory()
    Invitation.objects.create(
        meeting=meeting,
        focal_point=guest,
        participant=ParticipantFactory(meeting=meeting, focal_point=guest),
    )
    circular = draft(meeting=meeting)
    with django_assert_max_num_queries(4):
        assert [p.pk for p in circular_recipients(circular).people] == [guest.pk]
    # Nothing chosen: nobody.
    assert circular_recipients(draft()).count == 0


def test_people_without_an_address_are_listed_apart():
    group, people = group_with_people(2)
    FocalPointFactory._meta.model.objects.filter(pk=people[0].pk).update(email="")
    recipients = circular_recipients(draft(groups=[group]))
    assert [p.pk for p in recipients.people] == [people[1].pk]
    assert [p.pk for p in recipients.without_email] == [people[0].pk]


def test_both_languages_are_required_unless_one_language_only_is_ticked():
    with pytest.raises(ValidationError) as error:
        draft(subject_en="", body_en="")
    assert "subject_en" in error.value.message_dict
    circular = draft(subject_en="", body_en="", single_language=True)
    assert circular.languages() == ["es"]
    with pytest.raises(ValidationError):
        draft(subject_es="", body_es="", subject_en="", body_en="", single_language=True)
    with pytest.raises(ValidationError) as error:
        draft(asks_confirmation=True)
    assert "confirm_within_days" in error.value.message_dict


def test_queueing_snapshots_each_person_once_and_a_sent_circular_never_changes():
    group, people = group_with_people(3)
    PresidencyFactory(email="ppt@example.org")
    circular = draft(groups=[group], asks_confirmation=True, confirm_within_days=7)
    assert circular_queue(circular=circular) == 3
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENDING and circular.queued_at
    assert circular.reply_to == "ppt@example.org"
    assert circular.confirm_by == timezone.localdate() + datetime.timedelta(days=7)
    rows = CircularDelivery.objects.filter(circular=circular)
    assert sorted(rows.values_list("email", flat=True)) == sorted(p.email for p in people)
    assert {r.focal_point_id: r.language for r in rows} == {
        p.pk: p.preferred_language for p in people
    }
    with pytest.raises(ValidationError):
        circular_queue(circular=circular)
    with pytest.raises(ValidationError):
        circular_update(circular=circular)
    assert rows.count() == 3


def test_queueing_nobody_is_refused():
    with translation.override("en"), pytest.raises(ValidationError, match="No one"):
        circular_queue(circular=draft())
    assert not CircularDelivery.objects.exists()


def test_each_person_reads_their_language_first_with_the_other_below():
    group, people = group_with_people(2)  # one Spanish, one English
    restricted = DocumentFactory(distribution="restricted", title_es="Nota", title_en="Note")
    internal = DocumentFactory(distribution="internal")
    circular = draft(
        groups=[group],
        documents=[restricted, internal],
        asks_confirmation=True,
        confirm_within_days=5,
    )
    circular_queue(circular=circular)
    circular_send_pending()
    by_address = {message.to[0]: message for message in mail.outbox}
    spanish, english = by_address[people[0].email], by_address[people[1].email]
    assert spanish.subject == "Convocatoria a consulta"
    assert english.subject == "Call for consultation"
    assert spanish.body.index("en español") < spanish.body.index("in English")
    assert english.body.index("in English") < english.body.index("en español")
    # Documents the recipient may read are linked, never an internal one.
    assert f"/documents/{restricted.pk}/" in spanish.body
    assert f"/documents/{internal.pk}/" not in spanish.body
    # The confirm link names the person's own row.
    delivery = CircularDelivery.objects.get(circular=circular, focal_point=people[0])
    # A token is signed with the time of its second: read it back rather than sign again.
    token = re.search(r"/circulars/confirm/([^/\s]+)/", spanish.body).group(1)
    assert circular_delivery_from_token(token) == delivery
    assert spanish.reply_to and spanish.extra_headers["Message-ID"] == message_id_for(delivery)


def test_the_confirm_token_names_its_row_and_a_tampered_one_nothing():
    group, _people = group_with_people(1)
    circular = draft(groups=[group], asks_confirmation=True, confirm_within_days=5)
    circular_queue(circular=circular)
    delivery = CircularDelivery.objects.get()
    token = circular_confirm_token(delivery)
    assert circular_delivery_from_token(token) == delivery
    assert circular_delivery_from_token(token[:-2] + "xx") is None
    assert circular_delivery_from_token("nonsense") is None


def test_thirty_recipients_two_failing_records_28_sent_2_failed_and_a_rerun_sends_nothing(
    settings,
):
    settings.EMAIL_BACKEND = "tests.meetings.circular_helpers.RefusingBackend"
    settings.MAIL_RETRY_BACKOFF = [1, 5]
    group, people = group_with_people(30)
    circular_helpers.REFUSED.clear()
    circular_helpers.REFUSED.update({people[3].email, people[17].email})
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    start = timezone.now()
    try:
        with time_machine.travel(start, tick=False) as traveller:
            first = circular_send_pending()
            assert (first.sent, first.retried) == (28, 2)
            # The two are tried again after each back-off step, then given up.
            for minutes in (2, 6):
                traveller.shift(datetime.timedelta(minutes=minutes))
                circular_send_pending()
    finally:
        circular_helpers.REFUSED.clear()
    rows = CircularDelivery.objects.filter(circular=circular)
    assert Counter(rows.values_list("state", flat=True)) == {"sent": 28, "failed": 2}
    failed = rows.filter(state="failed")
    assert {r.email for r in failed} == {people[3].email, people[17].email}
    assert all("451" in r.error and r.attempts == 3 for r in failed)
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENT and circular.finished_at
    # Running the queue again sends nothing more.
    assert circular_send_pending().total == 0
    assert len(mail.outbox) == 28
    assert Counter(m.to[0] for m in mail.outbox).most_common(1)[0][1] == 1


def test_a_worker_killed_mid_circular_resumes_and_only_the_row_in_flight_can_go_twice(settings):
    settings.EMAIL_BACKEND = "tests.meetings.circular_helpers.KilledBackend"
    group, people = group_with_people(12)
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    circular_helpers.KILL_AFTER["count"] = 5
    with pytest.raises(SystemExit):
        circular_send_pending()
    # Four rows were committed as sent; the fifth was accepted by the server, then the
    # worker died before its commit: it is still queued.
    assert CircularDelivery.objects.filter(state="sent").count() == 4
    assert len(mail.outbox) == 5
    in_flight = mail.outbox[4].to[0]
    # The task runs again (the queue's lease): everyone else is sent once.
    report = circular_send_pending()
    assert report.sent == 8
    assert CircularDelivery.objects.filter(state="sent").count() == 12
    counts = Counter(m.to[0] for m in mail.outbox)
    assert set(counts) == {p.email for p in people}
    assert {address for address, n in counts.items() if n > 1} == {in_flight}
    # The copy carries the same Message-ID, so the recipient's client can recognise it.
    copies = [m for m in mail.outbox if m.to[0] == in_flight]
    assert copies[0].extra_headers["Message-ID"] == copies[1].extra_headers["Message-ID"]
    assert circular_send_pending().total == 0


def test_a_worker_killed_while_an_email_is_on_the_wire_resumes_and_nobody_gets_two(settings):
    settings.EMAIL_BACKEND = "tests.meetings.circular_helpers.KilledMidConversationBackend"
    group, people = group_with_people(12)
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    circular_helpers.KILL_AFTER["count"] = 5
    with pytest.raises(SystemExit):
        circular_send_pending()
    # The fifth e-mail never reached the server; its row rolled back to queued.
    assert CircularDelivery.objects.filter(state="sent").count() == 4
    assert len(mail.outbox) == 4
    assert circular_send_pending().sent == 8
    counts = Counter(m.to[0] for m in mail.outbox)
    assert counts == Counter({p.email: 1 for p in people})
    assert Circular.objects.get(pk=circular.pk).status == Circular.Status.SENT


def test_a_bounce_is_recorded_and_the_circular_still_finishes(settings):
    group, people = group_with_people(3)
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    CircularDelivery.objects.filter(focal_point=people[0]).update(email="broken@@example")
    circular_send_pending()
    rows = CircularDelivery.objects.filter(circular=circular)
    assert Counter(rows.values_list("state", flat=True)) == {"sent": 2, "failed": 1}
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENT
    assert rows.get(focal_point=people[0]).state == Delivery.State.FAILED


def test_the_task_sends_a_queued_circular(settings):
    group, _people = group_with_people(4)
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    assert run_queued_tasks() >= 1
    assert len(mail.outbox) == 4
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENT


def test_the_sending_is_on_the_queues_schedule_every_minute():
    schedule = Schedule.objects.get(name="circulars-send")
    assert (schedule.func, schedule.cron) == ("meetings.tasks.circulars_send", "* * * * *")

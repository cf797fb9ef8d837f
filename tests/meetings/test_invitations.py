"""Invitations: who is invited, the sending (once), the answers and their deadline, reminders."""

import datetime
import smtplib
import threading

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from focal_points.models import Country, Designation
from meetings.invitations.plan import invitation_plan, reply_board
from meetings.invitations.sending import invitation_send_pending
from meetings.invitations.services import (
    RegistrationClosed,
    invitation_answer,
    invitation_create,
    invitation_remind,
    invitation_retry_failed,
)
from meetings.models import Invitation, Participant
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seats(db) -> dict:
    """A group with a principal and an alternate for CR, a principal for PA, nobody for HN."""
    group = WorkingGroupFactory(name_es="Grupo de Migración Laboral")
    countries = {
        iso: CountryFactory(iso_code=iso, name_es=name, name_en=name)
        for iso, name in (("CR", "Costa Rica"), ("PA", "Panamá"), ("HN", "Honduras"))
    }
    people = {}
    for key, iso, role, language in (
        ("cr_principal", "CR", "principal", "es"),
        ("cr_alternate", "CR", "alternate", "en"),
        ("pa_principal", "PA", "principal", "es"),
    ):
        person = FocalPointFactory(
            institution=InstitutionFactory(country=countries[iso]),
            preferred_language=language,
            email=f"{key}@example.org",
        )
        DesignationFactory(focal_point=person, working_group=group, role=role)
        people[key] = person
    # An additional contact and a retired principal are not invited.
    DesignationFactory(
        focal_point=FocalPointFactory(institution=InstitutionFactory(country=countries["PA"])),
        working_group=group,
        role=Designation.Role.ADDITIONAL,
    )
    meeting = MeetingFactory(
        working_groups=[group],
        starts_on=timezone.localdate() + datetime.timedelta(days=30),
        registration_closes_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    return {"group": group, "countries": countries, "meeting": meeting, **people}


def _invite_all(meeting) -> list[Invitation]:
    return invitation_create(
        meeting=meeting, invitees=invitation_plan(meeting=meeting).new_invitees
    )


def test_the_plan_lists_principals_and_alternates_per_country_and_names_who_has_nobody(seats):
    plan = invitation_plan(meeting=seats["meeting"])

    by_country = {d.country.iso_code: [i.focal_point for i in d.invitees] for d in plan.delegations}
    assert by_country == {
        "CR": sorted([seats["cr_principal"], seats["cr_alternate"]], key=lambda p: p.full_name),
        "PA": [seats["pa_principal"]],
    }
    # Every other member country of the world has nobody to invite: Honduras among them.
    assert seats["countries"]["HN"] in plan.countries_without_anyone
    assert seats["countries"]["CR"] not in plan.countries_without_anyone


def test_a_hand_picked_list_invites_only_those_people(seats):
    plan = invitation_plan(meeting=seats["meeting"], focal_points=[seats["pa_principal"]])

    assert plan.new_invitees == [(seats["pa_principal"].pk, seats["countries"]["PA"].pk)]


def test_confirming_creates_one_invitation_and_one_participant_per_person_once(seats):
    meeting = seats["meeting"]

    created = _invite_all(meeting)
    again = _invite_all(meeting)

    assert len(created) == 3 and again == []
    assert meeting.invitations.count() == 3
    assert Participant.objects.filter(meeting=meeting, invited_at__isnull=False).count() == 3
    # The database refuses a second invitation of the same person to the same meeting.
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            meeting=meeting,
            focal_point=seats["cr_principal"],
            participant=Participant.objects.create(
                meeting=meeting, guest_name="X", role=Participant.Role.DELEGATE
            ),
        )
    # The plan now shows them as invited already.
    assert invitation_plan(meeting=meeting).new_invitees == []


def test_sending_twice_sends_each_invitation_once_in_the_persons_language(seats):
    meeting = seats["meeting"]
    _invite_all(meeting)

    first = invitation_send_pending()
    second = invitation_send_pending()

    assert (first.invitations, second.total) == (3, 0)
    assert len(mail.outbox) == 3
    assert set(meeting.invitations.values_list("state", flat=True)) == {"sent"}
    english = next(m for m in mail.outbox if m.to == ["cr_alternate@example.org"])
    spanish = next(m for m in mail.outbox if m.to == ["cr_principal@example.org"])
    assert english.subject.startswith("Invitation:") and "/en/meetings/reply/" in english.body
    assert spanish.subject.startswith("Invitación:") and "/es/meetings/reply/" in spanish.body
    # Text and HTML, and the meeting as an .ics file calendar clients read.
    assert english.alternatives[0].mimetype == "text/html"
    ((name, content, mimetype),) = english.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid


def test_a_limit_sends_that_many_and_the_command_sends_the_rest(seats):
    _invite_all(seats["meeting"])

    assert invitation_send_pending(limit=2).invitations == 2
    call_command("send_invitations", meeting=seats["meeting"].slug)

    assert len(mail.outbox) == 3


def test_a_failed_sending_is_recorded_with_its_error_and_can_be_put_back(seats, monkeypatch):
    _invite_all(seats["meeting"])

    # A permanent refusal (5xx) fails at once; a transient one is retried with back-off
    # (tests/meetings/test_invitations_mailing.py).
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPDataError(554, "Transaction failed: mailbox unreachable")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    report = invitation_send_pending()
    monkeypatch.undo()

    assert report.failed == 3
    failed = seats["meeting"].invitations.first()
    assert failed.state == "failed" and "unreachable" in failed.error
    assert invitation_send_pending().total == 0  # failures are not retried on their own
    assert invitation_retry_failed(meeting=seats["meeting"]) == 3
    assert invitation_send_pending().invitations == 3


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_never_send_the_same_invitation(seats):
    _invite_all(seats["meeting"])
    reports = []

    def run():
        reports.append(invitation_send_pending())
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(report.invitations for report in reports) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"{key}@example.org" for key in ("cr_principal", "cr_alternate", "pa_principal")
    )


def test_an_answer_can_be_changed_until_the_deadline_and_not_after(seats):
    invitation = _invite_all(seats["meeting"])[0]
    deadline = seats["meeting"].registration_closes_on

    invitation_answer(invitation=invitation, answer="attending", today=deadline)
    invitation_answer(invitation=invitation, answer="not_attending", today=deadline)

    with pytest.raises(RegistrationClosed):
        invitation_answer(
            invitation=invitation, answer="attending", today=deadline + datetime.timedelta(days=1)
        )
    invitation.refresh_from_db()
    assert invitation.answer == "not_attending"


def test_someone_else_coming_becomes_a_participant_and_leaves_when_the_answer_changes(seats):
    invitation = _invite_all(seats["meeting"])[0]
    meeting = seats["meeting"]

    invitation_answer(
        invitation=invitation,
        answer="substitute",
        substitute_name="Otra Persona Ficticia",
        substitute_email="Otra.Persona@example.org",
    )

    invitation.refresh_from_db()
    substitute = invitation.substitute
    assert substitute.guest_name == "Otra Persona Ficticia"
    assert substitute.delegation_country == invitation.country
    coming = list(meeting.participants.attending())
    assert coming == [substitute]  # the invitee does not come; nobody else answered

    invitation_answer(invitation=invitation, answer="attending")

    assert not Participant.objects.filter(pk=substitute.pk).exists()
    assert list(meeting.participants.attending()) == [invitation.participant]


def test_the_person_coming_instead_is_matched_to_the_directory_by_email(seats):
    invitation = _invite_all(seats["meeting"])[0]
    colleague = FocalPointFactory(email="colega@example.org")

    invitation_answer(
        invitation=invitation,
        answer="substitute",
        substitute_name="Whatever",
        substitute_email="COLEGA@example.org",
    )

    invitation.refresh_from_db()
    assert invitation.substitute.focal_point == colleague


def test_the_person_coming_instead_needs_a_name_and_an_email(seats):
    invitation = _invite_all(seats["meeting"])[0]

    with pytest.raises(ValidationError):
        invitation_answer(invitation=invitation, answer="substitute", substitute_name="Sola")


def test_a_reminder_goes_to_those_who_have_not_answered_never_twice_in_a_day(seats):
    meeting = seats["meeting"]
    first, second, third = _invite_all(meeting)
    invitation_send_pending()
    invitation_answer(invitation=first, answer="attending")
    mail.outbox.clear()
    now = timezone.now()

    assert invitation_remind(meeting=meeting, now=now) == 2
    assert invitation_remind(meeting=meeting, now=now + datetime.timedelta(hours=2)) == 0
    report = invitation_send_pending()
    assert invitation_remind(meeting=meeting, now=now + datetime.timedelta(hours=23)) == 0

    assert report.reminders == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [second.focal_point.email, third.focal_point.email]
    )
    assert all("Reminder" in m.subject or "Recordatorio" in m.subject for m in mail.outbox)
    # A day later, those still silent may be reminded again.
    assert invitation_remind(meeting=meeting, now=now + datetime.timedelta(hours=25)) == 2


def test_the_reply_board_groups_answers_by_delegation(seats):
    meeting = seats["meeting"]
    invitations = {i.focal_point_id: i for i in _invite_all(meeting)}
    invitation_answer(invitation=invitations[seats["cr_principal"].pk], answer="attending")
    staff = _secretariat()

    board = reply_board(meeting=meeting, user=staff)

    by_country = {d.country.iso_code: d for d in board.delegations}
    assert by_country["CR"].coming == [seats["cr_principal"].full_name]
    assert by_country["CR"].answered and not by_country["PA"].answered
    assert board.countries_not_answered == [seats["countries"]["PA"]]
    assert seats["countries"]["HN"] in board.countries_not_invited
    assert board.counts["attending"] == 1 and board.counts["unanswered"] == 2


def _secretariat():
    from django.contrib.auth.models import Group

    from focal_points.access import SECRETARIAT_GROUP
    from tests.factories import StaffUserFactory

    user = StaffUserFactory()
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    return user


# -- the reply page, from the e-mail's links


def _reply_url(invitation, answer="") -> str:
    url = reverse("meetings:invitation_reply", args=[invitation.token])
    return f"{url}?answer={answer}" if answer else url


def test_the_link_opens_a_page_with_the_chosen_answer_and_records_it_on_the_button(client, seats):
    invitation = _invite_all(seats["meeting"])[0]

    page = client.get(_reply_url(invitation, "attending"))
    assert page.status_code == 200
    assert page.context["form"].initial["answer"] == "attending"
    assert 'value="attending"' in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.answer == ""  # opening the link (a mail scanner) records nothing

    answered = client.post(_reply_url(invitation), {"answer": "attending"})

    assert answered.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == "attending"


def test_the_link_used_twice_shows_the_answer_and_lets_it_be_changed(client, seats):
    invitation = _invite_all(seats["meeting"])[0]
    client.post(_reply_url(invitation), {"answer": "attending"})

    again = client.get(_reply_url(invitation))

    current = again.content.decode().split('data-testid="current-answer"')[1].split("</p>")[0]
    assert "Asistirá" in current or "Attending" in current
    assert again.context["form"].initial["answer"] == "attending"
    client.post(
        _reply_url(invitation),
        {
            "answer": "substitute",
            "substitute_name": "Ana Ficticia",
            "substitute_email": "ana@example.org",
        },
    )
    invitation.refresh_from_db()
    assert invitation.answer == "substitute"
    assert invitation.substitute.guest_email == "ana@example.org"


def test_after_the_deadline_the_page_says_so_and_refuses_a_change(client, seats):
    invitation = _invite_all(seats["meeting"])[0]
    invitation_answer(invitation=invitation, answer="attending")
    meeting = seats["meeting"]
    meeting.registration_closes_on = timezone.localdate() - datetime.timedelta(days=1)
    meeting.save()

    page = client.get(_reply_url(invitation))
    refused = client.post(_reply_url(invitation), {"answer": "not_attending"})

    assert page.status_code == 200
    assert 'data-testid="registration-closed"' in page.content.decode()
    assert 'data-testid="reply-form"' not in page.content.decode()
    assert refused.status_code == 403
    invitation.refresh_from_db()
    assert invitation.answer == "attending"


def test_a_cancelled_meeting_takes_no_answer_and_says_why(client, seats):
    invitation = _invite_all(seats["meeting"])[0]
    seats["meeting"].status = "cancelled"
    seats["meeting"].save()

    with pytest.raises(RegistrationClosed, match="cancelada"):
        invitation_answer(invitation=invitation, answer="attending")
    page = client.get(_reply_url(invitation)).content.decode()

    assert "Esta reunión fue cancelada" in page


@pytest.mark.parametrize("token", ["x" * 43, "forged", "%00" * 5])
def test_a_forged_link_is_not_found(client, seats, token):
    _invite_all(seats["meeting"])

    assert client.get(f"/es/meetings/reply/{token}/").status_code == 404
    assert client.post(f"/es/meetings/reply/{token}/", {"answer": "attending"}).status_code == 404


def test_a_bad_answer_is_a_form_error_not_a_500(client, seats):
    invitation = _invite_all(seats["meeting"])[0]

    response = client.post(_reply_url(invitation), {"answer": "maybe"})
    substitute_without_email = client.post(
        _reply_url(invitation), {"answer": "substitute", "substitute_name": "Sola"}
    )

    assert response.status_code == 400 and substitute_without_email.status_code == 400
    invitation.refresh_from_db()
    assert invitation.answer == ""


def test_the_reply_page_keeps_the_same_query_count(client, seats, count_queries):
    invitation = _invite_all(seats["meeting"])[0]

    before = count_queries(lambda: client.get(_reply_url(invitation)))
    invitation_answer(
        invitation=invitation,
        answer="substitute",
        substitute_name="A",
        substitute_email="a@example.org",
    )
    after = count_queries(lambda: client.get(_reply_url(invitation)))

    assert before == after


def test_countries_used(seats):
    # Guard: the member countries of the world are those the fixture made.
    assert Country.objects.members().count() >= 3

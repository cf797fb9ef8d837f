"""The invitation pages of the meeting admin: preview, confirm, the reply board, reminders."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.admin.invitations import InviteConfirmForm
from meetings.invitations.sending import invitation_send_pending
from meetings.invitations.services import invitation_answer, invitation_create
from meetings.models import Invitation
from tests.focal_points.factories import DesignationFactory, FocalPointFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def _invite_url(meeting) -> str:
    return reverse("admin:meetings_meeting_invite", args=[meeting.pk])


def _replies_url(meeting) -> str:
    return reverse("admin:meetings_meeting_replies", args=[meeting.pk])


def test_the_preview_shows_who_is_invited_per_country_and_who_has_nobody(world, login):
    client = login(world["users"]["secretariat"])

    response = client.post(
        _invite_url(world["public"]),
        {"source": "groups", "roles": ["principal", "alternate"], "preview": "1"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    plan = response.context["plan"]
    assert [
        (d.country.iso_code, [i.focal_point for i in d.invitees]) for d in plan.delegations
    ] == [("CR", [world["focal_point_a"]])]
    assert {c.iso_code for c in plan.countries_without_anyone} == {"PA", "MX", "GT"}
    assert 'data-testid="countries-without-anyone"' in body and "Panamá" in body
    # Nothing is written by a preview.
    assert not Invitation.objects.exists()


def test_confirming_the_preview_invites_and_sends_nothing_in_the_request(world, login):
    client = login(world["users"]["secretariat"])
    preview = client.post(
        _invite_url(world["public"]), {"source": "groups", "roles": ["principal"], "preview": "1"}
    )
    signed = preview.context["confirm_form"].initial["invitees"]

    confirmed = client.post(_invite_url(world["public"]), {"invitees": signed, "confirm": "1"})
    again = client.post(_invite_url(world["public"]), {"invitees": signed, "confirm": "1"})

    assert confirmed.status_code == 302 and confirmed["Location"] == _replies_url(world["public"])
    assert again.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.focal_point == world["focal_point_a"]
    assert invitation.participant == world["participant_a"]  # already a participant: reused
    assert invitation.invited_by == world["users"]["secretariat"]
    assert mail.outbox == []


def test_hand_picked_people_are_invited_for_their_own_country(world, login):
    client = login(world["users"]["ppt_current"])
    preview = client.post(
        _invite_url(world["public"]),
        {"source": "people", "focal_points": [world["focal_point_b"].pk], "preview": "1"},
    )

    client.post(
        _invite_url(world["public"]),
        {"invitees": preview.context["confirm_form"].initial["invitees"], "confirm": "1"},
    )

    assert Invitation.objects.get().country == world["country_b"]


@pytest.mark.parametrize(
    "signed",
    [
        "forged",
        InviteConfirmForm.sign(0, [[1, None]]),  # signed for another meeting
    ],
)
def test_a_forged_or_foreign_confirmation_invites_nobody(world, login, signed):
    client = login(world["users"]["secretariat"])

    response = client.post(_invite_url(world["public"]), {"invitees": signed, "confirm": "1"})

    assert response.status_code == 302
    assert not Invitation.objects.exists()


def test_bad_choices_are_form_errors(world, login):
    client = login(world["users"]["secretariat"])

    nobody = client.post(_invite_url(world["public"]), {"source": "people", "preview": "1"})
    no_seat = client.post(_invite_url(world["public"]), {"source": "groups", "preview": "1"})
    no_groups = client.post(
        _invite_url(world["past"]), {"source": "groups", "roles": ["principal"], "preview": "1"}
    )

    assert nobody.context["form"].errors["focal_points"]
    assert no_seat.context["form"].errors["roles"]
    assert no_groups.context["form"].errors["source"]


@pytest.mark.parametrize("role", ["coordinator_of_a", "ppt_former"])
def test_readers_cannot_invite_nor_remind(world, login, role):
    client = login(world["users"][role])

    assert client.post(_invite_url(world["public"]), {"source": "groups"}).status_code == 403
    assert client.post(_replies_url(world["public"]), {"action": "remind"}).status_code == 403
    assert client.get(_replies_url(world["public"])).status_code == 200


def _invite_everyone(world, extra: int = 0):
    for index in range(extra):
        person = FocalPointFactory(institution=InstitutionFactory(country=world["country_b"]))
        DesignationFactory(
            focal_point=person,
            working_group=world["group_a"],
            role="alternate" if index == 0 else "additional",
        )
        invitation_create(meeting=world["public"], invitees=[(person.pk, world["country_b"].pk)])
    invitation_create(
        meeting=world["public"], invitees=[(world["focal_point_a"].pk, world["country_a"].pk)]
    )


def test_the_board_shows_answers_per_delegation(world, login):
    _invite_everyone(world, extra=1)
    invitation_send_pending()
    invitation = Invitation.objects.get(focal_point=world["focal_point_a"])
    invitation_answer(
        invitation=invitation,
        answer="substitute",
        substitute_name="Suplente Ficticia",
        substitute_email="suplente@example.org",
    )
    client = login(world["users"]["coordinator_other"])

    body = client.get(_replies_url(world["public"])).content.decode()

    assert "Suplente Ficticia" in body
    not_answered = body.split('data-testid="countries-not-answered"')[1].split("</p>")[0]
    assert "Panamá" in not_answered and "Costa Rica" not in not_answered
    # Readers see no buttons.
    assert 'value="remind"' not in body


def test_a_reminder_from_the_board_goes_once_a_day(world, login):
    _invite_everyone(world)
    invitation_send_pending()
    mail.outbox.clear()
    client = login(world["users"]["secretariat"])

    client.post(_replies_url(world["public"]), {"action": "remind"})
    client.post(_replies_url(world["public"]), {"action": "remind"})
    invitation_send_pending()
    invitation_send_pending()

    assert len(mail.outbox) == 1
    assert Invitation.objects.get().reminded_at is not None


def test_no_reminder_after_registration_closed(world, login):
    _invite_everyone(world)
    invitation_send_pending()
    world["public"].registration_closes_on = timezone.localdate() - datetime.timedelta(days=1)
    world["public"].save()
    client = login(world["users"]["secretariat"])

    response = client.post(_replies_url(world["public"]), {"action": "remind"}, follow=True)

    assert Invitation.objects.get().reminded_at is None
    assert any("cerró" in str(m) for m in response.context["messages"])


def test_the_board_keeps_its_query_count_as_invitations_grow(world, login, count_queries):
    client = login(world["users"]["secretariat"])
    url = _replies_url(world["public"])
    _invite_everyone(world, extra=1)
    client.get(url)
    few = count_queries(lambda: client.get(url))

    _invite_everyone(world, extra=12)
    many = count_queries(lambda: client.get(url))

    assert few == many

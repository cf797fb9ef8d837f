"""Invite people to a meeting, record their answers, ask for reminders, send again."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from focal_points.models import FocalPoint
from meetings.models import Invitation, Meeting, Participant

# Never two reminders to one person within this time.
REMINDER_INTERVAL = timedelta(days=1)


class RegistrationClosed(ValidationError):
    """The meeting no longer takes answers."""


def _closed_message(meeting: Meeting) -> str:
    if meeting.is_cancelled:
        return _("This meeting was cancelled: answers can no longer be given or changed.")
    return _("Registration for this meeting closed on %(day)s.") % {
        "day": meeting.registration_deadline.strftime("%Y-%m-%d")
    }


@transaction.atomic
def invitation_create(
    *, meeting: Meeting, invitees: list[tuple[int, int | None]], user=None
) -> list[Invitation]:
    """Invite people (focal point id, delegation country id): an invitation and a participant each.

    People already invited, and people no longer active, are left out; the e-mails are sent
    later by invitation_send_pending().
    """
    # The meeting's row lock makes two confirmations of the same preview wait for each other;
    # the unique constraint (meeting, person) is the guard of last resort.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    countries = dict(invitees)
    wanted_ids = set(
        FocalPoint.objects.active().filter(pk__in=countries).values_list("pk", flat=True)
    ) - set(
        meeting.invitations.filter(focal_point_id__in=countries).values_list(
            "focal_point_id", flat=True
        )
    )
    if not wanted_ids:
        return []
    now = timezone.now()
    existing = {
        participant.focal_point_id: participant
        for participant in meeting.participants.filter(focal_point_id__in=wanted_ids)
    }
    new_participants = [
        Participant(
            meeting=meeting,
            focal_point_id=pk,
            delegation_country_id=countries[pk],
            role=Participant.Role.DELEGATE,
            invited_at=now,
        )
        for pk in sorted(wanted_ids)
        if pk not in existing
    ]
    Participant.objects.bulk_create(new_participants)
    Participant.objects.filter(pk__in=[p.pk for p in existing.values()]).update(invited_at=now)
    participants = {**existing, **{p.focal_point_id: p for p in new_participants}}
    invitations = [
        Invitation(
            meeting=meeting,
            focal_point_id=pk,
            country_id=countries[pk],
            participant=participants[pk],
            invited_by=user if getattr(user, "pk", None) else None,
        )
        for pk in sorted(wanted_ids)
    ]
    return Invitation.objects.bulk_create(invitations)


def _substitute_participant(invitation: Invitation, name: str, email: str) -> Participant:
    meeting = invitation.meeting
    email = email.strip()
    person = FocalPoint.objects.active().with_email(email).first()
    if person is not None and person.pk == invitation.focal_point_id:
        raise ValidationError(
            {"substitute_email": _("Give the e-mail of the person who comes instead.")}
        )
    participant = Participant(
        meeting=meeting,
        role=Participant.Role.DELEGATE,
        focal_point=person,
        guest_name="" if person else name.strip(),
        guest_email="" if person else email,
        delegation_country=invitation.country,
    )
    try:
        participant.full_clean()
    except ValidationError as error:
        raise ValidationError({"substitute_email": error.messages}) from None
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError:
        raise ValidationError(
            {"substitute_email": _("This person is already on the meeting's list of participants.")}
        ) from None
    return participant


@transaction.atomic
def invitation_answer(
    *,
    invitation: Invitation,
    answer: str,
    substitute_name: str = "",
    substitute_email: str = "",
    today: date | None = None,
) -> Invitation:
    """Record (or change) an invitee's answer while registration is open."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("meeting", "substitute")
        .get(pk=invitation.pk)
    )
    if not invitation.meeting.registration_open(today):
        raise RegistrationClosed(_closed_message(invitation.meeting))
    if answer not in Invitation.Answer.values:
        raise ValidationError(_("Choose one of the answers."))
    previous = invitation.substitute
    same_substitute = (
        previous is not None
        and answer == Invitation.Answer.SUBSTITUTE
        and previous.email.lower() == substitute_email.strip().lower()
    )
    if previous is not None and not same_substitute:
        invitation.substitute = None
        invitation.save(update_fields=["substitute"])
        previous.delete()
    if answer == Invitation.Answer.SUBSTITUTE and not same_substitute:
        if not substitute_name.strip() or not substitute_email.strip():
            raise ValidationError(_("Give the name and e-mail of the person who comes."))
        invitation.substitute = _substitute_participant(
            invitation, substitute_name, substitute_email
        )
    invitation.answer = answer
    invitation.answered_at = timezone.now()
    # An answer makes any reminder still waiting pointless: the row leaves the queue. (A
    # sender holding the row finishes first; the condition then no longer matches.)
    invitation.reminder_due = False
    invitation.save(update_fields=["answer", "answered_at", "reminder_due", "substitute"])
    Invitation.objects.filter(
        pk=invitation.pk, state=Invitation.State.QUEUED, sent_at__isnull=False
    ).update(state=Invitation.State.SENT, next_attempt_at=None, error="")
    return invitation


def invitation_remind(*, meeting: Meeting, now: datetime | None = None) -> int:
    """Ask for a reminder to everyone sent an invitation who has not answered; return how many.

    One conditional UPDATE: a person reminded within the last day is left out, so two staff
    members pressing the button at once still remind each person once.
    """
    now = now or timezone.now()
    if not meeting.registration_open(timezone.localdate(now)):
        raise RegistrationClosed(_closed_message(meeting))
    return (
        Invitation.objects.filter(
            meeting=meeting, answer="", state=Invitation.State.SENT, reminder_due=False
        )
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMINDER_INTERVAL))
        # A reminder is a second sending of the row: queued again, with fresh attempts.
        .update(
            reminded_at=now,
            reminder_due=True,
            state=Invitation.State.QUEUED,
            attempts=0,
            next_attempt_at=None,
            error="",
        )
    )


def invitation_retry_failed(*, meeting: Meeting) -> int:
    """Put the invitations whose sending failed or bounced back in line; return how many."""
    return Invitation.objects.filter(
        meeting=meeting, state__in=[Invitation.State.FAILED, Invitation.State.BOUNCED]
    ).update(state=Invitation.State.QUEUED, error="", attempts=0, next_attempt_at=None)

"""Builders and mail backends the circular tests share."""

import os
import signal
import smtplib
from pathlib import Path

from django.core.mail.backends.locmem import EmailBackend

from meetings.circulars.services import circular_create
from meetings.models import Circular
from tests.focal_points.factories import DesignationFactory, FocalPointFactory, WorkingGroupFactory

# Addresses the refusing backend refuses for a while (451: try again later).
REFUSED: set[str] = set()
# How many e-mails the killed backend accepts before its worker "dies".
KILL_AFTER = {"count": None}


class RefusingBackend(EmailBackend):
    """The in-memory backend, refusing the addresses in REFUSED with a transient 451."""

    def send_messages(self, messages):
        for message in messages:
            if message.to[0] in REFUSED:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (451, b"4.7.1 Try later")})
        return super().send_messages(messages)


class KilledBackend(EmailBackend):
    """The in-memory backend whose process is killed just after the server took the Nth e-mail."""

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        from django.core import mail

        if KILL_AFTER["count"] is not None and len(mail.outbox) >= KILL_AFTER["count"]:
            KILL_AFTER["count"] = None
            # What a SIGKILL looks like to the code: nothing after this line runs.
            raise SystemExit("worker killed")
        return sent


class KilledMidConversationBackend(EmailBackend):
    """The in-memory backend whose process is killed while the server takes the Nth e-mail."""

    def send_messages(self, messages):
        from django.core import mail

        if KILL_AFTER["count"] is not None and len(mail.outbox) + 1 >= KILL_AFTER["count"]:
            KILL_AFTER["count"] = None
            # Killed before the server's final "250 OK": the server drops the message.
            raise SystemExit("worker killed")
        return super().send_messages(messages)


def group_with_people(count: int, *, languages=("es", "en")):
    """A working group with `count` principals, their preferred languages alternating."""
    group = WorkingGroupFactory()
    people = []
    for index in range(count):
        person = FocalPointFactory(preferred_language=languages[index % len(languages)])
        DesignationFactory(focal_point=person, working_group=group)
        people.append(person)
    return group, people


def draft(*, groups=(), countries=(), documents=(), **fields) -> Circular:
    """A bilingual draft circular to the given groups and countries."""
    values = {
        "subject_es": "Convocatoria a consulta",
        "subject_en": "Call for consultation",
        "body_es": "Estimados puntos focales:\nLes escribimos en español.",
        "body_en": "Dear focal points,\nWe write to you in English.",
        **fields,
    }
    return circular_create(
        circular=Circular(**values),
        working_groups=groups,
        countries=countries,
        documents=documents,
    )


class SigkilledBackend(EmailBackend):
    """Files each e-mail in KILLED_WORKER_OUTBOX; SIGKILLs its own process at the Nth one.

    KILLED_WORKER_AFTER=N and KILLED_WORKER_WHEN: "taken" kills just after the Nth e-mail is
    filed (the server took it), "on_the_wire" just before (the server never had it). Used by
    tests/meetings/killed_worker.py, a worker process of its own.
    """

    def send_messages(self, messages):
        outbox = Path(os.environ["KILLED_WORKER_OUTBOX"])
        after, when = int(os.environ["KILLED_WORKER_AFTER"]), os.environ["KILLED_WORKER_WHEN"]
        for message in messages:
            number = len(list(outbox.iterdir())) + 1
            if when == "on_the_wire" and number == after:
                os.kill(os.getpid(), signal.SIGKILL)
            (outbox / f"{number:04d}.eml").write_bytes(message.message().as_bytes())
            if when == "taken" and number == after:
                os.kill(os.getpid(), signal.SIGKILL)
        return len(messages)

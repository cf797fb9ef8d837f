"""A worker really killed (SIGKILL, in a process of its own) while sending a circular: the
next run sends the rest, and only an e-mail the server had taken can arrive twice."""

import email
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection

from meetings.circulars.sending import circular_send_pending
from meetings.circulars.services import circular_queue
from meetings.models import Circular, CircularDelivery
from tests.meetings.circular_helpers import draft, group_with_people

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def killed_worker(outbox: Path, *, after: int, when: str) -> list[email.message.Message]:
    """Run the worker in a process of its own until its SIGKILL; return what it filed."""
    outbox.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crm_portal.settings.test",
        "KILLED_WORKER_DATABASE": connection.settings_dict["NAME"],
        "KILLED_WORKER_OUTBOX": str(outbox),
        "KILLED_WORKER_AFTER": str(after),
        "KILLED_WORKER_WHEN": when,
    }
    worker = subprocess.run(
        [sys.executable, "-m", "tests.meetings.killed_worker"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert worker.returncode == -signal.SIGKILL, worker.stderr
    return [email.message_from_bytes(path.read_bytes()) for path in sorted(outbox.iterdir())]


@pytest.mark.parametrize("when", ["taken", "on_the_wire"])
def test_a_worker_killed_mid_circular_resumes_and_only_an_email_taken_can_go_twice(tmp_path, when):
    group, people = group_with_people(12)
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    filed = killed_worker(tmp_path / "outbox", after=5, when=when)
    # Four rows were committed as sent before the fifth e-mail; the kill rolled back its row.
    assert CircularDelivery.objects.filter(circular=circular, state="sent").count() == 4
    assert len(filed) == (5 if when == "taken" else 4)
    report = circular_send_pending()
    assert report.sent == 8
    assert CircularDelivery.objects.filter(circular=circular, state="sent").count() == 12
    assert Circular.objects.get(pk=circular.pk).status == Circular.Status.SENT
    counts = Counter([message["To"] for message in filed] + [m.to[0] for m in mail.outbox])
    assert set(counts) == {person.email for person in people}
    twice = {address for address, n in counts.items() if n > 1}
    if when == "taken":
        # The one the server took as the worker died: sent again, with the same Message-ID.
        assert twice == {filed[4]["To"]}
        again = next(m for m in mail.outbox if m.to[0] == filed[4]["To"])
        assert again.extra_headers["Message-ID"] == filed[4]["Message-ID"]
    else:
        assert twice == set()
    assert circular_send_pending().total == 0

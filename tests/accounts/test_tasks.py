"""The verification cycle on the task queue: scheduled by migrate, safe to run twice."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_q.models import Schedule, Success

from accounts.tasks import (
    VERIFICATION_SCHEDULE,
    VERIFICATION_TASK,
    verification_cycle,
    verification_schedule_sync,
)
from core.tasks import task_enqueue
from focal_points.models import VerificationRequest
from tests.focal_points.factories import FocalPointFactory
from tests.queue_helpers import run_queued_tasks

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 1)


def test_migrate_puts_the_verification_cycle_on_a_monthly_schedule():
    # The test database was built by migrate: its post_migrate hook wrote the schedule.
    schedule = Schedule.objects.get(name=VERIFICATION_SCHEDULE)
    assert schedule.func == VERIFICATION_TASK
    assert schedule.schedule_type == Schedule.CRON
    assert schedule.cron == "0 6 1 * *"
    assert schedule.repeats == -1
    next_run = timezone.localtime(schedule.next_run)
    assert (next_run.day, next_run.hour) == (1, 6)
    assert schedule.next_run > timezone.now()


def test_the_period_is_a_setting(settings):
    settings.VERIFICATION_CYCLE = "quarterly"
    verification_schedule_sync()
    assert Schedule.objects.get(name=VERIFICATION_SCHEDULE).cron == "0 6 1 1,4,7,10 *"


def test_a_period_that_means_nothing_stops_migrate_with_the_setting_s_name(settings):
    settings.VERIFICATION_CYCLE = "every so often"
    with pytest.raises(ImproperlyConfigured, match="VERIFICATION_CYCLE"):
        verification_schedule_sync()


def test_the_cycle_run_by_a_worker_asks_stale_entries_once_even_when_run_twice():
    stale = FocalPointFactory(last_verified_on=LONG_AGO)
    FocalPointFactory()  # verified today

    task_enqueue(VERIFICATION_TASK, name="cycle-1")
    task_enqueue(VERIFICATION_TASK, name="cycle-2")
    assert run_queued_tasks() == 2

    # The second run finds the person asked minutes ago and sends nothing.
    assert [message.to for message in mail.outbox] == [[stale.email]]
    assert VerificationRequest.objects.filter(focal_point=stale).count() == 1
    results = dict(Success.objects.values_list("name", "result"))
    assert results == {"cycle-1": {"sent": 1, "failed": 0}, "cycle-2": {"sent": 0, "failed": 0}}


def test_the_cycle_reports_a_refused_address_and_keeps_going(monkeypatch):
    FocalPointFactory(last_verified_on=LONG_AGO)
    FocalPointFactory(last_verified_on=LONG_AGO)
    calls = []

    def refuse_the_first(*, focal_point):
        calls.append(focal_point)
        if len(calls) == 1:
            raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("accounts.services.verification_request_send", refuse_the_first)

    assert verification_cycle() == {"sent": 1, "failed": 1}

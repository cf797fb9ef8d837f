"""The task queue: kept in the portal's Postgres on psycopg2; a dead worker's task runs again."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import OrmQ, Schedule, Success

from core.tasks import cron_for, next_run_of, rows_claim_each, schedule_ensure, task_enqueue
from tests.queue_helpers import run_queued_tasks

pytestmark = pytest.mark.django_db


def test_django_talks_to_postgres_through_psycopg2():
    # Procrastinate's install brings psycopg 3, and Django then switches driver silently.
    assert connection.Database.__name__ == "psycopg2"


def test_a_queued_task_is_a_row_of_the_portal_database_run_by_a_worker():
    task_enqueue("django.utils.timezone.now", name="probe")
    assert OrmQ.objects.count() == 1

    assert run_queued_tasks() == 1

    assert OrmQ.objects.count() == 0
    assert Success.objects.filter(name="probe").count() == 1


def test_a_task_whose_worker_died_is_handed_out_again_when_its_lease_ends():
    task_enqueue("django.utils.timezone.now", name="orphan")
    broker = get_broker()
    # A worker claims the task and dies before acknowledging it (nothing else happens).
    claimed = broker.dequeue()
    assert len(claimed) == 1

    # While the lease holds, no other worker receives it...
    assert run_queued_tasks() == 0
    # ... and once it has run out, the next worker runs the task.
    OrmQ.objects.update(lock=timezone.now() - timedelta(seconds=1))
    assert run_queued_tasks() == 1
    assert Success.objects.filter(name="orphan").count() == 1
    assert OrmQ.objects.count() == 0


def test_the_lease_outlasts_the_task_timeout(settings):
    # Otherwise a slow task would be handed to a second worker while the first still runs it.
    assert settings.Q_CLUSTER["retry"] > settings.Q_CLUSTER["timeout"]


def test_claiming_rows_handles_each_once_even_when_run_again(django_user_model):
    for number in range(3):
        django_user_model.objects.create(username=f"claim-{number}", first_name="")
    pending = django_user_model.objects.filter(username__startswith="claim-", first_name="")

    def mark(user):
        user.first_name = "done"
        user.save(update_fields=["first_name"])

    assert rows_claim_each(pending, handle=mark) == 3
    assert rows_claim_each(pending, handle=mark) == 0


@pytest.mark.django_db(transaction=True)
def test_claiming_skips_rows_another_worker_holds(django_user_model):
    # A row locked by another worker's transaction is left to it, not waited on.
    django_user_model.objects.create(username="claim-held", first_name="")
    pending = django_user_model.objects.filter(username="claim-held", first_name="")
    held, release, counted = threading.Event(), threading.Event(), []

    def other_worker():
        with transaction.atomic():
            list(pending.select_for_update())
            held.set()
            release.wait(10)
        connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    held.wait(10)
    try:
        counted.append(rows_claim_each(pending, handle=lambda user: None, limit=1))
    finally:
        release.set()
        thread.join()
    assert counted == [0]


@pytest.mark.parametrize(
    ("period", "cron"),
    [("monthly", "0 6 1 * *"), ("Weekly", "0 6 * * 1"), ("30 5 * * 2", "30 5 * * 2")],
)
def test_a_period_is_a_name_or_a_cron_expression(period, cron):
    assert cron_for(period) == cron


def test_a_period_that_is_neither_is_refused():
    with pytest.raises(ValueError):
        cron_for("fortnightly-ish")


def test_a_schedule_is_created_once_and_follows_a_new_period():
    first = schedule_ensure(name="probe-schedule", func="django.utils.timezone.now", period="daily")
    again = schedule_ensure(name="probe-schedule", func="django.utils.timezone.now", period="daily")
    assert again.pk == first.pk and again.next_run == first.next_run

    moved = schedule_ensure(
        name="probe-schedule", func="django.utils.timezone.now", period="yearly"
    )

    assert Schedule.objects.filter(name="probe-schedule").count() == 1
    assert moved.cron == "0 6 1 1 *"
    assert moved.next_run == next_run_of("0 6 1 1 *")
    assert timezone.localtime(moved.next_run).strftime("%m-%d %H:%M") == "01-01 06:00"

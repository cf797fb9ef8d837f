"""Generic helpers of the task queue (django-q2, ORM broker): enqueue, claim rows, schedule.

Every task may run more than once (a worker that dies leaves its task to be handed out again
when its lease ends), so work is written as "claim a row that still needs doing, do it, mark
it done" in one transaction per row: a second run finds nothing left to claim.
"""

from collections.abc import Callable
from datetime import datetime

from croniter import croniter
from django.db import models, transaction
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task

# Named periods of a schedule, as cron expressions (06:00 local time).
PERIODS = {
    "daily": "0 6 * * *",
    "weekly": "0 6 * * 1",
    "monthly": "0 6 1 * *",
    "quarterly": "0 6 1 1,4,7,10 *",
    "yearly": "0 6 1 1 *",
}


def task_enqueue(func: str, *args, name: str = "", **kwargs) -> str:
    """Queue a call of the dotted function func(*args, **kwargs) and return the task id."""
    # The ORM broker writes the task in the caller's transaction: a worker sees it only once
    # the rows it refers to are committed, and never if the transaction rolls back.
    options = {"task_name": name} if name else {}
    return async_task(func, *args, q_options=options, **kwargs)


def rows_claim_each(
    queryset: models.QuerySet, *, handle: Callable[[models.Model], None], limit: int | None = None
) -> int:
    """Lock, handle and commit the queryset's rows one at a time; return how many were handled.

    Rows another worker holds are skipped (SKIP LOCKED), so several workers share the rows
    without waiting on each other. handle() must change the row so that the queryset no
    longer matches it (e.g. status queued -> sent): a task that runs again then handles
    only what was left undone. A worker killed mid-row rolls that row back: it is handled
    again by the next run.
    """
    handled = 0
    while limit is None or handled < limit:
        with transaction.atomic():
            row = queryset.select_for_update(skip_locked=True).order_by("pk").first()
            if row is None:
                break
            handle(row)
        handled += 1
    return handled


def cron_for(period: str) -> str:
    """Return the cron expression of a named period, or the period itself if it is one."""
    cron = PERIODS.get(period.strip().lower(), period.strip())
    if not croniter.is_valid(cron):
        raise ValueError(f"Not a period or a cron expression: {period!r}")
    return cron


def next_run_of(cron: str, after: datetime | None = None) -> datetime:
    """Return the next time a cron expression fires after a moment, in local time."""
    start = timezone.localtime(after or timezone.now())
    return croniter(cron, start).get_next(datetime)


def schedule_ensure(*, name: str, func: str, period: str) -> Schedule:
    """Create the named periodic task, or update its function and period if they changed."""
    cron = cron_for(period)
    schedule = Schedule.objects.filter(name=name).first()
    if schedule is None:
        return Schedule.objects.create(
            name=name,
            func=func,
            schedule_type=Schedule.CRON,
            cron=cron,
            repeats=-1,
            next_run=next_run_of(cron),
        )
    if (schedule.func, schedule.schedule_type, schedule.cron) != (func, Schedule.CRON, cron):
        schedule.func = func
        schedule.schedule_type = Schedule.CRON
        schedule.cron = cron
        schedule.next_run = next_run_of(cron)
        schedule.save()
    return schedule

"""A circular to 2,000 recipients through the task queue, on the in-memory mail backend.

Times the preview (recipients resolved), the queueing (2,000 delivery rows), and the sending:
the task circular_queue() put on django-q2's queue, run by a worker of django-q2's own code
(pusher, worker, monitor) in this process while a second sender runs in a thread (as the
schedule's run would on another machine). Checks that every row is sent and nobody twice.
"""

import threading
import time
from collections import Counter
from datetime import date
from multiprocessing import Value
from queue import Queue
from threading import Event

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_q.brokers import get_broker
from django_q.monitor import monitor
from django_q.pusher import pusher
from django_q.worker import worker

from bench.harness import report
from focal_points.demo import MEMBERS
from focal_points.models import Country, Designation, FocalPoint, Institution, WorkingGroup
from meetings.circulars.recipients import circular_recipients
from meetings.circulars.sending import circular_send_pending
from meetings.circulars.services import circular_create, circular_queue
from meetings.models import Circular, CircularDelivery

PEOPLE = 2000
TARGET_SECONDS = 60


def _group() -> WorkingGroup:
    """One group of 2,000 people in the eleven member countries, languages alternating."""
    countries = Country.objects.bulk_create(
        Country(iso_code=iso, name_es=es, name_en=en, status="member") for iso, es, en in MEMBERS
    )
    group = WorkingGroup.objects.create(name_es="Grupo", slug="grupo", kind="working_group")
    institutions = Institution.objects.bulk_create(
        Institution(name_es=f"Ministerio ({c.iso_code})", kind="foreign_affairs", country=c)
        for c in countries
    )
    people = FocalPoint.objects.bulk_create(
        FocalPoint(
            given_name=f"Persona {n}",
            family_name="Ficticia",
            email=f"persona{n}@example.org",
            institution=institutions[n % len(institutions)],
            preferred_language="es" if n % 2 else "en",
        )
        for n in range(PEOPLE)
    )
    Designation.objects.bulk_create(
        Designation(
            focal_point=person,
            working_group=group,
            country=institutions[n % len(institutions)].country,
            # One principal per country's seat; everyone else an additional contact.
            role="principal" if n < len(institutions) else "additional",
            starts_on=date(2024, 1, 1),
        )
        for n, person in enumerate(people)
    )
    return group


def _run_queue_once() -> int:
    """Hand out and run the queue's tasks with django-q2's own pusher, worker and monitor."""
    broker = get_broker()
    ran = 0
    while True:
        task_queue, result_queue, stop = Queue(), Queue(), Event()
        stop.set()
        pusher(task_queue, stop, broker=broker)
        if task_queue.empty():
            return ran
        task_queue.put("STOP")
        worker(task_queue, result_queue, Value("f", -1))
        result_queue.put("STOP")
        monitor(result_queue, broker=broker)
        ran += 1


def _second_sender(results: list) -> None:
    try:
        results.append(circular_send_pending().sent)
    finally:
        connection.close()


def run() -> None:
    """Queue a circular to 2,000 people and send it through the queue; none sent twice."""
    group = _group()
    rows = []
    circular = circular_create(
        circular=Circular(
            subject_es="Circular de referencia",
            subject_en="Benchmark circular",
            body_es="Texto de la circular.\n" * 20,
            body_en="Text of the circular.\n" * 20,
            asks_confirmation=True,
            confirm_within_days=14,
        ),
        working_groups=[group],
    )
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as preview_queries:
        recipients = circular_recipients(circular)
    rows.append(
        f"preview of {recipients.count} recipients: {time.perf_counter() - started:.2f} s, "
        f"{len(preview_queries.captured_queries)} SQL queries"
    )
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queue_queries:
        queued = circular_queue(circular=circular)
    rows.append(
        f"queued {queued} delivery rows: {time.perf_counter() - started:.2f} s, "
        f"{len(queue_queries.captured_queries)} SQL queries"
    )

    mail.outbox = []
    started = time.perf_counter()
    second: list[int] = []
    thread = threading.Thread(target=_second_sender, args=(second,))
    thread.start()
    tasks = _run_queue_once()
    thread.join()
    elapsed = time.perf_counter() - started
    counts = Counter(message.to[0] for message in mail.outbox)
    sent_rows = CircularDelivery.objects.filter(circular=circular, state="sent").count()
    twice = sum(1 for n in counts.values() if n > 1)
    rows.append(
        f"sent through the queue ({tasks} task(s) on a django-q2 worker, and a second sender "
        f"in a thread that took {second[0] if second else 0} rows): {elapsed:.2f} s, "
        f"{PEOPLE / elapsed:.0f} e-mails per second"
    )
    rows.append(
        f"rows sent: {sent_rows} of {PEOPLE}; e-mails: {len(mail.outbox)}, "
        f"distinct recipients {len(counts)}, sent twice: {twice}"
    )
    again = circular_send_pending().total
    circular.refresh_from_db()
    rows.append(f"a further run sent {again}; circular status: {circular.status}")
    verdict = "OK" if elapsed < TARGET_SECONDS else "TOO SLOW"
    rows.append(f"target < {TARGET_SECONDS} s: {verdict}")
    report(f"A circular to {PEOPLE} recipients", rows)
    assert sent_rows == PEOPLE and len(mail.outbox) == PEOPLE and twice == 0, rows
    assert again == 0 and circular.status == Circular.Status.SENT
    if elapsed >= TARGET_SECONDS:
        raise AssertionError(f"sending took {elapsed:.2f} s")

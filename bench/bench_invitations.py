"""Invitations to 500 people: preview, record, send and the reply board, timed apart.

Runs the admin's code path: invitation_plan() for the preview (every member country's
principal and alternate in five groups), invitation_create() for the confirmation, then
invitation_send_pending() with the in-memory mail backend, and the reply board's query count.
"""

import time
from datetime import date, timedelta

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from bench.harness import report
from focal_points.demo import MEMBERS
from focal_points.models import Country, Designation, FocalPoint, Institution, WorkingGroup
from meetings.invitations.plan import invitation_plan, reply_board
from meetings.invitations.sending import invitation_send_pending
from meetings.invitations.services import invitation_create
from meetings.models import Invitation, Meeting

PEOPLE = 500
GROUPS = 5
TARGET_SECONDS = 10


def _directory() -> Meeting:
    """Five groups, eleven member countries, 500 people holding principal or alternate seats."""
    countries = Country.objects.bulk_create(
        Country(iso_code=iso, name_es=es, name_en=en, status="member") for iso, es, en in MEMBERS
    )
    groups = WorkingGroup.objects.bulk_create(
        WorkingGroup(name_es=f"Grupo {n}", slug=f"grupo-{n}", kind="working_group")
        for n in range(GROUPS)
    )
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
    # One seat each; a seat's principal is unique per country and group, so most people are
    # alternates: the plan reads both roles alike.
    seats = []
    taken = set()
    for n, person in enumerate(people):
        country = institutions[n % len(institutions)].country
        group = groups[(n // len(institutions)) % GROUPS]
        role = "alternate" if (country.pk, group.pk) in taken else "principal"
        taken.add((country.pk, group.pk))
        seats.append(
            Designation(
                focal_point=person,
                working_group=group,
                country=country,
                role=role,
                starts_on=date(2024, 1, 1),
            )
        )
    Designation.objects.bulk_create(seats)
    meeting = Meeting.objects.create(
        kind="working_group",
        title_es="Reunión de referencia",
        title_en="Benchmark meeting",
        slug="reunion-de-referencia",
        starts_on=date.today() + timedelta(days=30),
        ends_on=date.today() + timedelta(days=31),
    )
    meeting.working_groups.set(groups)
    return meeting


def run() -> None:
    """Prepare and record invitations to 500 people; send them; read the reply board."""
    meeting = _directory()
    rows = []
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as preview_queries:
        plan = invitation_plan(meeting=meeting)
    previewed = time.perf_counter()
    with CaptureQueriesContext(connection) as create_queries:
        created = invitation_create(meeting=meeting, invitees=plan.new_invitees)
    recorded = time.perf_counter()
    total = recorded - started
    assert len(created) == PEOPLE, len(created)
    rows.append(
        f"preview of {len(plan.new_invitees)} people: {previewed - started:.2f} s, "
        f"{len(preview_queries.captured_queries)} SQL queries"
    )
    rows.append(
        f"recorded {len(created)} invitations and participants: {recorded - previewed:.2f} s, "
        f"{len(create_queries.captured_queries)} SQL queries"
    )
    verdict = "OK" if total < TARGET_SECONDS else "TOO SLOW"
    rows.append(f"prepared and recorded: {total:.2f} s (target < {TARGET_SECONDS} s) {verdict}")

    mail.outbox = []
    sending_started = time.perf_counter()
    sent = invitation_send_pending()
    sending = time.perf_counter() - sending_started
    rows.append(
        f"sent {sent.invitations} e-mails (text, HTML, .ics; in-memory backend): {sending:.2f} s, "
        f"{PEOPLE / sending:.0f} per second; a second run sent {invitation_send_pending().total}"
    )
    assert len(mail.outbox) == PEOPLE
    assert not Invitation.objects.exclude(state="sent").exists()

    staff = User.objects.create(username="bench-staff", is_staff=True)
    with CaptureQueriesContext(connection) as board_queries:
        board_started = time.perf_counter()
        board = reply_board(meeting=meeting, user=staff)
        board_time = time.perf_counter() - board_started
    rows.append(
        f"reply board of {board.counts['invited']} invitations: {board_time * 1000:.0f} ms, "
        f"{len(board_queries.captured_queries)} SQL queries"
    )
    report(f"Invitations to {PEOPLE} people", rows)
    if total >= TARGET_SECONDS:
        raise AssertionError(f"preparing and recording took {total:.2f} s")

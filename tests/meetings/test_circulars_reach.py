"""The communication test: the confirm link, the deadline, "unreachable", the admin's lists."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django_q.models import Schedule

from core.history.labels import reason_label
from focal_points.models import FocalPoint
from meetings.circulars.links import circular_confirm_token, circular_delivery_from_token
from meetings.circulars.reach import (
    TEST_MISSED,
    circular_deadlines_close,
    circular_delivery_confirm_receipt,
)
from meetings.circulars.sending import circular_send_pending
from meetings.circulars.services import circular_queue
from meetings.models import CircularDelivery
from meetings.tasks import DEADLINE_SCHEDULE, DEADLINE_TASK, circulars_deadlines_close
from tests.meetings.circular_helpers import draft, group_with_people

pytestmark = pytest.mark.django_db

QUEUED = datetime.datetime(2026, 4, 6, 9, 0, tzinfo=datetime.UTC)
DEADLINE = datetime.date(2026, 4, 13)  # queued on the 6th, seven days to confirm
AFTER = datetime.datetime(2026, 4, 14, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    """Every test starts an hour after the test went out (links are dated when signed)."""
    with time_machine.travel(QUEUED + datetime.timedelta(hours=1), tick=False):
        yield


def _test_sent(people_count=3, *, groups=None, when=QUEUED, days=7):
    """A communication test to a group, queued and sent at `when`; return it and its people."""
    with time_machine.travel(when, tick=False):
        if groups is None:
            group, people = group_with_people(people_count)
            groups = [group]
        else:
            people = []
        circular = draft(groups=groups, asks_confirmation=True, confirm_within_days=days)
        circular_queue(circular=circular)
        circular_send_pending(circular=circular)
    circular.refresh_from_db()
    return circular, people


def _url(delivery, language="es"):
    return f"/{language}/meetings/circulars/confirm/{circular_confirm_token(delivery)}/"


def _delivery(circular, person):
    return CircularDelivery.objects.get(circular=circular, focal_point=person)


def test_the_email_carries_the_link_and_the_link_confirms_once_without_signing_in(client):
    circular, people = _test_sent(2)
    assert circular.confirm_by == DEADLINE
    delivery = _delivery(circular, people[0])
    (message,) = [m for m in mail.outbox if m.to == [delivery.email]]
    link = re.search(r"https?://\S+/meetings/circulars/confirm/\S+/", message.body).group(0)
    assert circular_delivery_from_token(link.rstrip("/").rsplit("/", 1)[1]) == delivery
    # GET changes nothing (a mail scanner opening the link confirms nothing).
    page = client.get(_url(delivery))
    assert page.status_code == 200 and '<form method="post">' in page.text
    delivery.refresh_from_db()
    assert delivery.confirmed_at is None
    # The button records the time once; a second press keeps the first time.
    with time_machine.travel(QUEUED + datetime.timedelta(days=1), tick=False):
        first = client.post(_url(delivery))
    client.post(_url(delivery))
    delivery.refresh_from_db()
    assert first.status_code == 200 and 'data-testid="confirmed"' in first.text
    assert delivery.confirmed_at == QUEUED + datetime.timedelta(days=1)
    assert circular_delivery_confirm_receipt(delivery=delivery) is False


@pytest.mark.parametrize(
    "token",
    ["nonsense", "", "x" * 5000, "MQ:1u2v3w:abcdefghijklmnopqrstuvwxyz0", "%00", "..%2f..%2f"],
)
def test_a_bad_or_tampered_link_is_not_found(client, token):
    circular, people = _test_sent(1)
    genuine = circular_confirm_token(_delivery(circular, people[0]))
    if token == "":
        token = genuine[:-2] + ("aa" if not genuine.endswith("aa") else "bb")  # tampered
    for method in (client.get, client.post):
        response = method(f"/es/meetings/circulars/confirm/{token}/")
        assert response.status_code == 404
    assert not CircularDelivery.objects.filter(confirmed_at__isnull=False).exists()


def test_a_circular_that_asked_nothing_has_no_confirm_page(client):
    group, people = group_with_people(1)
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    delivery = _delivery(circular, people[0])
    assert client.get(_url(delivery)).status_code == 404


def test_an_old_link_has_expired_and_says_so(client, settings):
    circular, people = _test_sent(1)
    delivery = _delivery(circular, people[0])
    url = _url(delivery, "en")
    with time_machine.travel(QUEUED + datetime.timedelta(days=181), tick=False):
        response = client.post(url)
    assert response.status_code == 410 and "expired" in response.text
    delivery.refresh_from_db()
    assert delivery.confirmed_at is None


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "focal_point_a",
        "focal_point_b",
        "coordinator_of_a",
        "coordinator_other",
        "ppt_current",
        "ppt_former",
        "secretariat",
    ],
)
def test_the_confirm_page_answers_every_role_alike_the_link_is_the_key(world, login, role):
    circular, people = _test_sent(1)
    client = login(world["users"][role])
    delivery = _delivery(circular, people[0])
    assert client.get(_url(delivery)).status_code == 200
    assert client.get(_url(delivery)[:-3] + "zz/").status_code == 404


def test_after_the_deadline_those_who_did_not_confirm_are_unreachable_once(
    django_assert_max_num_queries,
):
    circular, (confirmed, silent, refused) = _test_sent(3)
    CircularDelivery.objects.filter(circular=circular, focal_point=refused).update(
        state="bounced", bounced_at=QUEUED
    )
    circular_delivery_confirm_receipt(delivery=_delivery(circular, confirmed))
    # Before the deadline (and on its day) nobody is marked.
    assert circular_deadlines_close(today=DEADLINE) == 0
    # The day after: the silent and the bounced address, with the deadline as the day.
    assert circular_deadlines_close(today=DEADLINE + datetime.timedelta(days=1)) == 2
    assert circular_deadlines_close(today=DEADLINE + datetime.timedelta(days=2)) == 0
    marked = dict(FocalPoint.objects.unreachable().values_list("pk", "unreachable_since"))
    assert marked == {silent.pk: DEADLINE, refused.pk: DEADLINE}
    # History says why.
    event = silent.events.order_by("-pgh_id").first()
    # History says why, in the reader's language (a code is stored, not a sentence).
    assert event.pgh_context.metadata["reason"] == TEST_MISSED
    with translation.override("en"):
        assert reason_label(TEST_MISSED) == "Did not confirm a communication test by its deadline"
    with translation.override("es"):
        assert reason_label(TEST_MISSED) == "No confirmó una prueba de comunicación en el plazo"
    # The daily task is on the queue's schedule and runs the same service.
    schedule = Schedule.objects.get(name=DEADLINE_SCHEDULE)
    assert schedule.func == DEADLINE_TASK and schedule.schedule_type == Schedule.CRON
    with time_machine.travel(AFTER, tick=False), django_assert_max_num_queries(8):
        assert circulars_deadlines_close() == 0


def test_a_late_confirmation_clears_unreachable_and_no_later_run_marks_again(client):
    circular, (late,) = _test_sent(1)
    with time_machine.travel(AFTER, tick=False):
        circular_deadlines_close()
        late.refresh_from_db()
        assert late.unreachable_since == DEADLINE
        assert client.post(_url(_delivery(circular, late))).status_code == 200
        late.refresh_from_db()
        assert late.unreachable_since is None
        assert circular_deadlines_close() == 0


def test_a_confirmation_of_a_later_test_keeps_an_old_miss_from_marking_again():
    group, (person,) = group_with_people(1)
    old, _ = _test_sent(groups=[group])
    newer, _ = _test_sent(groups=[group], when=QUEUED + datetime.timedelta(days=3), days=30)
    with time_machine.travel(QUEUED + datetime.timedelta(days=4), tick=False):
        circular_delivery_confirm_receipt(delivery=_delivery(newer, person))
    # The old test closes unconfirmed, but the person answered a test sent after it.
    assert circular_deadlines_close(today=DEADLINE + datetime.timedelta(days=1)) == 0
    person.refresh_from_db()
    assert person.unreachable_since is None


def test_a_row_still_queued_at_the_deadline_is_not_counted_against_the_person():
    circular, (waiting,) = _test_sent(1)
    CircularDelivery.objects.filter(circular=circular).update(state="queued", sent_at=None)
    assert circular_deadlines_close(today=DEADLINE + datetime.timedelta(days=1)) == 0


def test_the_admin_lists_confirmed_so_far_then_who_did_not_confirm(
    admin_client, admin_user, count_queries
):
    circular, (yes, no, maybe) = _test_sent(3)
    circular_delivery_confirm_receipt(delivery=_delivery(circular, yes))
    url = reverse("admin:meetings_circular_progress", args=[circular.pk]).replace("/es/", "/en/")
    with time_machine.travel(QUEUED + datetime.timedelta(days=2), tick=True):
        # Staff sessions are short: sign in at each moment.
        admin_client.force_login(admin_user)
        before = admin_client.get(url).text
    assert 'data-testid="confirmed-so-far"' in before and "1 person confirmed so far" in before
    assert yes.full_name in before.split('id="circular-confirmations"')[1]
    with time_machine.travel(AFTER, tick=True):
        admin_client.force_login(admin_user)
        after = admin_client.get(url)
        table = after.text.split('id="circular-confirmations"')[1]
        assert "2 people did not confirm" in after.text
        assert no.full_name in table and maybe.full_name in table and yes.full_name not in table
        small = count_queries(lambda: admin_client.get(url))
        more, _ = _test_sent(12, when=QUEUED)
        big_url = reverse("admin:meetings_circular_progress", args=[more.pk])
        assert count_queries(lambda: admin_client.get(big_url.replace("/es/", "/en/"))) == small


@pytest.mark.parametrize(
    ("role", "listed"),
    [
        ("secretariat", {"focal_point_a", "focal_point_b"}),
        ("ppt_current", {"focal_point_a", "focal_point_b"}),
        ("coordinator_of_a", {"focal_point_a"}),
    ],
)
def test_each_staff_role_lists_the_unconfirmed_it_may_read(world, login, role, listed):
    groups = [world["group_a"], world["focal_point_b"].designations.get().working_group]
    circular, _ = _test_sent(groups=groups)
    url = reverse("admin:meetings_circular_progress", args=[circular.pk]).replace("/es/", "/en/")
    with time_machine.travel(AFTER, tick=True):
        client = login(world["users"][role])
        table = client.get(url).text.split('id="circular-confirmations"')[1]
    shown = {key for key in ("focal_point_a", "focal_point_b") if world[key].email in table}
    assert shown == listed

"""The Presidency's report counts the period's communication tests: sent, confirmed, unreachable."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from meetings.circulars.reach import circular_delivery_confirm_receipt
from meetings.circulars.sending import circular_send_pending
from meetings.circulars.services import circular_queue
from meetings.models import CircularDelivery
from meetings.reports.pdf import report_pdf
from meetings.reports.selectors import presidency_report
from tests.focal_points.factories import DesignationFactory, WorkingGroupFactory
from tests.meetings.circular_helpers import draft
from tests.meetings.report_fixture import build_report_world, person

pytestmark = pytest.mark.django_db

IN_PERIOD = datetime.datetime(2024, 5, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def rw(world):
    return {**world, **build_report_world(world)}


def _test_to(people, group, *, when=IN_PERIOD, days=10):
    """A communication test to the additional contacts of a group, sent at `when`."""
    with time_machine.travel(when, tick=False):
        circular = draft(
            groups=[group], roles=["additional"], asks_confirmation=True, confirm_within_days=days
        )
        circular_queue(circular=circular)
        circular_send_pending(circular=circular)
    return circular


@pytest.fixture
def tests_sent(rw):
    """Three of the group's contacts tested in the period, one confirms; an outside test too."""
    group = rw["group"]
    people = [
        person(rw["country_a"], given_name=name, family_name="Prueba")
        for name in ("Ada", "Bruno", "Celia")
    ]
    for contact in people:
        DesignationFactory(
            focal_point=contact,
            working_group=group,
            role="additional",
            starts_on=datetime.date(2024, 1, 1),
        )
    circular = _test_to(people, group)
    confirmed = CircularDelivery.objects.get(circular=circular, focal_point=people[0])
    circular_delivery_confirm_receipt(delivery=confirmed)
    # A test of another group, and one of this group before the period, are not counted.
    other = WorkingGroupFactory()
    DesignationFactory(focal_point=person(rw["country_b"]), working_group=other, role="additional")
    _test_to([], other)
    _test_to(people, group, when=datetime.datetime(2024, 1, 10, tzinfo=datetime.UTC))
    return people


def test_the_report_counts_the_periods_tests_on_the_groups_people(rw, tests_sent):
    report = presidency_report(working_group=rw["group"], meeting=rw["grcm"])
    communication = report.communication
    assert len(communication.tests) == 1
    assert (communication.sent, communication.confirmed, communication.unreachable) == (3, 1, 2)
    assert {p.given_name for p in communication.unreachable_people} == {"Bruno", "Celia"}
    assert report.summary()["communication_tests"] == {
        "tests": 1,
        "sent": 3,
        "confirmed": 1,
        "unreachable": 2,
    }


def test_a_test_still_open_counts_nobody_unreachable(rw, tests_sent):
    # The report written while the test runs: its deadline has not passed.
    with time_machine.travel(IN_PERIOD + datetime.timedelta(days=3), tick=False):
        report = presidency_report(working_group=rw["group"], meeting=rw["grcm"])
    assert report.communication.unreachable == 0
    assert report.communication.unreachable_people == []


def test_the_staff_preview_names_the_unreachable_and_the_pdf_counts_only(rw, tests_sent, login):
    client = login(rw["users"]["secretariat"])
    page = client.get(
        reverse("meetings:report", args=[rw["group"].slug]).replace("/es/", "/en/"),
        {"meeting": rw["grcm"].slug, "language": "en"},
    )
    assert page.status_code == 200
    totals = page.text.split('data-testid="communication-totals">')[1].split("</p>")[0]
    assert "1 communication test in the period: 3 e-mails sent, 1 confirmed, 2 people" in totals
    names = page.text.split('data-testid="unreachable-people">')[1].split("</ul>")[0]
    assert "Bruno Prueba" in names and "Celia Prueba" in names and "Ada" not in names
    with translation.override("es"):
        report = presidency_report(working_group=rw["group"], meeting=rw["grcm"])
        data = report_pdf(report, language="es")
    text = "".join(
        "".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )
    assert "Pruebasdecomunicación" in text
    assert "3correosenviados,1confirmados,2personasnolocalizables" in text
    assert "BrunoPrueba" not in text


def test_the_section_adds_a_fixed_number_of_queries(rw, tests_sent, django_assert_num_queries):
    from meetings.reports.communication import report_communication_tests

    args = {
        "working_group": rw["group"],
        "starts_on": datetime.date(2024, 3, 12),
        "ends_on": datetime.date(2024, 9, 20),
        "today": datetime.date(2025, 1, 1),
    }
    with django_assert_num_queries(3):
        report_communication_tests(**args)
    for _ in range(3):
        _test_to(tests_sent, rw["group"])
    with django_assert_num_queries(3):
        assert len(report_communication_tests(**args).tests) == 4

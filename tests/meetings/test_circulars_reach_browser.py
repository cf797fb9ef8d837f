"""The communication test in a browser: the link confirms, the coverage marks the silent."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from meetings.circulars.reach import circular_deadlines_close
from meetings.circulars.sending import circular_send_pending
from meetings.circulars.services import circular_queue
from tests.factories import SuperUserFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)
from tests.meetings.circular_helpers import draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_recipient_confirms_from_the_email_and_the_silent_one_shows_unreachable(
    page_factory, axe
):
    country = CountryFactory(iso_code="QZ", name_es="Zafiro", name_en="Sapphire")
    group = WorkingGroupFactory()
    people = []
    for role, language in (("principal", "en"), ("alternate", "es")):
        person = FocalPointFactory(
            institution=InstitutionFactory(country=country), preferred_language=language
        )
        DesignationFactory(focal_point=person, working_group=group, country=country, role=role)
        people.append(person)
    reader, silent = people
    circular = draft(groups=[group], asks_confirmation=True, confirm_within_days=3)
    circular_queue(circular=circular)
    circular_send_pending(circular=circular)

    # The English reader opens the link from the e-mail, with no account, and confirms.
    (message,) = [m for m in mail.outbox if m.to == [reader.email]]
    link = re.search(r"https?://\S+/circulars/confirm/\S+/", message.body).group(0)
    page = page_factory(locale="en-GB")
    page.goto(urlsplit(link).path)
    assert axe(page) == []
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=confirmed]")
    assert "Thank you" in page.inner_text("[data-testid=confirmed]")
    assert axe(page) == []

    # Four days later the deadline has passed: the silent one is unreachable on the coverage.
    assert circular_deadlines_close(today=datetime.date.today() + datetime.timedelta(days=4)) == 1
    SuperUserFactory(username="admin-reach", password="test-password-123")
    staff = page_factory(locale="es-ES")
    staff.goto("/es/admin/login/")
    staff.fill("#id_username", "admin-reach")
    staff.fill("#id_password", "test-password-123")
    staff.click("input[type=submit]")
    staff.goto("/es/admin/focal_points/focalpoint/coverage/")
    cell = staff.locator(f"td.crm-cell-unreachable[data-country=QZ][data-group='{group.pk}']")
    assert silent.full_name in cell.inner_text() and "no localizable" in cell.inner_text()
    assert reader.full_name in cell.inner_text()
    assert axe(staff) == []

"""Invitations in a real browser: staff invite a group, the invitee answers from the e-mail."""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail

from meetings.invitations.sending import invitation_send_pending
from meetings.models import Invitation
from tests.documents.factories import DocumentFactory
from tests.factories import SuperUserFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)
from tests.meetings.factories import AgendaItemFactory, MeetingDocumentFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_invite_a_group_the_invitee_answers_from_the_email_and_the_board_shows_it(
    page_factory,
):
    SuperUserFactory(username="admin-invite", password="test-password-123")
    group = WorkingGroupFactory(name_en="Labour Migration Working Group")
    costa_rica = CountryFactory(iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")
    CountryFactory(iso_code="HN", name_es="Honduras", name_en="Honduras")
    invitee = FocalPointFactory(
        given_name="Ana",
        family_name="Ficticia",
        email="ana.ficticia@example.org",
        preferred_language="en",
        institution=InstitutionFactory(country=costa_rica),
    )
    DesignationFactory(focal_point=invitee, working_group=group, role="principal")
    today = datetime.date.today()
    meeting = MeetingFactory(
        title_en="Labour migration meeting",
        working_groups=[group],
        starts_on=today + datetime.timedelta(days=30),
        registration_closes_on=today + datetime.timedelta(days=20),
    )
    AgendaItemFactory(meeting=meeting, title_en="Labour mobility schemes", title_es="Movilidad")
    MeetingDocumentFactory(
        meeting=meeting, document=DocumentFactory(title_en="Concept note on labour migration")
    )

    # Staff: the meeting's page, "Invite", the preview per country, the confirmation.
    staff = page_factory(locale="en-GB")
    staff.goto("/en/admin/login/")
    staff.fill("#id_username", "admin-invite")
    staff.fill("#id_password", "test-password-123")
    staff.click("input[type=submit]")
    staff.goto(f"/en/admin/meetings/meeting/{meeting.pk}/change/")
    staff.click("a.crm-invite")
    staff.check("input[name=source][value=groups]")
    staff.click("input[name=preview]")
    staff.wait_for_selector("#invite-preview")
    assert "Ana Ficticia" in staff.inner_text("#invite-preview tr[data-country=CR]")
    assert "Honduras" in staff.inner_text("[data-testid=countries-without-anyone]")
    staff.click("input[name=confirm]")
    staff.wait_for_selector("ul.messagelist li.success")
    assert Invitation.objects.filter(meeting=meeting, focal_point=invitee).exists()

    # The sending run, outside any request; the e-mail is in English, her language.
    assert invitation_send_pending().invitations == 1
    (message,) = mail.outbox
    link = re.search(r"(\S+/reply/\S+\?answer=attending)", message.body).group(1)
    parts = urlsplit(link)

    # The invitee, with no account and no password, answers from the link.
    reader = page_factory(locale="en-GB")
    reader.goto(f"{parts.path}?{parts.query}")
    assert reader.is_checked("input[name=answer][value=attending]")
    reader.click("button[type=submit]")
    reader.wait_for_selector("li.message-success")
    assert "Attending" in reader.inner_text("[data-testid=current-answer]")

    # The reply board shows her answer for Costa Rica.
    staff.goto(f"/en/admin/meetings/meeting/{meeting.pk}/change/")
    staff.click("a.crm-replies")
    row = staff.locator("#reply-board tr[data-country=CR]")
    assert "Attending" in row.inner_text()
    assert "Ana Ficticia" in row.inner_text()

    # A visitor reads the meeting's page in English: agenda, documents, and its .ics.
    visitor = page_factory(locale="en-GB")
    visitor.goto(f"/en/meetings/{meeting.slug}/")
    text = visitor.inner_text("main")
    assert "Labour migration meeting" in text
    assert "Labour mobility schemes" in text
    assert "Concept note on labour migration" in text
    with visitor.expect_download() as download_info:
        visitor.click("a[href$='calendar.ics']")
    ics = download_info.value
    assert ics.suggested_filename.endswith(".ics")
    assert b"BEGIN:VEVENT" in Path(ics.path()).read_bytes()

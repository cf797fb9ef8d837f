"""Circulars in a real browser: compose in both languages, preview, send, watch it finish."""

import pytest
from django.core import mail

from meetings.models import Circular, CircularDelivery
from tests.factories import SuperUserFactory
from tests.focal_points.factories import (
    DesignationFactory,
    FocalPointFactory,
    WorkingGroupFactory,
)
from tests.queue_helpers import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_send_a_bilingual_circular_each_person_reads_their_language_progress_100(
    page_factory, axe
):
    SuperUserFactory(username="admin-circular", password="test-password-123")
    group = WorkingGroupFactory(name_es="Grupo de Migración Laboral", name_en="Labour Migration")
    ana = FocalPointFactory(given_name="Ana", family_name="Ficticia", preferred_language="es")
    bob = FocalPointFactory(given_name="Bob", family_name="Ficticio", preferred_language="en")
    for person in (ana, bob):
        DesignationFactory(focal_point=person, working_group=group)

    staff = page_factory(locale="en-GB")
    staff.goto("/en/admin/login/")
    staff.fill("#id_username", "admin-circular")
    staff.fill("#id_password", "test-password-123")
    staff.click("input[type=submit]")

    # Compose: English in its tab (the page is English), Spanish in the other.
    staff.goto("/en/admin/meetings/circular/add/")
    staff.fill("#id_subject_en", "Consultation on the work plan")
    staff.fill("#id_body_en", "Dear focal points, please send your comments.")
    staff.click("li[aria-controls='tab_id_subject_es'] a")
    staff.fill("#id_subject_es", "Consulta sobre el plan de trabajo")
    staff.click("li[aria-controls='tab_id_body_es'] a")
    staff.fill("#id_body_es", "Estimados puntos focales, envíen sus comentarios.")
    staff.check(f"input[name=working_groups][value='{group.pk}']")
    staff.click("input[name=_continue]")
    staff.wait_for_selector("ul.messagelist li.success")
    circular = Circular.objects.get()
    assert circular.is_draft

    # Preview: the count and the names, nothing sent yet.
    staff.click("a.crm-circular-preview")
    assert "2 people will receive this circular." in staff.inner_text(
        "[data-testid=recipient-count]"
    )
    names = staff.inner_text("#circular-recipients")
    assert "Ana Ficticia" in names and "Bob Ficticio" in names
    assert axe(staff) == []
    assert not mail.outbox
    staff.click("input[name=send]")
    staff.wait_for_selector("#circular-progress")
    assert staff.inner_text("[data-testid=percent]") == "0"

    # A worker runs the queued task; the page's script sees it finish and shows the record.
    assert run_queued_tasks() >= 1
    staff.wait_for_selector("[data-testid=all-delivered]", timeout=20_000)
    assert staff.inner_text("[data-testid=percent]") == "100"
    assert staff.inner_text("[data-testid=sent-count]") == "2"
    assert axe(staff) == []

    # Each person reads their own language first.
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[ana.email].subject == "Consulta sobre el plan de trabajo"
    assert by_address[bob.email].subject == "Consultation on the work plan"
    assert by_address[bob.email].body.startswith("Dear focal points")
    assert by_address[ana.email].body.startswith("Estimados puntos focales")
    assert CircularDelivery.objects.filter(state="sent").count() == 2

"""Long contact lists: prepared on the task queue, offered to the person who asked."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import OrmQ
from pypdf import PdfReader

from accounts.contact_lists.exports import EXPORT_TASK
from accounts.models import ContactExport
from core.tasks import task_enqueue
from tests.accounts.conftest import EXPECTED_ORDER
from tests.accounts.factories import FocalPointUserFactory
from tests.queue_helpers import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_inline_limit(settings):
    # The fixture group has 4 people: a limit of 3 sends its PDF to the queue.
    settings.CONTACT_LIST_INLINE_PDF_MAX_PEOPLE = 3


def ask_for_the_pdf(client, user, group, language="en"):
    client.force_login(user)
    return client.get(f"/{language}/accounts/contacts/{group.pk}/download/pdf/")


def test_a_long_pdf_is_queued_then_offered_to_who_asked(client, contact_group, member):
    response = ask_for_the_pdf(client, member, contact_group["group"])

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/contacts/prepared/"
    export = ContactExport.objects.get()
    assert (export.requested_by, export.status, export.language) == (member, "queued", "en")
    assert OrmQ.objects.count() == 1
    page = client.get(response["Location"])
    assert "Being prepared" in page.text
    assert "is being prepared" in page.text  # the message

    assert run_queued_tasks() == 1

    export.refresh_from_db()
    assert export.status == ContactExport.Status.READY and export.people == 4
    page = client.get("/en/accounts/contacts/prepared/")
    download_url = f"/en/accounts/contacts/prepared/{export.pk}/"
    assert download_url in page.text
    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    content = b"".join(download.streaming_content)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    positions = [text.index(email) for email in EXPECTED_ORDER]
    assert positions == sorted(positions)
    assert "Contact list: Protection Group" in text


def test_the_prepared_pdf_is_in_the_language_it_was_asked_in(client, contact_group, member):
    ask_for_the_pdf(client, member, contact_group["group"], language="es")
    run_queued_tasks()
    export = ContactExport.objects.get()
    assert export.file.name.endswith(".pdf") and "/contactos-" in export.file.name
    text = PdfReader(export.file.open("rb")).pages[0].extract_text()
    assert "Lista de contactos: Grupo de Protección" in text


def test_a_prepared_list_is_nobody_else_s(client, contact_group, member):
    ask_for_the_pdf(client, member, contact_group["group"])
    run_queued_tasks()
    export = ContactExport.objects.get()
    colleague = FocalPointUserFactory(focal_point=contact_group["people"]["pa_alternate"])

    client.force_login(colleague)

    assert client.get(f"/en/accounts/contacts/prepared/{export.pk}/").status_code == 404
    page = client.get("/en/accounts/contacts/prepared/")
    assert f"/accounts/contacts/prepared/{export.pk}/" not in page.text
    assert "Nothing has been prepared for you." in page.text


def test_a_list_at_the_limit_is_made_in_the_request(client, contact_group, member, settings):
    settings.CONTACT_LIST_INLINE_PDF_MAX_PEOPLE = 4
    response = ask_for_the_pdf(client, member, contact_group["group"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert not ContactExport.objects.exists()


def test_a_worker_killed_while_building_leaves_the_list_to_the_next_one(
    client, contact_group, member
):
    ask_for_the_pdf(client, member, contact_group["group"])
    # The first worker claims the task and dies before finishing it: nothing was written.
    assert len(get_broker().dequeue()) == 1
    assert run_queued_tasks() == 0

    OrmQ.objects.update(lock=timezone.now() - timedelta(seconds=1))  # its lease ran out
    assert run_queued_tasks() == 1

    export = ContactExport.objects.get()
    assert export.status == ContactExport.Status.READY
    built = (export.file.name, export.finished_at)
    # The same task run once more (a duplicate delivery) builds nothing again.
    task_enqueue(EXPORT_TASK, export.pk)
    assert run_queued_tasks() == 1
    export.refresh_from_db()
    assert (export.file.name, export.finished_at) == built


def test_a_person_who_lost_their_seat_before_the_build_gets_nothing(client, contact_group, member):
    ask_for_the_pdf(client, member, contact_group["group"])
    member.focal_point.designations.update(ends_on=timezone.localdate() - timedelta(days=1))

    run_queued_tasks()

    export = ContactExport.objects.get()
    assert export.status == ContactExport.Status.FAILED
    assert not export.file


def test_a_prepared_list_is_refused_once_its_owner_lost_the_right(client, contact_group, member):
    ask_for_the_pdf(client, member, contact_group["group"])
    run_queued_tasks()
    export = ContactExport.objects.get()
    member.focal_point.designations.update(ends_on=timezone.localdate() - timedelta(days=1))

    assert client.get(f"/en/accounts/contacts/prepared/{export.pk}/").status_code == 404


def test_the_database_refuses_a_list_that_names_the_wrong_target(contact_group, member):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ContactExport.objects.create(
            requested_by=member,
            scope=ContactExport.Scope.COUNTRY,
            working_group=contact_group["group"],
        )

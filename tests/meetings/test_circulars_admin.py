"""The circulars' admin: compose, preview, send, the progress counts and the delivery record."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.circulars.sending import circular_send_pending
from meetings.circulars.services import circular_queue
from meetings.models import Circular, CircularDelivery
from tests.meetings.circular_helpers import draft, group_with_people

ADD = "admin:meetings_circular_add"


def compose_data(group, **fields) -> dict:
    return {
        "subject_es": "Consulta sobre el plan",
        "subject_en": "Consultation on the plan",
        "body_es": "Estimados puntos focales.",
        "body_en": "Dear focal points.",
        "working_groups": [group.pk],
        "roles": ["principal"],
        "confirm_within_days": "",
        **fields,
    }


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries)


@pytest.fixture
def editor(world, login):
    return login(world["users"]["ppt_current"])


def test_staff_compose_a_bilingual_circular_as_a_draft(world, editor):
    group, _people = group_with_people(2)
    response = editor.post(reverse(ADD), compose_data(group))
    assert response.status_code == 302, response.context["adminform"].form.errors
    circular = Circular.objects.get()
    assert circular.status == Circular.Status.DRAFT
    assert circular.created_by == world["users"]["ppt_current"]
    assert list(circular.working_groups.all()) == [group]
    assert circular.roles == ["principal"]
    assert not CircularDelivery.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"subject_en": "", "body_en": ""}, "subject_en", "both languages"),
        ({"subject_es": "x" * 10_000}, "subject_es", "200"),
        ({"asks_confirmation": "on", "confirm_within_days": ""}, "confirm_within_days", "1 to 60"),
        ({"asks_confirmation": "on", "confirm_within_days": "90"}, None, "between 1 and 60"),
        ({"roles": ["chair"]}, "roles", "chair"),
    ],
)
def test_bad_input_gives_a_message_never_a_500(world, editor, fields, field, message):
    group, _people = group_with_people(1)
    response = editor.post(f"/en{reverse(ADD)[3:]}", compose_data(group, **fields))
    assert response.status_code == 200
    form = response.context["adminform"].form
    errors = form.errors.get(field) if field else form.non_field_errors()
    assert errors and message in " ".join(errors), form.errors
    assert not Circular.objects.exists()


def test_one_language_only_when_ticked(world, editor):
    group, _people = group_with_people(1)
    data = compose_data(group, subject_en="", body_en="", single_language="on")
    assert editor.post(reverse(ADD), data).status_code == 302
    assert Circular.objects.get().languages() == ["es"]


def test_the_preview_lists_count_and_names_then_send_queues_and_shows_progress(world, editor):
    group, people = group_with_people(3)
    circular = draft(groups=[group])
    preview = reverse("admin:meetings_circular_preview", args=[circular.pk])
    page = editor.get(f"/en{preview[3:]}").content.decode()
    assert "3 people will receive this circular." in page
    assert all(person.full_name in page for person in people)
    assert not CircularDelivery.objects.exists()  # the preview writes nothing

    response = editor.post(preview, {"send": "1"})
    progress = reverse("admin:meetings_circular_progress", args=[circular.pk])
    assert response.status_code == 302 and response["Location"] == progress
    assert CircularDelivery.objects.filter(circular=circular).count() == 3
    counts = editor.get(reverse("admin:meetings_circular_progress_json", args=[circular.pk]))
    assert (counts.json()["queued"], counts.json()["finished"]) == (3, False)
    circular_send_pending()
    counts = editor.get(reverse("admin:meetings_circular_progress_json", args=[circular.pk]))
    assert (counts.json()["percent"], counts.json()["finished"]) == (100, True)
    assert len(mail.outbox) == 3
    # A second "send" of the same preview sends nothing more.
    editor.post(preview, {"send": "1"})
    assert CircularDelivery.objects.filter(circular=circular).count() == 3


def test_sending_to_nobody_is_refused_with_a_message(world, editor):
    circular = draft()
    preview = reverse("admin:meetings_circular_preview", args=[circular.pk])
    response = editor.post(f"/en{preview[3:]}", {"send": "1"}, follow=True)
    assert "No one with an e-mail address matches" in response.content.decode()
    circular.refresh_from_db()
    assert circular.is_draft


def test_the_delivery_record_links_failed_addresses_to_the_persons_entry(world, editor):
    group, people = group_with_people(3)
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    CircularDelivery.objects.filter(focal_point=people[1]).update(email="broken@@example")
    circular_send_pending()
    page = editor.get(reverse("admin:meetings_circular_progress", args=[circular.pk]))
    body = page.content.decode()
    assert reverse("admin:focal_points_focalpoint_change", args=[people[1].pk]) in body
    assert "broken@@example" in body and people[0].email not in body


def test_a_sent_circular_is_a_record_nobody_changes(world, editor):
    group, _people = group_with_people(1)
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    change = reverse("admin:meetings_circular_change", args=[circular.pk])
    assert editor.post(change, compose_data(group, subject_es="Cambiado")).status_code == 403
    circular.refresh_from_db()
    assert circular.subject_es == "Convocatoria a consulta"
    # Its preview now leads to the progress page.
    preview = editor.get(reverse("admin:meetings_circular_preview", args=[circular.pk]))
    assert preview["Location"].endswith(f"/{circular.pk}/progress/")


def test_mark_as_bounced_records_a_later_bounce(world, editor):
    group, _people = group_with_people(2)
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    circular_send_pending()
    row = CircularDelivery.objects.filter(circular=circular).first()
    response = editor.post(
        reverse("admin:meetings_circulardelivery_changelist"),
        {"action": "mark_bounced", "_selected_action": [row.pk]},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.state == "bounced" and row.bounced_at


def test_list_preview_and_progress_take_the_same_queries_at_any_size(world, editor):
    small_group, _small = group_with_people(3)
    large_group, _large = group_with_people(30)
    small, large = draft(groups=[small_group]), draft(groups=[large_group])

    def pages(circular):
        return [queries_of(editor, reverse("admin:meetings_circular_preview", args=[circular.pk]))]

    assert pages(small) == pages(large)
    listing = reverse("admin:meetings_circular_changelist")
    few = queries_of(editor, listing)
    for circular in (small, large):
        circular_queue(circular=circular)
    circular_send_pending()
    for _ in range(5):
        draft(groups=[small_group])
    assert queries_of(editor, listing) == few

    def progress(circular):
        return [
            queries_of(editor, reverse(f"admin:meetings_circular_{name}", args=[circular.pk]))
            for name in ("progress", "progress_json")
        ]

    # Failures are listed with their people in one query, however many.
    CircularDelivery.objects.filter(circular=large).update(state="failed")
    CircularDelivery.objects.filter(circular=small).update(state="failed")
    assert progress(small) == progress(large)


def test_a_sent_circular_shows_its_text_marked_with_each_language_escaped(world, editor):
    group, _people = group_with_people(1)
    circular = draft(groups=[group], body_en="Dear <b>all</b>,\n\nsecond paragraph")
    circular_queue(circular=circular)
    page = editor.get(reverse("admin:meetings_circular_change", args=[circular.pk]))
    body = page.content.decode()
    assert '<span lang="es">Convocatoria a consulta</span>' in body
    assert '<div lang="en"><p>Dear &lt;b&gt;all&lt;/b&gt;,</p>' in body


def test_send_again_queues_a_failed_row_to_the_persons_corrected_address(world, editor):
    group, people = group_with_people(2)
    circular = draft(groups=[group])
    circular_queue(circular=circular)
    CircularDelivery.objects.filter(focal_point=people[0]).update(email="broken@@example")
    circular_send_pending()
    failed = CircularDelivery.objects.get(focal_point=people[0])
    assert failed.state == "failed"
    people[0].email = "corrected@example.org"
    people[0].save(update_fields=["email"])
    response = editor.post(
        reverse("admin:meetings_circulardelivery_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk]},
    )
    assert response.status_code == 302
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENDING
    circular_send_pending()
    failed.refresh_from_db()
    assert (failed.state, failed.email, failed.attempts) == ("sent", "corrected@example.org", 1)
    assert [m.to[0] for m in mail.outbox].count("corrected@example.org") == 1
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENT

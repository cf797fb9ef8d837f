"""History, revert, recent changes, retiring instead of deleting, and no lost update."""

import datetime

import pghistory
import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone, translation

from core.history.selectors import find_event
from core.history.services import history_revert
from focal_points.models import Designation, FocalPoint
from focal_points.services import focal_point_retire, focal_point_update
from tests.factories import SuperUserFactory
from tests.focal_points.admin_forms import focal_point_form_data
from tests.focal_points.factories import DesignationFactory, FocalPointFactory

pytestmark = pytest.mark.django_db


def change_url(entry):
    return reverse("admin:focal_points_focalpoint_change", args=[entry.pk])


def history_url(entry):
    return reverse("admin:focal_points_focalpoint_history", args=[entry.pk])


def test_an_admin_save_records_the_user_and_the_reason(admin_client, admin_user):
    entry = FocalPointFactory(position_es="Directora")
    response = admin_client.post(
        change_url(entry),
        focal_point_form_data(entry, position_es="Subdirectora", change_reason="Oficio 12/2025"),
    )
    assert response.status_code == 302
    event = entry.events.order_by("-pgh_id").first()
    assert event.pgh_label == "update"
    assert event.pgh_context.metadata["user"] == admin_user.pk
    assert event.pgh_context.metadata["reason"] == "Oficio 12/2025"


def test_history_page_shows_who_and_each_changed_field_in_both_languages(admin_client, admin_user):
    entry = FocalPointFactory(position_es="Directora", position_en="Director")
    admin_client.post(
        change_url(entry),
        focal_point_form_data(entry, position_en="Deputy Director", change_reason="Promoted"),
    )
    page = admin_client.get(history_url(entry))
    assert page.status_code == 200
    assert admin_user.get_username() in page.text
    assert "Promoted" in page.text
    assert "<del>Director</del>" in page.text and "<ins>Deputy Director</ins>" in page.text
    assert "Cargo [en]" in page.text or "cargo [en]" in page.text.lower()
    with translation.override("en"):
        english = admin_client.get(history_url(entry).replace("/es/", "/en/"))
    assert "Position [en]" in english.text
    assert "Changed" in english.text


def test_revert_restores_an_earlier_state_and_is_itself_recorded(admin_client):
    entry = FocalPointFactory(position_es="Directora")
    first_event = entry.events.order_by("pgh_id").first()
    focal_point_update(focal_point=entry, changes={"position_es": "Ministra"})
    response = admin_client.post(
        reverse("admin:focal_points_focalpoint_revert", args=[entry.pk]),
        {"event": f"focal_points.focalpoint:{first_event.pk}"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.position_es == "Directora"
    assert entry.events.count() == 3
    assert entry.events.order_by("-pgh_id").first().pgh_context.metadata["reason"]


def test_history_revert_brings_back_a_deleted_record():
    user = SuperUserFactory()
    designation = DesignationFactory()
    pk = designation.pk
    designation.delete()
    delete_event = Designation.events.field.model.objects.filter(pgh_obj_id=pk).last()
    with pghistory.context():
        restored = history_revert(event=delete_event, user=user)
    assert Designation.objects.filter(pk=pk, role=restored.role).exists()


def test_recent_changes_lists_newest_first_and_reverts(admin_client):
    entry = FocalPointFactory(family_name="Álvarez", position_es="Directora")
    focal_point_update(focal_point=entry, changes={"position_es": "Ministra"})
    page = admin_client.get(reverse("admin:focal_points_recent_changes"))
    entries = [e for e in page.context["entries"] if e.model is FocalPoint]
    assert [e.action for e in entries] == ["update", "insert"]
    assert entries[0].object_label.endswith("Álvarez")
    insert = entries[1]
    response = admin_client.post(
        reverse("admin:focal_points_recent_changes_revert"), {"event": insert.token}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.position_es == "Directora"


def test_recent_changes_page_makes_a_bounded_number_of_queries(
    admin_client, admin_user, django_assert_max_num_queries
):
    # Bound: session, user, count, context, one query per event table (events with their
    # previous events), one for authors and one per related model: 4 + 6 + 1 + 4 = 15.
    url = reverse("admin:focal_points_recent_changes")
    for size in (3, 30):
        for _ in range(size):
            entry = DesignationFactory().focal_point
            with pghistory.context(user=admin_user.pk):
                focal_point_update(focal_point=entry, changes={"position_es": "Otra"})
        with django_assert_max_num_queries(15):
            assert admin_client.get(url).status_code == 200


def test_deleting_a_focal_point_with_seats_offers_to_retire_them(admin_client):
    designation = DesignationFactory(starts_on=datetime.date(2024, 1, 1))
    entry = designation.focal_point
    url = reverse("admin:focal_points_focalpoint_delete", args=[entry.pk])
    offer = admin_client.get(url)
    assert offer.status_code == 200
    assert "retire_confirmation" in offer.templates[0].name
    response = admin_client.post(url, {"reason": "Jubilación"})
    assert response.status_code == 302
    entry.refresh_from_db()
    designation.refresh_from_db()
    assert FocalPoint.objects.filter(pk=entry.pk).exists()
    assert not entry.is_active
    assert designation.ends_on == timezone.localdate()


def test_a_focal_point_without_seats_is_deleted_normally(admin_client):
    entry = FocalPointFactory()
    url = reverse("admin:focal_points_focalpoint_delete", args=[entry.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not FocalPoint.objects.filter(pk=entry.pk).exists()


def test_focal_point_retire_keeps_ended_designations_untouched():
    ended = DesignationFactory(ends_on=datetime.date(2024, 6, 30))
    focal_point_retire(focal_point=ended.focal_point)
    ended.refresh_from_db()
    assert ended.ends_on == datetime.date(2024, 6, 30)


def test_second_editor_save_is_refused_and_the_first_change_survives(admin_client):
    entry = FocalPointFactory(position_es="Directora")
    # Both editors opened the form at the same version.
    first = focal_point_form_data(entry, position_es="Primera")
    second = focal_point_form_data(entry, position_es="Segunda")
    assert admin_client.post(change_url(entry), first).status_code == 302
    refused = admin_client.post(change_url(entry), second)
    assert refused.status_code == 200
    assert "Otra persona modificó esta entrada" in refused.text
    entry.refresh_from_db()
    assert entry.position_es == "Primera"
    with translation.override("en"):
        english = admin_client.post(change_url(entry).replace("/es/", "/en/"), second)
    assert "Someone else changed this entry" in english.text


def test_find_event_rejects_unknown_tokens():
    directory = admin.site._registry[FocalPoint].recent_changes_models
    assert find_event("auth.user:1", tracked_models=directory) is None
    assert find_event("focal_points.focalpoint:abc", tracked_models=directory) is None

"""A new principal takes over a seat from the admin, ending the one in office."""

import datetime

import pytest
from django.urls import reverse

from focal_points.models import Designation
from tests.focal_points.admin_forms import focal_point_form_data
from tests.focal_points.factories import DesignationFactory, FocalPointFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/en/admin/focal_points/designation/add/"


@pytest.fixture
def seat():
    """A seat whose principal has been in office since 2022, and the person succeeding her."""
    incumbent = DesignationFactory(role="principal", starts_on=datetime.date(2022, 3, 1))
    successor = FocalPointFactory(institution=incumbent.focal_point.institution)
    return incumbent, successor


def add_data(incumbent, successor, **overrides) -> dict:
    data = {
        "focal_point": successor.pk,
        "working_group": incumbent.working_group_id,
        "country": incumbent.country_id,
        "role": "principal",
        "starts_on": "2026-02-01",
        "ends_on": "",
        "letter_reference": "Nota DM-44-2026",
        "letter_date": "2026-01-20",
        "change_reason": "",
    }
    data.update(overrides)
    return data


def test_a_second_principal_is_refused_with_the_way_out_and_nothing_changes(admin_client, seat):
    incumbent, successor = seat

    response = admin_client.post(ADD_URL, add_data(incumbent, successor))

    assert response.status_code == 200
    assert "already has a principal focal point in this group" in response.text
    assert "Tick this box if the new principal replaces the one in office." in response.text
    incumbent.refresh_from_db()
    assert incumbent.ends_on is None
    assert not Designation.objects.filter(focal_point=successor).exists()


def test_a_principal_that_replaces_ends_the_incumbent_the_day_before(
    admin_client, admin_user, seat
):
    incumbent, successor = seat

    response = admin_client.post(ADD_URL, add_data(incumbent, successor, replaces_principal="on"))

    assert response.status_code == 302
    incumbent.refresh_from_db()
    assert incumbent.ends_on == datetime.date(2026, 1, 31)
    new = Designation.objects.get(focal_point=successor)
    assert (new.role, new.starts_on, new.ends_on) == ("principal", datetime.date(2026, 2, 1), None)
    for record in (incumbent, new):
        event = record.events.order_by("-pgh_id").first()
        assert event.pgh_context.metadata["user"] == admin_user.pk
        assert event.pgh_context.metadata["reason"] == (
            "A new principal takes the seat; the previous one ends the day before"
        )
    seat_history = admin_client.get(
        reverse(
            "admin:focal_points_seat_history",
            args=[incumbent.country_id, incumbent.working_group_id, "principal"],
        )
    )
    assert str(successor) in seat_history.text and str(incumbent.focal_point) in seat_history.text


def test_replacing_never_overrides_a_principal_who_starts_later(admin_client, seat):
    incumbent, successor = seat
    incumbent.ends_on = datetime.date(2026, 5, 31)
    incumbent.save()
    later = DesignationFactory(
        role="principal",
        country=incumbent.country,
        working_group=incumbent.working_group,
        starts_on=datetime.date(2026, 6, 1),
    )

    response = admin_client.post(ADD_URL, add_data(incumbent, successor, replaces_principal="on"))

    assert response.status_code == 200
    assert "already has a principal focal point in this group" in response.text
    incumbent.refresh_from_db()
    later.refresh_from_db()
    assert incumbent.ends_on == datetime.date(2026, 5, 31)
    assert later.ends_on is None
    assert not Designation.objects.filter(focal_point=successor).exists()


def test_an_alternate_ignores_the_replace_box(admin_client, seat):
    incumbent, successor = seat

    response = admin_client.post(
        ADD_URL, add_data(incumbent, successor, role="alternate", replaces_principal="on")
    )

    assert response.status_code == 302
    incumbent.refresh_from_db()
    assert incumbent.ends_on is None
    assert Designation.objects.get(focal_point=successor).role == "alternate"


def test_the_successor_added_inline_on_her_own_page_takes_the_seat(admin_client, seat):
    incumbent, successor = seat
    data = focal_point_form_data(successor)
    data.update(
        {
            "designations-TOTAL_FORMS": 1,
            "designations-0-focal_point": successor.pk,
            "designations-0-working_group": incumbent.working_group_id,
            "designations-0-country": incumbent.country_id,
            "designations-0-role": "principal",
            "designations-0-starts_on": "2026-02-01",
            "designations-0-replaces_principal": "on",
        }
    )

    response = admin_client.post(
        reverse("admin:focal_points_focalpoint_change", args=[successor.pk]), data
    )

    assert response.status_code == 302
    incumbent.refresh_from_db()
    assert incumbent.ends_on == datetime.date(2026, 1, 31)
    assert successor.designations.get().role == "principal"


def test_the_replace_box_is_locked_on_an_existing_designation(admin_client, seat):
    incumbent, _successor = seat
    page = admin_client.get(
        reverse("admin:focal_points_designation_change", args=[incumbent.pk]).replace(
            "/es/", "/en/"
        )
    )
    assert 'name="replaces_principal"' in page.text
    assert "disabled" in page.text.split('name="replaces_principal"')[1].split(">")[0]

"""The staff's side of self-service: the change-request queue, the log, link revocation."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail

from accounts.models import User
from focal_points.models import ChangeRequest, VerificationRequest
from focal_points.services import change_request_submit
from tests.accounts.factories import FocalPointUserFactory, coordinator_user
from tests.focal_points.factories import CountryFactory, FocalPointFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def left_post(focal_point, **fields):
    return change_request_submit(
        focal_point=focal_point,
        kind=ChangeRequest.Kind.LEFT_POST,
        successor_name=fields.pop("successor_name", "Laura Mora"),
        **fields,
    )


@pytest.mark.parametrize("language", ["es", "en"])
def test_queue_and_log_pages_render_for_the_secretariat(admin_client, language):
    request = left_post(FocalPointFactory())
    VerificationRequest.objects.create(focal_point=request.focal_point, sent_to="a@example.org")
    for url in (
        f"/{language}/admin/focal_points/changerequest/",
        f"/{language}/admin/focal_points/changerequest/{request.pk}/change/",
        f"/{language}/admin/focal_points/verificationrequest/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "Laura Mora" in response.text or "a@example.org" in response.text


def test_queue_lists_open_requests_and_staff_mark_them_handled(admin_client, admin_user):
    first = left_post(FocalPointFactory(), successor_name="Primera Persona")
    second = left_post(FocalPointFactory(), successor_name="Segunda Persona")

    open_only = admin_client.get("/en/admin/focal_points/changerequest/?handled=no")
    assert "Primera Persona" in open_only.text and "Segunda Persona" in open_only.text

    response = admin_client.post(
        "/en/admin/focal_points/changerequest/",
        {"action": "mark_handled", "_selected_action": [first.pk]},
        follow=True,
    )
    assert "1 request marked as handled." in response.text
    first.refresh_from_db()
    assert first.handled_by == admin_user and first.handled_at is not None
    still_open = admin_client.get("/en/admin/focal_points/changerequest/?handled=no")
    assert "Primera Persona" not in still_open.text
    assert "Segunda Persona" in still_open.text
    second.refresh_from_db()
    assert second.handled_at is None


def test_a_country_coordinator_sees_only_their_country_s_requests(client):
    country = CountryFactory(iso_code="HN")
    ours = left_post(
        FocalPointFactory(institution=InstitutionFactory(country=country)),
        successor_name="Nuestra Sucesora",
    )
    left_post(FocalPointFactory(), successor_name="Otra Sucesora")
    coordinator = coordinator_user(country=country)
    coordinator.user_permissions.add(Permission.objects.get(codename="view_changerequest"))

    client.force_login(coordinator)
    response = client.get("/es/admin/focal_points/changerequest/")
    assert response.status_code == 200
    assert "Nuestra Sucesora" in response.text
    assert "Otra Sucesora" not in response.text
    assert client.get(f"/es/admin/focal_points/changerequest/{ours.pk}/change/").status_code == 200


def test_a_request_for_another_change_needs_a_description():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        change_request_submit(focal_point=FocalPointFactory(), kind=ChangeRequest.Kind.OTHER)


def test_staff_revoke_every_outstanding_link_of_a_person(admin_client, client):
    person = FocalPointUserFactory(focal_point__email="revoke.me@example.org")
    client.post("/es/accounts/sign-in/", {"email": "revoke.me@example.org"})
    link = mail.outbox[-1].body.split(settings.PORTAL_BASE_URL)[1].split()[0]
    assert client.get(link).status_code == 200

    response = admin_client.post(
        "/en/admin/accounts/user/",
        {"action": "revoke_sign_in_links", "_selected_action": [person.pk]},
        follow=True,
    )

    assert "Every sign-in link of 1 person no longer works." in response.text
    assert client.get(link).status_code == 400
    assert not User.objects.get(pk=person.pk).has_usable_password()

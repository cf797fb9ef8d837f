"""Signing in: one-time links for focal points, passwords behind the lock-out for staff."""

import re
import time
from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail

from accounts import services
from accounts.models import User
from tests.accounts.factories import FocalPointUserFactory
from tests.factories import StaffUserFactory
from tests.focal_points.factories import FocalPointFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+?\?sesame=[A-Za-z0-9_-]+")


def link_path(message) -> str:
    """Return the path and query of the portal link in an e-mail."""
    url = LINK.search(message.body).group(0)
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def request_link(client, email, language="es", **extra):
    return client.post(f"/{language}/accounts/sign-in/", {"email": email}, **extra)


def test_sign_in_page_asks_for_an_e_mail_address_in_both_languages(client):
    spanish = client.get("/es/accounts/sign-in/")
    english = client.get("/en/accounts/sign-in/")
    assert spanish.status_code == english.status_code == 200
    assert "Su dirección de correo electrónico" in spanish.text
    assert "Your e-mail address" in english.text
    assert 'name="password"' not in english.text


def test_known_focal_point_receives_a_link_in_their_language_as_text_and_html(client):
    focal_point = FocalPointFactory(email="ana.perez@example.org", preferred_language="en")

    response = request_link(client, "Ana.Perez@Example.org")

    assert response.status_code == 302
    assert response["Location"] == "/es/accounts/sign-in/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana.perez@example.org"]
    assert message.subject == "Your sign-in link to the CRM Portal"
    assert f"Dear {focal_point.full_name}" in message.body
    assert link_path(message).startswith("/en/accounts/sign-in/link/?sesame=")
    assert LINK.search(message.body).group(0).startswith(settings.PORTAL_BASE_URL)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="http' in html and "sesame=" in html


def test_spanish_speaking_focal_point_receives_the_link_in_spanish(client):
    FocalPointFactory(email="luis@example.org", preferred_language="es")
    request_link(client, "luis@example.org", language="en")
    message = mail.outbox[0]
    assert message.subject == "Su enlace de acceso al Portal de la CRM"
    assert link_path(message).startswith("/es/accounts/sign-in/link/")


def test_first_request_creates_the_account_linked_to_the_entry(client):
    focal_point = FocalPointFactory(email="nueva@example.org")
    request_link(client, "nueva@example.org")
    user = User.objects.get(focal_point=focal_point)
    assert not user.has_usable_password()
    assert not user.is_staff
    # A second request reuses the account.
    request_link(client, "nueva@example.org")
    assert User.objects.filter(focal_point=focal_point).count() == 1


def test_alternate_address_also_receives_a_link(client):
    FocalPointFactory(email="main@example.org", alternate_emails=["Other@Example.org"])
    request_link(client, "other@example.org")
    assert mail.outbox[0].to == ["other@example.org"]


def test_unknown_and_inactive_addresses_get_the_very_same_answer_and_no_mail(client):
    FocalPointFactory(email="known@example.org")
    FocalPointFactory(email="gone@example.org", is_active=False)

    known = request_link(client, "known@example.org")
    unknown = request_link(client, "nobody@example.org")
    inactive = request_link(client, "gone@example.org")

    assert known.status_code == unknown.status_code == inactive.status_code == 302
    assert known["Location"] == unknown["Location"] == inactive["Location"]
    assert len(mail.outbox) == 1
    sent_page = client.get(known["Location"])
    assert "Revise su buzón" in sent_page.text


def test_staff_accounts_never_receive_sign_in_links(client):
    focal_point = FocalPointFactory(email="staff@example.org")
    StaffUserFactory(username="st", email="staff@example.org", focal_point=focal_point)
    response = request_link(client, "staff@example.org")
    assert response.status_code == 302
    assert mail.outbox == []


def test_too_many_requests_for_one_address_get_a_translated_message_not_an_error(client):
    FocalPointFactory(email="busy@example.org")
    for _ in range(services.LIMIT_PER_ADDRESS):
        assert request_link(client, "busy@example.org").status_code == 302

    refused = request_link(client, "busy@example.org")
    refused_en = request_link(client, "busy@example.org", language="en")

    assert refused.status_code == 429
    assert "Se solicitaron demasiados enlaces" in refused.text
    assert "Too many sign-in links were requested" in refused_en.text
    assert len(mail.outbox) == services.LIMIT_PER_ADDRESS


def test_one_address_flooding_many_e_mails_is_stopped_per_ip(client):
    for number in range(services.LIMIT_PER_IP):
        request_link(client, f"guess{number}@example.org", REMOTE_ADDR="203.0.113.9")
    refused = request_link(client, "other@example.org", REMOTE_ADDR="203.0.113.9")
    elsewhere = request_link(client, "other@example.org", REMOTE_ADDR="198.51.100.1")
    assert refused.status_code == 429
    assert elsewhere.status_code == 302


def sign_in_path(client, email="person@example.org", **focal_point_fields):
    FocalPointFactory(email=email, **focal_point_fields)
    request_link(client, email)
    return link_path(mail.outbox[-1])


def test_opening_the_link_asks_for_confirmation_and_signs_in_only_on_post(client):
    path = sign_in_path(client)

    confirm_page = client.get(path)
    # A mail scanner's GET: nobody signed in, token still good.
    assert confirm_page.status_code == 200
    assert SESSION_KEY not in client.session
    assert "Iniciar sesión en el portal" in confirm_page.text
    assert client.get(path).status_code == 200

    token = path.split("sesame=")[1]
    signed_in = client.post(path.split("?")[0], {"sesame": token})
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/es/accounts/my-entry/"
    assert client.session[SESSION_KEY]


def test_a_link_works_only_once(client):
    path = sign_in_path(client)
    token = path.split("sesame=")[1]
    client.post("/es/accounts/sign-in/link/", {"sesame": token})
    client.post("/es/accounts/sign-out/")

    again_get = client.get(path)
    again_post = client.post("/es/accounts/sign-in/link/", {"sesame": token})

    assert again_get.status_code == again_post.status_code == 400
    assert "Este enlace ya no funciona" in again_get.text
    assert SESSION_KEY not in client.session


def test_an_expired_link_is_refused_with_a_clear_message(client):
    path = sign_in_path(client)
    # Sixteen minutes later by sesame's clock.
    with mock.patch("sesame.tokens_v2.time.time", return_value=time.time() + 16 * 60):
        response = client.get(path.replace("/es/", "/en/", 1))
    assert response.status_code == 400
    assert "This link no longer works" in response.text
    assert "expired" in response.text


def test_a_tampered_link_is_refused(client):
    path = sign_in_path(client)
    response = client.get(path[:-3] + "AAA")
    assert response.status_code == 400


def test_revoking_voids_every_outstanding_link_of_the_person(client):
    focal_point = FocalPointFactory(email="revoke@example.org")
    request_link(client, "revoke@example.org")
    request_link(client, "revoke@example.org")
    paths = [link_path(message) for message in mail.outbox]

    services.sign_in_links_revoke(user=User.objects.get(focal_point=focal_point))

    for path in paths:
        assert client.get(path).status_code == 400


def test_bad_links_from_one_office_do_not_lock_out_a_valid_link_from_the_same_ip(client):
    path = sign_in_path(client, email="office@example.org")
    # More bad links than the lock-out allows, all from the office's single public IP.
    for number in range(settings.AXES_FAILURE_LIMIT + 1):
        bad = client.post(
            "/es/accounts/sign-in/link/", {"sesame": f"bad{number}token"}, REMOTE_ADDR="10.0.0.7"
        )
        assert bad.status_code == 400
    token = path.split("sesame=")[1]
    good = client.post("/es/accounts/sign-in/link/", {"sesame": token}, REMOTE_ADDR="10.0.0.7")
    assert good.status_code == 302
    assert client.session[SESSION_KEY]


def test_staff_sign_in_with_a_password_and_land_in_the_administration(client):
    StaffUserFactory(username="officer", password="a-strong-password-1")
    page = client.get("/en/accounts/staff-sign-in/")
    assert page.status_code == 200
    assert 'name="password"' in page.text
    response = client.post(
        "/en/accounts/staff-sign-in/", {"username": "officer", "password": "a-strong-password-1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/admin/"


def test_staff_are_locked_out_after_repeated_wrong_passwords_with_a_translated_page(client):
    StaffUserFactory(username="officer", password="a-strong-password-1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/es/accounts/staff-sign-in/", {"username": "officer", "password": "wrong"})
    locked = client.post(
        "/es/accounts/staff-sign-in/",
        {"username": "officer", "password": "a-strong-password-1"},
    )
    assert locked.status_code == 429
    assert "Demasiados intentos fallidos" in locked.text
    assert SESSION_KEY not in client.session


def test_one_locked_staff_name_does_not_lock_a_colleague_on_the_same_ip(client):
    StaffUserFactory(username="officer", password="a-strong-password-1")
    StaffUserFactory(username="colleague", password="another-password-2")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post("/es/accounts/staff-sign-in/", {"username": "officer", "password": "x"})
    response = client.post(
        "/es/accounts/staff-sign-in/", {"username": "colleague", "password": "another-password-2"}
    )
    assert response.status_code == 302


def test_sign_out_needs_a_post_and_ends_the_session(client):
    user = FocalPointUserFactory()
    client.force_login(user)
    assert client.get("/es/accounts/sign-out/").status_code == 405
    assert SESSION_KEY in client.session
    response = client.post("/es/accounts/sign-out/")
    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_sessions_expire_after_the_configured_age_and_at_browser_close():
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 * 8
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert timedelta(seconds=settings.SESAME_MAX_AGE) == timedelta(minutes=15)


def test_signing_out_everywhere_ends_the_person_s_other_sessions_and_links():
    from django.test import Client

    focal_point = FocalPointFactory(email="everywhere@example.org", preferred_language="en")
    laptop, phone, colleague = Client(), Client(), Client()
    request_link(laptop, "everywhere@example.org")
    earlier_link = link_path(mail.outbox[-1])
    user = User.objects.get(focal_point=focal_point)
    laptop.force_login(user)
    phone.force_login(user)
    colleague.force_login(FocalPointUserFactory())
    assert laptop.get("/en/accounts/my-entry/").status_code == 200
    assert "Sign out on every device" in laptop.get("/en/accounts/my-entry/").text

    response = laptop.post("/en/accounts/sign-out/everywhere/", follow=True)

    assert response.redirect_chain[-1][0] == "/en/accounts/sign-in/"
    assert "You are signed out on every device" in response.text
    for device in (laptop, phone):
        assert device.get("/en/accounts/my-entry/").status_code == 302
    assert colleague.get("/en/accounts/my-entry/").status_code == 200
    assert laptop.get(earlier_link).status_code == 400


def test_signing_out_everywhere_needs_a_post_and_a_signed_in_person(client):
    assert client.get("/es/accounts/sign-out/everywhere/").status_code == 405
    response = client.post("/es/accounts/sign-out/everywhere/")
    assert response.status_code == 302 and response["Location"] == "/es/accounts/sign-in/"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "A user name has at most 150 characters."),
        ("es", "Un nombre de usuario tiene como máximo 150 caracteres."),
    ],
)
def test_an_overlong_staff_user_name_is_refused_on_the_form_and_nothing_is_logged(
    client, language, message
):
    from axes.models import AccessAttempt, AccessFailureLog

    StaffUserFactory(username="officer", password="a-strong-password-1")
    response = client.post(
        f"/{language}/accounts/staff-sign-in/", {"username": "x" * 10_000, "password": "p"}
    )
    assert response.status_code == 200
    assert message in response.text
    assert SESSION_KEY not in client.session
    # Refused before authentication: the lock-out wrote nothing, half or whole.
    assert AccessAttempt.objects.count() == 0
    assert AccessFailureLog.objects.count() == 0


def test_an_overlong_user_name_on_the_admin_login_is_logged_truncated_not_a_server_error(client):
    from axes.models import AccessAttempt

    response = client.post(
        "/en/admin/login/?next=/en/admin/", {"username": "y" * 10_000, "password": "p"}
    )
    assert response.status_code == 200
    assert [len(a.username) for a in AccessAttempt.objects.all()] == [150]


@pytest.mark.parametrize(("language", "sender"), [("es", "Portal de la CRM"), ("en", "CRM Portal")])
def test_e_mails_come_from_the_portal_named_in_the_recipients_language(settings, language, sender):
    settings.DEFAULT_FROM_EMAIL = "CRM Portal <no-reply@example.org>"
    services.send_portal_email(
        to="ana@example.org",
        language=language,
        subject="x",
        template="accounts/email/sign_in_link",
        context={"link": "https://example.org/", "minutes": 15, "name": "Ana"},
    )
    assert mail.outbox[-1].from_email == f"{sender} <no-reply@example.org>"


@pytest.mark.parametrize(
    ("language", "notice"), [("es", "Ha cerrado la sesión."), ("en", "You are signed out.")]
)
def test_signing_out_says_so_on_the_next_page(client, language, notice):
    client.force_login(FocalPointUserFactory())
    response = client.post(f"/{language}/accounts/sign-out/", follow=True)
    assert response.status_code == 200
    assert notice in response.text
    assert SESSION_KEY not in client.session
    # Nobody was signed in: nothing to confirm.
    assert notice not in client.post(f"/{language}/accounts/sign-out/", follow=True).text

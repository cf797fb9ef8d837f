"""Behind the portal's proxy, each client keeps their own lock-out and sign-in limits."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings

from accounts import services
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def through_proxy(client_address: str) -> dict:
    """Request headers as our proxy sends them: its own address as peer, the client's in XFF."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_address}


def staff_sign_in(client, password, **headers):
    return client.post(
        "/en/accounts/staff-sign-in/", {"username": "officer", "password": password}, **headers
    )


@override_settings(PORTAL_PROXY_COUNT=1)
def test_behind_a_proxy_one_client_s_lock_out_does_not_lock_another_client():
    StaffUserFactory(username="officer", password="a-strong-password-1")
    attacker, officer = Client(), Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        staff_sign_in(attacker, "wrong", **through_proxy("198.51.100.66"))
    # The attacker is locked out, even with the right password ...
    assert (
        staff_sign_in(attacker, "a-strong-password-1", **through_proxy("198.51.100.66")).status_code
        == 429
    )

    # ... the officer at another address, through the same proxy, is not.
    response = staff_sign_in(officer, "a-strong-password-1", **through_proxy("203.0.113.10"))
    assert response.status_code == 302
    assert officer.session[SESSION_KEY]


@override_settings(PORTAL_PROXY_COUNT=1)
def test_behind_a_proxy_a_forged_left_entry_does_not_escape_the_lock_out():
    StaffUserFactory(username="officer", password="a-strong-password-1")
    attacker = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        staff_sign_in(attacker, "wrong", **through_proxy(f"1.2.3.{number}, 198.51.100.66"))
    locked = staff_sign_in(
        attacker, "a-strong-password-1", **through_proxy("9.9.9.9, 198.51.100.66")
    )
    assert locked.status_code == 429


@override_settings(PORTAL_PROXY_COUNT=0)
def test_without_a_proxy_a_rotating_forged_header_does_not_escape_the_lock_out():
    StaffUserFactory(username="officer", password="a-strong-password-1")
    attacker = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        staff_sign_in(
            attacker, "wrong", REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"1.2.3.{number}"
        )
    locked = staff_sign_in(
        attacker, "a-strong-password-1", REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR="9.9.9.9"
    )
    assert locked.status_code == 429


def request_link(client, email, **headers):
    return client.post("/en/accounts/sign-in/", {"email": email}, **headers)


@override_settings(PORTAL_PROXY_COUNT=1)
def test_behind_a_proxy_the_sign_in_link_limit_counts_each_client_separately():
    client = Client()
    for number in range(services.LIMIT_PER_IP):
        response = request_link(
            client, f"guess{number}@example.org", **through_proxy("198.51.100.66")
        )
        assert response.status_code == 302
    refused = request_link(client, "more@example.org", **through_proxy("198.51.100.66"))
    elsewhere = request_link(client, "more@example.org", **through_proxy("203.0.113.10"))
    assert refused.status_code == 429
    assert elsewhere.status_code == 302


@override_settings(PORTAL_PROXY_COUNT=0)
def test_without_a_proxy_a_rotating_forged_header_does_not_escape_the_sign_in_link_limit():
    client = Client()
    for number in range(services.LIMIT_PER_IP):
        request_link(
            client,
            f"guess{number}@example.org",
            REMOTE_ADDR="198.51.100.66",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{number}",
        )
    refused = request_link(
        client, "more@example.org", REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR="9.9.9.9"
    )
    assert refused.status_code == 429

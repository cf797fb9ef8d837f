"""Sign-in link limits: a window that lasts fifteen minutes and counts exactly, even at once."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings
from django.utils import timezone

from accounts import services
from tests.focal_points.factories import FocalPointFactory

# The production cache (database): the limits must hold with the cache the portal runs on.
PRODUCTION_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }
}


@pytest.fixture
def production_cache(db):
    with override_settings(CACHES=PRODUCTION_CACHES):
        call_command("createcachetable", verbosity=0)
        yield


def request_link(client, email, ip="203.0.113.5"):
    return client.post("/en/accounts/sign-in/", {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_the_address_limit_lasts_fifteen_minutes_from_the_first_request(production_cache):
    FocalPointFactory(email="busy@example.org")
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(services.LIMIT_PER_ADDRESS):
            assert request_link(client, "busy@example.org").status_code == 302

        # Ten minutes on, the window is still open: refused, and no e-mail.
        traveller.move_to(start + timedelta(minutes=10))
        assert request_link(client, "busy@example.org").status_code == 429
        # Fourteen minutes on, still refused (a 300 s cache timeout reset would let it through).
        traveller.move_to(start + timedelta(minutes=14, seconds=50))
        assert request_link(client, "busy@example.org").status_code == 429
        assert len(mail.outbox) == services.LIMIT_PER_ADDRESS

        # Sixteen minutes on, a new window: accepted again.
        traveller.move_to(start + timedelta(minutes=16))
        assert request_link(client, "busy@example.org").status_code == 302
        assert len(mail.outbox) == services.LIMIT_PER_ADDRESS + 1


@pytest.mark.django_db
def test_the_ip_limit_lasts_fifteen_minutes_from_the_first_request(production_cache):
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for number in range(services.LIMIT_PER_IP):
            assert request_link(client, f"guess{number}@example.org").status_code == 302
        traveller.move_to(start + timedelta(minutes=10))
        assert request_link(client, "late@example.org").status_code == 429
        traveller.move_to(start + timedelta(minutes=16))
        assert request_link(client, "later@example.org").status_code == 302


@pytest.mark.django_db
def test_expired_windows_are_deleted_when_new_ones_are_written():
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        services.sign_in_link_request(email="old@example.org", client_ip="192.0.2.1")
        assert services.RateLimitBucket.objects.count() == 2  # one per address, one per IP
        traveller.move_to(start + timedelta(minutes=20))
        services.sign_in_link_request(email="new@example.org", client_ip="192.0.2.2")
    # Only the two fresh windows remain; nothing stores the e-mail address in clear.
    keys = list(services.RateLimitBucket.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert not any("@" in key for key in keys)


def run_at_once(count: int, action) -> list:
    """Run action(number) in count threads released together; return their results."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[number] = action(number)
        except Exception as error:  # reported by the assertions below
            results[number] = error
        finally:
            # Each thread had its own connection: close it so the test database can be flushed.
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_one_address_send_exactly_the_limit(production_cache):
    FocalPointFactory(email="rush@example.org")

    statuses = run_at_once(
        12, lambda number: request_link(Client(), "rush@example.org", ip=f"198.51.100.{number}")
    )

    codes = [getattr(response, "status_code", response) for response in statuses]
    assert sorted(codes) == [302] * services.LIMIT_PER_ADDRESS + [429] * (
        12 - services.LIMIT_PER_ADDRESS
    )
    assert len(mail.outbox) == services.LIMIT_PER_ADDRESS


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_from_one_ip_are_accepted_up_to_the_limit(production_cache):
    statuses = run_at_once(
        30, lambda number: request_link(Client(), f"guess{number}@example.org", ip="192.0.2.30")
    )

    codes = [getattr(response, "status_code", response) for response in statuses]
    assert codes.count(302) == services.LIMIT_PER_IP
    assert codes.count(429) == 30 - services.LIMIT_PER_IP

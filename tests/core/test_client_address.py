"""The client's address: read through our own proxies only, never the client's own claims."""

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from core.client_address import client_ip

PROXY = "10.0.0.1"


def request_from(forwarded_for: str | None = None, remote_addr: str = PROXY):
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


@override_settings(PORTAL_PROXY_COUNT=0)
def test_without_a_proxy_a_forged_forwarded_for_header_is_ignored():
    request = request_from("1.2.3.4", remote_addr="198.51.100.20")
    assert client_ip(request) == "198.51.100.20"


@override_settings(PORTAL_PROXY_COUNT=1)
def test_behind_one_proxy_the_entry_the_proxy_added_is_the_client():
    assert client_ip(request_from("198.51.100.7")) == "198.51.100.7"
    assert client_ip(request_from("2001:db8::7")) == "2001:db8::7"


@override_settings(PORTAL_PROXY_COUNT=1)
@pytest.mark.parametrize(
    "forged", ["1.2.3.4, 198.51.100.7", "1.2.3.4,198.51.100.7", "unknown, 198.51.100.7"]
)
def test_behind_one_proxy_a_forged_entry_on_the_left_is_ignored(forged):
    assert client_ip(request_from(forged)) == "198.51.100.7"


@override_settings(PORTAL_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client():
    # The outer proxy wrote 198.51.100.7; the inner one added the outer proxy's 10.0.0.2.
    assert client_ip(request_from("1.2.3.4, 198.51.100.7, 10.0.0.2")) == "198.51.100.7"


@override_settings(PORTAL_PROXY_COUNT=1)
def test_behind_a_proxy_a_request_without_the_header_falls_back_to_the_peer():
    assert client_ip(request_from(None)) == PROXY
    assert client_ip(request_from("")) == PROXY


def test_the_lock_out_asks_the_same_function_as_the_portal_s_limits():
    assert settings.AXES_CLIENT_IP_CALLABLE == "core.client_address.client_ip"

"""The client's IP address: one answer for the lock-out (django-axes) and the portal's limits."""

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_ip(request: HttpRequest) -> str | None:
    """Return the client's address as seen by the outermost of the portal's own proxies."""
    proxies = settings.PORTAL_PROXY_COUNT
    if proxies > 0:
        # Every proxy appends the address it was reached from to X-Forwarded-For, so the
        # N-th entry from the right is the one our outermost proxy wrote; anything left of it
        # came from the client and may be forged. In ipware's terms the last proxy is
        # REMOTE_ADDR, not in the header: proxy_count=N-1 with left-most order returns
        # chain[-N]. Not strict: a forged unparseable entry on the left is skipped, not fatal.
        address, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address:
            return address
        # Too short a header did not come through all our proxies: fall back to the peer.
    # No proxy (or no usable header): X-Forwarded-For is the client's own claim; ignore it.
    address, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    return address

"""The signed link a recipient of a communication test opens to confirm receipt."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from meetings.models import CircularDelivery

CONFIRM_SALT = "circular-confirm"


def circular_confirm_token(delivery: CircularDelivery) -> str:
    """Return the signed token naming one delivery row (no database row needed)."""
    return signing.dumps(delivery.pk, salt=CONFIRM_SALT)


class ConfirmLinkExpired(Exception):
    """The link is genuine but older than CIRCULAR_CONFIRM_LINK_DAYS."""


def circular_delivery_from_token(token: str) -> CircularDelivery | None:
    """Return the delivery row a token names, or None if it is forged, tampered or unknown.

    Raise ConfirmLinkExpired for a genuine link past its age: it outlives the deadline (a late
    confirmation still shows the person is reachable), not for ever.
    """
    max_age = timedelta(days=settings.CIRCULAR_CONFIRM_LINK_DAYS)
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ConfirmLinkExpired from None
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return CircularDelivery.objects.select_related("circular", "focal_point").filter(pk=pk).first()


def circular_confirm_url(delivery: CircularDelivery, language: str) -> str:
    """Return the absolute confirm address of a delivery row, in a language."""
    with translation.override(language):
        path = reverse("meetings:circular_confirm", args=[circular_confirm_token(delivery)])
    return settings.PORTAL_BASE_URL.rstrip("/") + path

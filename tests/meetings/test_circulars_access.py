"""Who reaches each circular page: the archive, the confirm link, preview, progress, lists."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.circulars.links import circular_confirm_token
from meetings.circulars.sending import circular_send_pending
from meetings.circulars.services import circular_queue
from meetings.models import Circular, CircularDelivery
from tests.meetings.circular_helpers import draft

ROLES = (
    "anonymous",
    "focal_point_a",
    "focal_point_b",
    "coordinator_of_a",
    "coordinator_other",
    "ppt_current",
    "ppt_former",
    "secretariat",
)
SIGN_IN, ADMIN_LOGIN, MISSING = "sign-in", "admin-login", "missing"


@pytest.fixture
def circulars(world):
    """A communication test sent to A's group (A only), and a draft."""
    sent = draft(groups=[world["group_a"]], asks_confirmation=True, confirm_within_days=3)
    circular_queue(circular=sent)
    circular_send_pending()
    return {
        "sent": sent,
        "delivery_a": CircularDelivery.objects.get(circular=sent),
        "draft": draft(groups=[world["group_a"]]),
    }


def answer(response) -> object:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("accounts:sign_in")):
            return SIGN_IN
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        if location == reverse("admin:index"):
            return MISSING
        return location
    return response.status_code


# fmt: off
#           anon         fpA          fpB          coA  coX      ppt  ex       ST
PAGES = {
    "archive": (SIGN_IN, 200,         200,         403, 403,     403, 403,     403),
    "archive_detail": (SIGN_IN, 200,  404,         403, 403,     403, 403,     403),
    "confirm": (200,     200,         200,         200, 200,     200, 200,     200),
    "preview": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, MISSING, MISSING, 200, MISSING, 200),
    "progress": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, MISSING, 200, MISSING, 200),
    "progress_json": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 404, 200, 404, 200),
    "changelist": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200, 200, 200),
    "deliveries": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, 200, 200, 200),
}
# fmt: on


def page_url(name: str, circulars) -> str:
    sent, draft_circular = circulars["sent"], circulars["draft"]
    return {
        "archive": lambda: reverse("meetings:circular_archive"),
        "archive_detail": lambda: reverse("meetings:circular_archive_detail", args=[sent.pk]),
        "confirm": lambda: reverse(
            "meetings:circular_confirm", args=[circular_confirm_token(circulars["delivery_a"])]
        ),
        "preview": lambda: reverse("admin:meetings_circular_preview", args=[draft_circular.pk]),
        "progress": lambda: reverse("admin:meetings_circular_progress", args=[sent.pk]),
        "progress_json": lambda: reverse("admin:meetings_circular_progress_json", args=[sent.pk]),
        "changelist": lambda: reverse("admin:meetings_circular_changelist"),
        "deliveries": lambda: reverse("admin:meetings_circulardelivery_changelist"),
    }[name]()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_its_answer(world, login, circulars, name, role):
    client = login(world["users"][role])
    assert answer(client.get(page_url(name, circulars))) == PAGES[name][ROLES.index(role)]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("coordinator_of_a", True),
        ("coordinator_other", False),
        ("ppt_former", False),
        ("secretariat", True),
    ],
)
def test_staff_lists_hold_the_circulars_they_may_read(world, login, circulars, role, sees):
    client = login(world["users"][role])
    body = client.get(reverse("admin:meetings_circular_changelist")).content.decode()
    assert ("Convocatoria a consulta" in body) is sees
    rows = client.get(reverse("admin:meetings_circulardelivery_changelist")).content.decode()
    assert (world["focal_point_a"].email in rows) is sees


def test_a_focal_point_reads_their_circular_in_the_archive(world, login, circulars):
    client = login(world["users"]["focal_point_a"])
    listing = client.get(reverse("meetings:circular_archive")).content.decode()
    assert "Convocatoria a consulta" in listing
    detail = client.get(f"/en/meetings/my-circulars/{circulars['sent'].pk}/").content.decode()
    assert "Call for consultation" in detail and "We write to you in English" in detail
    # B's archive is empty; the draft is in nobody's.
    other = login(world["users"]["focal_point_b"])
    assert "Convocatoria" not in other.get(reverse("meetings:circular_archive")).content.decode()


def test_the_confirm_link_records_once_and_a_tampered_one_is_not_found(world, client, circulars):
    delivery = circulars["delivery_a"]
    url = reverse("meetings:circular_confirm", args=[circular_confirm_token(delivery)])
    # Opening the link (a mail scanner too) records nothing.
    assert client.get(url).status_code == 200
    delivery.refresh_from_db()
    assert delivery.confirmed_at is None
    assert client.post(url).status_code == 200
    delivery.refresh_from_db()
    first = delivery.confirmed_at
    assert first is not None and first <= timezone.now()
    client.post(url)
    delivery.refresh_from_db()
    assert delivery.confirmed_at == first
    assert client.get(url[:-3] + "xx/").status_code == 404
    assert client.post(url[:-3] + "xx/").status_code == 404


def test_a_circular_that_asks_nothing_has_no_confirm_page(world, client):
    circular = draft(groups=[world["group_a"]])
    circular_queue(circular=circular)
    delivery = CircularDelivery.objects.get(circular=circular)
    url = reverse("meetings:circular_confirm", args=[circular_confirm_token(delivery)])
    assert client.get(url).status_code == 404
    assert Circular.objects.get(pk=circular.pk).status == Circular.Status.SENDING


def test_readers_cannot_send_or_mark_bounced(world, login, circulars):
    for role in ("coordinator_of_a", "ppt_former"):
        client = login(world["users"][role])
        preview = reverse("admin:meetings_circular_preview", args=[circulars["draft"].pk])
        client.post(preview, {"send": "1"})
        client.post(
            reverse("admin:meetings_circulardelivery_changelist"),
            {"action": "mark_bounced", "_selected_action": [circulars["delivery_a"].pk]},
        )
    assert Circular.objects.get(pk=circulars["draft"].pk).is_draft
    assert CircularDelivery.objects.get(pk=circulars["delivery_a"].pk).state == "sent"

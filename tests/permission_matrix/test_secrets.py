"""Those who may read a secret are shown it, so the matrix's absences are not vacuous."""

import pytest
from django.urls import reverse

from tests.permission_matrix.roles import (
    A_EMAIL,
    CLOSED_TITLES,
    GUEST_EMAIL,
    GUEST_NAME,
    INTERNAL_TITLES,
    RESTRICTED_TITLES,
    VIRTUAL_LINK,
    all_pages,
    sign_in,
)

pytestmark = pytest.mark.django_db

# Where each secret is shown to those who may read it: the absences above are not vacuous.
SHOWN = [
    ("public meeting", "focal_point_b", (GUEST_NAME, VIRTUAL_LINK, RESTRICTED_TITLES[0])),
    ("public meeting", "coordinator_other", (GUEST_EMAIL, A_EMAIL)),
    ("public meeting", "ppt_current", (INTERNAL_TITLES[0],)),
    ("meetings", "focal_point_a", (CLOSED_TITLES[0],)),
    ("personal calendar of A", "anonymous", (CLOSED_TITLES[0],)),
    ("admin guest participant", "coordinator_of_a", (GUEST_EMAIL,)),
]


@pytest.mark.parametrize(("name", "role", "shown"), SHOWN, ids=[f"{n}|{r}" for n, r, _s in SHOWN])
def test_those_who_may_read_a_secret_are_shown_it(client, world, name, role, shown):
    (page,) = [page for page in all_pages() if page.name == name]
    sign_in(client, world, role)

    body = client.get(page.url(world)).content.decode().replace("\r\n ", "")

    for secret in shown:
        assert secret in body, (name, role, secret)


def test_only_a_reads_their_calendar_address(client, world):
    sign_in(client, world, "focal_point_a")

    response = client.get(reverse("meetings:calendar_address"))

    assert world["calendar_token_a"].token in response.content.decode()

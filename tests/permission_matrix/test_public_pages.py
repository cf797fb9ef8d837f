"""The public directory pages per role: open to all, never a focal point's e-mail or phone.

Rows for a new public page of the directory (or the home page) go in PAGES below.
"""

import pytest
from django.urls import reverse

from tests.permission_matrix.roles import (
    PUBLIC,
    cases,
    check_page,
    row,
    url,
)

pytestmark = pytest.mark.django_db

# fmt: off
PAGES = [
    row("home", url("home"), *PUBLIC),
    row("member countries", url("focal_points:country_list"), *PUBLIC),
    row("country of A",
        lambda world: reverse("focal_points:country_detail", args=[world["country_a"].iso_code]),
        *PUBLIC, url_name="focal_points:country_detail"),
    row("working groups", url("focal_points:group_list"), *PUBLIC),
    row("working group of A", lambda world: world["group_a"].get_absolute_url(), *PUBLIC,
        url_name="focal_points:group_detail"),
    row("sitemap", lambda world: "/sitemap.xml", *PUBLIC, url_name="sitemap"),
]
# fmt: on


@pytest.mark.parametrize(("page", "role"), cases(PAGES))
def test_page_answers_each_role_as_expected_and_refusals_leak_nothing(client, world, page, role):
    check_page(client, world, page, role)

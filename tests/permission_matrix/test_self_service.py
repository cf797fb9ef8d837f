"""Self-service pages of focal points (sign-in, my entry, contacts and their lists) per role.

Rows for a new page of the accounts app go in PAGES below (roles.py explains the answers).
"""

import pytest
from django.urls import reverse

from tests.permission_matrix.roles import (
    CONTACT_FORMATS,
    CONTACT_READERS_OF_A,
    CONTACTS,
    CONTACTS_OF_A,
    CONTACTS_OF_ALL,
    CONTACTS_OF_COUNTRY_A,
    FOCAL_POINT_ONLY,
    OWN_EXPORT_OF_ST,
    PUBLIC,
    STAFF_READERS,
    cases,
    check_page,
    row,
    url,
)

pytestmark = pytest.mark.django_db

# fmt: off
PAGES = [
    row("sign-in", url("accounts:sign_in"), *PUBLIC),
    row("my entry", url("accounts:my_entry"), *FOCAL_POINT_ONLY, sees_a=["focal_point_a"]),
    row("verify", url("accounts:verify"), *FOCAL_POINT_ONLY, sees_a=["focal_point_a"]),
    row("contacts", url("accounts:contacts"), *CONTACTS),
    row(
        "contacts of A's group",
        url("accounts:group_contacts", "group_a"),
        *CONTACTS_OF_A,
        sees_a=CONTACT_READERS_OF_A,
    ),
    # Contact lists to take away: a group's (its members and staff), a country's (staff of
    # that country or of all), the whole directory's (staff who read it all).
    *[
        row(f"contacts of A's group as {fmt}",
            lambda world, fmt=fmt: reverse(
                "accounts:group_contacts_download", args=[world["group_a"].pk, fmt]),
            *CONTACTS_OF_A, sees_a=CONTACT_READERS_OF_A,
            url_name="accounts:group_contacts_download")
        for fmt in CONTACT_FORMATS
    ],
    row("contacts of A's group for BCC", url("accounts:group_contacts_bcc", "group_a"),
        *CONTACTS_OF_A, sees_a=CONTACT_READERS_OF_A),
    *[
        row(f"contacts of A's country as {fmt}",
            lambda world, fmt=fmt: reverse(
                "accounts:country_contacts_download", args=[world["country_a"].iso_code, fmt]),
            *CONTACTS_OF_COUNTRY_A, sees_a=("coordinator_of_a", *STAFF_READERS),
            url_name="accounts:country_contacts_download")
        for fmt in CONTACT_FORMATS
    ],
    row("contacts of A's country for BCC",
        lambda world: reverse("accounts:country_contacts_bcc", args=[world["country_a"].iso_code]),
        *CONTACTS_OF_COUNTRY_A, sees_a=("coordinator_of_a", *STAFF_READERS),
        url_name="accounts:country_contacts_bcc"),
    *[
        row(f"contacts of the whole directory as {fmt}",
            lambda world, fmt=fmt: reverse("accounts:directory_contacts_download", args=[fmt]),
            *CONTACTS_OF_ALL, sees_a=STAFF_READERS,
            url_name="accounts:directory_contacts_download")
        for fmt in CONTACT_FORMATS
    ],
    row("contacts of the whole directory for BCC", url("accounts:directory_contacts_bcc"),
        *CONTACTS_OF_ALL, sees_a=STAFF_READERS),
    row("contact lists prepared for me", url("accounts:contact_exports"), *CONTACTS),
    row("a contact list prepared for the Secretariat",
        url("accounts:contact_export_download", "export_of_secretariat"),
        *OWN_EXPORT_OF_ST, sees_a=("secretariat",)),
]
# fmt: on


@pytest.mark.parametrize(("page", "role"), cases(PAGES))
def test_page_answers_each_role_as_expected_and_refusals_leak_nothing(client, world, page, role):
    check_page(client, world, page, role)

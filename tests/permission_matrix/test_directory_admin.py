"""The directory's staff pages per role: coverage, history, spreadsheets, the queue, the admin.

Rows for a new admin page of focal_points (or of accounts) go in PAGES below; a new
ModelAdmin's own pages come from admin_models.py instead.
"""

import pytest
from django.urls import reverse

from tests.permission_matrix.roles import (
    ACCOUNTS_ADMIN,
    COUNTRY_SCOPED_ADD,
    COUNTRY_SCOPED_ITEM,
    COUNTRY_SCOPED_LIST,
    DIRECTORY_ADMIN,
    DIRECTORY_EDITORS,
    QUEUE_ITEM,
    REFERENCE_ADMIN,
    SEAT_PAGE,
    SHEETS,
    STAFF_PAGE,
    STAFF_READERS,
    admin_url,
    cases,
    check_page,
    row,
    url,
)

pytestmark = pytest.mark.django_db

# The objects of A's seat, by admin model name and world key.
REFERENCE_OBJECTS = (
    ("country", "country_a"),
    ("institution", "institution_a"),
    ("workinggroup", "group_a"),
    ("presidency", "presidency"),
)
COUNTRY_SCOPED_OBJECTS = (
    ("focalpoint", "focal_point_a"),
    ("designation", "designation_a"),
)


# fmt: off
PAGES = [
    # Staff pages of the directory.
    row("admin coverage", url("admin:focal_points_coverage"), *STAFF_PAGE,
        sees_a=()),
    row("admin recent changes", url("admin:focal_points_recent_changes"), *DIRECTORY_ADMIN,
        sees_a=STAFF_READERS),
    row("admin seat history of A",
        lambda world: reverse("admin:focal_points_seat_history", args=[
            world["country_a"].pk, world["group_a"].pk, "principal"]),
        *SEAT_PAGE, sees_a=(), url_name="admin:focal_points_seat_history"),
    # Spreadsheets: only the Secretariat and the presidency in office.
    row("admin import", admin_url("focalpoint", "import"), *SHEETS, sees_a=()),
    row("admin export", admin_url("focalpoint", "export"), *SHEETS, sees_a=()),
    row("admin import template", admin_url("focalpoint", "import_template"), *SHEETS,
        sees_a=()),
    row("admin history of A", admin_url("focalpoint", "history", "focal_point_a"),
        *COUNTRY_SCOPED_ITEM, sees_a=("coordinator_of_a", *STAFF_READERS)),
    # The directory in the admin. Coordinators read the shared reference data (countries,
    # institutions, groups, presidencies) and see only their own country's people and seats:
    # another country's record is "missing" to them.
    *[
        row(f"admin {model} list", admin_url(model, "changelist"), *REFERENCE_ADMIN,
            sees_a=STAFF_READERS)
        for model, _key in REFERENCE_OBJECTS
    ],
    *[
        row(f"admin {model} of A", admin_url(model, "change", key), *REFERENCE_ADMIN,
            sees_a=STAFF_READERS)
        for model, key in REFERENCE_OBJECTS
    ],
    *[
        row(f"admin {model} list", admin_url(model, "changelist"), *COUNTRY_SCOPED_LIST,
            sees_a=("coordinator_of_a", *STAFF_READERS))
        for model, _key in COUNTRY_SCOPED_OBJECTS
    ],
    *[
        row(f"admin {model} of A", admin_url(model, "change", key), *COUNTRY_SCOPED_ITEM,
            sees_a=("coordinator_of_a", *STAFF_READERS))
        for model, key in COUNTRY_SCOPED_OBJECTS
    ],
    # Adding people and seats: coordinators for their own country, never a former PPT.
    *[
        row(f"admin {model} add", admin_url(model, "add"), *COUNTRY_SCOPED_ADD)
        for model, _key in COUNTRY_SCOPED_OBJECTS
    ],
    row("admin verificationrequest list", admin_url("verificationrequest", "changelist"),
        *DIRECTORY_ADMIN, sees_a=STAFF_READERS),
    # The queue of change requests: a former PPT keeps no view of it.
    row("admin changerequest list", admin_url("changerequest", "changelist"),
        *DIRECTORY_ADMIN, sees_a=DIRECTORY_EDITORS),
    row("admin changerequest of A", admin_url("changerequest", "change", "change_request_a"),
        *QUEUE_ITEM, sees_a=DIRECTORY_EDITORS),
    # Every staff member reaches the admin's index; only the Secretariat sets passwords.
    row("admin index", url("admin:index"), *STAFF_PAGE),
    row("admin password of a staff user", url("admin:auth_user_password_change", "staff_user"),
        *ACCOUNTS_ADMIN),
    # A designation letter is read by whoever reads the seat: not another country's coordinator.
    row("admin letter of A's designation",
        url("admin:focal_points_designation_letter", "designation_a"), *SEAT_PAGE),
]
# fmt: on


@pytest.mark.parametrize(("page", "role"), cases(PAGES))
def test_page_answers_each_role_as_expected_and_refusals_leak_nothing(client, world, page, role):
    check_page(client, world, page, role)

"""Demo accounts: one per role, each resolving to the role the portal's rules expect."""

import pytest
from django.contrib.auth.models import Group

from accounts import demo as accounts_demo
from accounts.models import User
from focal_points import demo as directory_demo
from focal_points.access import (
    COORDINATOR_GROUP,
    PPT_STAFF_GROUP,
    SECRETARIAT_GROUP,
    active_focal_point,
    coordinator_country_id,
    holds_presidency,
    is_former_ppt_staff,
    is_secretariat,
)
from tests.conftest import loaded_for_module

pytestmark = pytest.mark.django_db


def _load_demo() -> list[str]:
    directory_demo.load()
    return accounts_demo.load()


@pytest.fixture(scope="module")
def demo_lines(django_db_setup, django_db_blocker):
    # Loaded once for the module; each test's writes are rolled back on top of it.
    with loaded_for_module(django_db_blocker, _load_demo) as lines:
        yield lines


def test_demo_creates_the_three_role_groups_by_name(demo_lines):
    names = set(Group.objects.values_list("name", flat=True))
    assert {SECRETARIAT_GROUP, PPT_STAFF_GROUP, COORDINATOR_GROUP} <= names


def test_demo_accounts_hold_the_roles_they_are_named_after(demo_lines):
    assert is_secretariat(User.objects.get(username="secretariat"))
    officer = User.objects.get(username="st.officer")
    assert is_secretariat(officer) and not officer.is_superuser
    assert holds_presidency(User.objects.get(username="ppt.current"))
    former = User.objects.get(username="ppt.former")
    assert is_former_ppt_staff(former) and not holds_presidency(former)
    coordinator = User.objects.get(username="coordinator.cr")
    assert coordinator_country_id(coordinator) == coordinator.country.pk
    assert coordinator.country.iso_code == "CR"


def test_demo_focal_point_users_have_no_password_and_are_printed_with_their_email(demo_lines):
    users = User.objects.filter(focal_point__isnull=False)
    assert users.count() == 2
    printed = "\n".join(demo_lines)
    for user in users:
        assert not user.has_usable_password()
        assert active_focal_point(user) == user.focal_point
        assert user.email == user.focal_point.email
        assert user.email in printed
    assert "sign-in" in printed


def test_demo_staff_accounts_sign_in_with_the_printed_password(client, demo_lines):
    assert accounts_demo.DEMO_PASSWORD in "\n".join(demo_lines)
    response = client.post(
        "/en/accounts/staff-sign-in/",
        {"username": "ppt.current", "password": accounts_demo.DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/en/admin/").status_code == 200


def test_demo_accounts_load_twice_without_duplicates(demo_lines):
    before = list(User.objects.order_by("pk").values_list("username", "password"))
    accounts_demo.load()
    assert list(User.objects.order_by("pk").values_list("username", "password")) == before

"""The role groups exist with the permissions of their role, also for later models."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from focal_points.access import (
    COORDINATOR_GROUP,
    PPT_STAFF_GROUP,
    SECRETARIAT_GROUP,
    role_groups_sync,
)

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_migration_creates_the_three_role_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {SECRETARIAT_GROUP, PPT_STAFF_GROUP, COORDINATOR_GROUP} <= names


def test_secretariat_and_ppt_staff_manage_the_whole_directory():
    for group_name in (SECRETARIAT_GROUP, PPT_STAFF_GROUP):
        perms = codenames(group_name)
        for model in ("focalpoint", "designation", "institution", "country", "presidency"):
            assert {f"add_{model}", f"change_{model}", f"delete_{model}"} <= perms


def test_only_the_secretariat_manages_user_accounts():
    assert "change_user" in codenames(SECRETARIAT_GROUP)
    assert "change_user" not in codenames(PPT_STAFF_GROUP)


def test_coordinators_edit_focal_points_but_only_read_reference_data():
    perms = codenames(COORDINATOR_GROUP)
    assert {"change_focalpoint", "add_designation", "view_country"} <= perms
    assert "change_country" not in perms
    assert "change_institution" not in perms


def test_permissions_of_a_model_added_later_reach_ppt_staff_and_secretariat():
    # A model of the documents app that appears after the role migration ran.
    content_type = ContentType.objects.create(app_label="documents", model="circular")
    permission = Permission.objects.create(
        content_type=content_type, codename="change_circular", name="Can change circular"
    )
    role_groups_sync(group_model=Group, permission_model=Permission)
    assert "change_circular" in codenames(PPT_STAFF_GROUP)
    assert "change_circular" in codenames(SECRETARIAT_GROUP)
    assert "change_circular" not in codenames(COORDINATOR_GROUP)
    assert permission.pk


def test_migrate_regrants_permissions_after_a_group_lost_them():
    Group.objects.get(name=PPT_STAFF_GROUP).permissions.clear()
    call_command("migrate", verbosity=0)
    assert "change_focalpoint" in codenames(PPT_STAFF_GROUP)

"""The role groups and their permissions, kept in step with the installed models.

A data migration creates the groups; a post_migrate handler re-grants the permissions after
every migrate, so models added later (documents, meetings...) reach PPT staff and the
Secretariat without another data migration.
"""

from django.utils.translation import gettext_lazy as _

from accounts.roles import COORDINATOR_GROUP, PPT_STAFF_GROUP, SECRETARIAT_GROUP

# Group names are stored in English (code constants); people read them translated.
ROLE_LABELS = {
    SECRETARIAT_GROUP: _("Technical Secretariat"),
    PPT_STAFF_GROUP: _("PPT staff"),
    COORDINATOR_GROUP: _("Country coordinator"),
}

# PPT staff and the Secretariat manage everything in these apps; the presidency scope in the
# admin (core.admin.PresidencyScopedAdminMixin) turns PPT staff read-only after their term.
DIRECTORY_APPS = ("focal_points", "documents", "meetings")
# The Secretariat also manages accounts (staff users, their roles and countries).
SECRETARIAT_EXTRA_APPS = ("accounts", "auth")
# Coordinators designate their own country's focal points; the admin limits them to it.
COORDINATOR_CODENAMES = {
    "focal_points": [
        "add_focalpoint",
        "change_focalpoint",
        "delete_focalpoint",
        "view_focalpoint",
        "add_designation",
        "change_designation",
        "delete_designation",
        "view_designation",
        "view_institution",
        "view_country",
        "view_workinggroup",
        "view_presidency",
    ],
}


def role_groups_sync(*, group_model, permission_model) -> None:
    """Create the three role groups and grant each the permissions of its role."""
    secretariat, _ = group_model.objects.get_or_create(name=SECRETARIAT_GROUP)
    ppt_staff, _ = group_model.objects.get_or_create(name=PPT_STAFF_GROUP)
    coordinator, _ = group_model.objects.get_or_create(name=COORDINATOR_GROUP)

    directory = permission_model.objects.filter(content_type__app_label__in=DIRECTORY_APPS)
    secretariat.permissions.add(
        *directory,
        *permission_model.objects.filter(content_type__app_label__in=SECRETARIAT_EXTRA_APPS),
    )
    ppt_staff.permissions.add(*directory)
    for app_label, codenames in COORDINATOR_CODENAMES.items():
        coordinator.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )


def sync_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: grant the permissions of models created since the last run."""
    from django.contrib.auth.models import Group, Permission

    if using != "default":
        return
    role_groups_sync(group_model=Group, permission_model=Permission)

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.models import Group, Permission

        from accounts.labels import group_label, permission_label
        from focal_points.access import sync_after_migrate

        # Every list, filter, select and title of the admin names groups and permissions
        # through str(): translate them there, once (accounts/labels.py says why).
        Group.__str__ = group_label
        Permission.__str__ = permission_label

        # Connected without a sender: auth creates permissions in its own post_migrate
        # handler, and every app's models must exist before we grant them.
        post_migrate.connect(sync_after_migrate, dispatch_uid="accounts_role_groups_sync")
        # After every migrate (and test flush) the verification cycle is on the queue's
        # schedule, at the period the settings name.
        # So is the daily clean-up of prepared contact lists.
        from accounts.tasks import contact_exports_schedule_sync, verification_schedule_sync

        post_migrate.connect(
            verification_schedule_sync, sender=self, dispatch_uid="accounts_verification_schedule"
        )
        post_migrate.connect(
            contact_exports_schedule_sync,
            sender=self,
            dispatch_uid="accounts_contact_exports_schedule",
        )

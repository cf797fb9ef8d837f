from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        # The invitations' sending runs on the task queue's schedule, written after migrate.
        from meetings.tasks import circular_schedule_sync, invitation_schedule_sync

        post_migrate.connect(
            invitation_schedule_sync, sender=self, dispatch_uid="meetings_invitation_schedule"
        )
        post_migrate.connect(
            circular_schedule_sync, sender=self, dispatch_uid="meetings_circular_schedule"
        )

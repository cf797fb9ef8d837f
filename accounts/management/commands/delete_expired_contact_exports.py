"""Delete the prepared contact lists past their keeping period, and their files."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from accounts.contact_lists.expiry import contact_exports_delete_expired
from accounts.models import ContactExport


class Command(BaseCommand):
    help = (
        "Delete prepared contact lists (rows and files) asked for more than "
        "CONTACT_EXPORT_KEEP_DAYS days ago; the queue runs the same clean-up daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run, **options):
        if dry_run:
            count = ContactExport.objects.expired().count()
            message = ngettext(
                "Would delete %(count)d prepared contact list (kept %(days)d days).",
                "Would delete %(count)d prepared contact lists (kept %(days)d days).",
                count,
            )
        else:
            count = contact_exports_delete_expired()
            message = ngettext(
                "Deleted %(count)d prepared contact list (kept %(days)d days).",
                "Deleted %(count)d prepared contact lists (kept %(days)d days).",
                count,
            )
        days = settings.CONTACT_EXPORT_KEEP_DAYS
        self.stdout.write(self.style.SUCCESS(message % {"count": count, "days": days}))

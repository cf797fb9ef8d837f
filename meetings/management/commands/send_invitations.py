"""Send the meeting invitations and reminders that are due (run it from cron or by hand)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from meetings.invitations.sending import invitation_send_pending
from meetings.models import Meeting


class Command(BaseCommand):
    help = (
        "Send the invitations and reminders waiting to be sent, each once; running it twice, "
        "or two at a time, sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meeting", help="Only this meeting (its address name).")
        parser.add_argument("--limit", type=int, help="Send at most this many e-mails.")

    def handle(self, *args, meeting=None, limit=None, **options):
        chosen = None
        if meeting:
            chosen = Meeting.objects.filter(slug=meeting).first()
            if chosen is None:
                raise CommandError(
                    _("No meeting with the address name %(slug)s.") % {"slug": meeting}
                )
        if limit is not None and limit < 1:
            raise CommandError(_("--limit must be at least 1."))
        report = invitation_send_pending(meeting=chosen, limit=limit)
        self.stdout.write(
            _(
                "%(invitations)d invitations and %(reminders)d reminders sent; %(failed)d "
                "failed, %(bounced)d refused by the recipient's server, %(retried)d to be "
                "tried again later."
            )
            % vars(report)
        )

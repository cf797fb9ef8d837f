"""Ask every focal point whose entry is stale to confirm or update it, by e-mail."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.services import verification_requests_send
from focal_points.models import STALE_AFTER_MONTHS, Country, WorkingGroup
from focal_points.services import VERIFICATION_RESEND_AFTER_DAYS, verification_due


def _line(number: int, total: int, focal_point) -> str:
    return f"[{number}/{total}] {focal_point.full_name} <{focal_point.email}>"


class Command(BaseCommand):
    help = (
        "E-mail active focal points not verified in the last N months a link to confirm or "
        f"update their entry (never twice within {VERIFICATION_RESEND_AFTER_DAYS} days)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=STALE_AFTER_MONTHS,
            help="Ask people not verified for this many months (default: %(default)s).",
        )
        parser.add_argument("--country", help="Only this country (ISO code, e.g. CR).")
        parser.add_argument("--group", help="Only this working group (id or acronym).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be asked; send nothing."
        )

    def handle(self, *args, months, country, group, dry_run, **options):
        if months < 1:
            raise CommandError(_("--months must be at least 1."))
        country_obj = None
        if country:
            country_obj = Country.objects.filter(iso_code=country.upper()).first()
            if country_obj is None:
                raise CommandError(_("No country with ISO code %(code)s.") % {"code": country})
        group_obj = None
        if group:
            by_acronym = Q(acronym_es__iexact=group) | Q(acronym_en__iexact=group)
            matches = WorkingGroup.objects.filter(
                Q(pk=int(group)) if group.isdigit() else by_acronym
            )
            if matches.count() != 1:
                raise CommandError(
                    _("No single working group matches %(group)s.") % {"group": group}
                )
            group_obj = matches.get()

        due = list(verification_due(months=months, country=country_obj, working_group=group_obj))
        total = len(due)
        if dry_run:
            heading = ngettext(
                "Would ask %(count)d focal point to confirm their entry.",
                "Would ask %(count)d focal points to confirm their entry.",
                total,
            )
        else:
            heading = ngettext(
                "Asking %(count)d focal point to confirm their entry.",
                "Asking %(count)d focal points to confirm their entry.",
                total,
            )
        self.stdout.write(heading % {"count": total})
        if dry_run:
            for number, focal_point in enumerate(due, start=1):
                self.stdout.write(_line(number, total, focal_point))
            return
        position = iter(range(1, total + 1))

        def report(focal_point, error):
            line = _line(next(position), total, focal_point)
            if error is None:
                self.stdout.write(_("%(line)s: sent") % {"line": line})
            else:
                self.stderr.write(
                    _("%(line)s: not sent (%(error)s)") % {"line": line, "error": error}
                )

        sent, failed = verification_requests_send(focal_points=due, on_each=report)
        summary = ngettext(
            "Sent %(count)d verification request.",
            "Sent %(count)d verification requests.",
            sent,
        ) % {"count": sent}
        if failed:
            summary += " " + ngettext("%(count)d failed.", "%(count)d failed.", failed) % {
                "count": failed
            }
        self.stdout.write(self.style.SUCCESS(summary))

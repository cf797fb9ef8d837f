"""Rules shared by the directory's models: limits, periods, the verification cutoff."""

from datetime import date, timedelta

from django.contrib.postgres.fields import DateRangeField
from django.db import models
from django.db.models import Func, Value
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STALE_AFTER_MONTHS = 12
# Database constraints whose messages forms and services show by name.
ONE_PRINCIPAL_PER_SEAT = "designation_one_principal_per_seat"
DESIGNATION_ENDS_AFTER_START = "designation_ends_after_start"
PRESIDENCIES_DO_NOT_OVERLAP = "presidency_periods_do_not_overlap"

# Length limits of free text: generous for real entries, and a wall against a pasted book.
ADDRESS_MAX_LENGTH = 500
MANDATE_MAX_LENGTH = 5000
MESSAGE_MAX_LENGTH = 5000
ALTERNATE_EMAILS_MAX = 10


def text_at_most(field_name: str, limit: int, name: str) -> models.CheckConstraint:
    """Return a database check that a text column holds at most `limit` characters."""
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field_name), limit), name=name)


class DateRange(Func):
    """daterange(start, end, '[]'): an inclusive period; a missing end is open."""

    function = "DATERANGE"
    output_field = DateRangeField()


def inclusive_period(start: str, end: str) -> DateRange:
    """Return the inclusive daterange of two date fields, for exclusion constraints."""
    return DateRange(start, end, Value("[]"))


def stale_cutoff(today: date | None = None, months: int = STALE_AFTER_MONTHS) -> date:
    """Return the date before which a verification is stale."""
    today = today or timezone.localdate()
    return today - timedelta(days=round(months * 365.25 / 12))


class Language(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")

"""The kinds of column of the directory sheet, and how each reads one cell.

As in pretix's order import, each column is a small object whose clean() turns one cell
into the value the model takes, or raises ValidationError with a message naming the column.
Nothing here queries the database: the names a cell may refer to come in a Lookups.
"""

import functools
from dataclasses import dataclass
from datetime import date, datetime

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from core.text import fold
from focal_points.models import (
    Country,
    Designation,
    FocalPoint,
    Institution,
    WorkingGroup,
)

# A cell that starts with one of these is a formula to Excel and LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Codes, dates, phones and names looked up in the directory: far above any real value.
CELL_MAX_LENGTH = 255
YES = {"yes", "y", "si", "s", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


def neutralise_formula(value: str) -> str:
    """Prefix a free-text cell that a spreadsheet would run as a formula with a quote."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unquote(value: str) -> str:
    """Undo neutralise_formula(), so an exported file re-imports unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def _names(*names) -> set[str]:
    return {fold(name).strip() for name in names if name}


@dataclass
class Lookups:
    """The countries, institutions and groups a row may name, indexed by folded name."""

    countries: dict[str, Country]
    institutions: dict[tuple[int | None, str], list[Institution]]
    groups: dict[str, list[WorkingGroup]]

    @classmethod
    def index(cls, *, countries, institutions, groups) -> "Lookups":
        """Index the given records (any iterables) by the names a sheet may use."""
        lookups = cls({country.iso_code: country for country in countries}, {}, {})
        for group in groups:
            names = _names(group.name_es, group.name_en, group.acronym_es, group.acronym_en)
            for name in names:
                lookups.groups.setdefault(name, []).append(group)
        for institution in institutions:
            names = _names(
                institution.name_es,
                institution.name_en,
                institution.acronym_es,
                institution.acronym_en,
            )
            for name in names:
                key = (institution.country_id, name)
                lookups.institutions.setdefault(key, []).append(institution)
        return lookups


class Column:
    """One column of the sheet; clean() reads a non-empty cell, empty() an empty one."""

    model = FocalPoint

    def __init__(self, key, label, help_text, *, required=False, text=False, max_length=None):
        self.key = key
        self.label = label  # lazy: resolved inside translation.override()
        self.help = help_text
        self.required = required  # the header must be in the file
        self.text = text  # free text: neutralised against formulas on export
        self._max_length = max_length

    @functools.cached_property
    def max_length(self) -> int:
        """Return the longest cell accepted: a free-text field's own length where it has one."""
        if self._max_length:
            return self._max_length
        if not self.text:
            # Codes and choices are checked against their lists; a label may be longer
            # than the code the field stores ("Español" for "es").
            return CELL_MAX_LENGTH
        try:
            field = self.model._meta.get_field(self.key)
        except Exception:  # a column that is no field of the model (country, group...)
            return CELL_MAX_LENGTH
        return getattr(field, "max_length", None) or CELL_MAX_LENGTH

    def read(self, value: str, row: dict, lookups: Lookups):
        """Return the model value of a cell, or raise ValidationError naming the column."""
        if self.text:
            value = unquote(value)
        self.check_length(value)
        if not value:
            return self.empty(row)
        return self.clean(value, row, lookups)

    def check_length(self, value: str) -> None:
        if len(value) > self.max_length:
            raise self.error(
                _("%(column)s: %(length)s characters, more than the %(limit)s allowed."),
                length=number_format(len(value), force_grouping=True),
                limit=number_format(self.max_length, force_grouping=True),
            )

    def empty(self, row: dict):
        if self.required:
            raise self.error(_("%(column)s is required."))
        return ""

    def clean(self, value: str, row: dict, lookups: Lookups):
        return value

    def error(self, message: str, **params) -> ValidationError:
        return ValidationError(message % {"column": self.label, **params})


class EmailColumn(Column):
    def read(self, value, row, lookups):
        # Not unquoted: an address starting with a quote is refused as it is.
        if not value:
            raise ValidationError(_("The e-mail is required."))
        self.check_length(value)
        try:
            validate_email(value)
        except ValidationError as error:
            raise ValidationError(
                _("“%(value)s” is not a valid e-mail address.") % {"value": value}
            ) from error
        return value


class ChoiceColumn(Column):
    def __init__(self, *args, choices, default="", **kwargs):
        super().__init__(*args, **kwargs)
        self._choices = choices  # a callable: labels are lazy, models load first
        self.default = default

    @functools.cached_property
    def codes(self) -> dict[str, str]:
        """Map codes and folded labels in Spanish and English to codes."""
        mapping = {}
        for language in ("es", "en"):
            with translation.override(language):
                mapping.update({fold(str(label)).strip(): code for code, label in self._choices()})
        mapping.update({code: code for code, _label in self._choices()})
        return mapping

    def empty(self, row):
        return self.default

    def clean(self, value, row, lookups):
        code = self.codes.get(fold(value).strip())
        if code is None:
            raise self.error(
                _("%(column)s: “%(value)s” is not allowed; use one of %(codes)s."),
                value=value,
                codes=", ".join(code for code, _label in self._choices()),
            )
        return code


class LanguagesColumn(ChoiceColumn):
    def empty(self, row):
        return []

    def clean(self, value, row, lookups):
        codes, errors = [], []
        for part in value.replace(";", ",").replace(" ", ",").split(","):
            if part.strip():
                try:
                    codes.append(super().clean(part, row, lookups))
                except ValidationError as error:
                    errors.append(error)
        if errors:
            raise ValidationError(errors)
        return codes


class YesNoColumn(Column):
    def empty(self, row):
        return False

    def clean(self, value, row, lookups):
        answer = fold(value).strip()
        if answer not in YES | NO:
            raise self.error(_("%(column)s: write yes or no."))
        return answer in YES


class DateColumn(Column):
    def __init__(self, *args, required_with_group=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.required_with_group = required_with_group

    def empty(self, row):
        if self.required_with_group:
            raise self.error(_("%(column)s is required with a working group."))
        return None

    def clean(self, value, row, lookups):
        text = value[:10] if "-" in value else value
        for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
            try:
                return parse(text)
            except ValueError:
                continue
        raise self.error(
            _("%(column)s: “%(value)s” is not a date; write it as YYYY-MM-DD."), value=value
        )


class CountryColumn(Column):
    def empty(self, row):
        # An empty country means an international organization (IOM, UNHCR...): its
        # institutions belong to no country.
        return None

    def clean(self, value, row, lookups):
        country = lookups.countries.get(value.strip().upper())
        if country is None:
            raise ValidationError(
                _("Unknown country “%(value)s”: use a two-letter ISO code from the template.")
                % {"value": value}
            )
        return country


class InstitutionColumn(Column):
    def clean(self, value, row, lookups):
        if "country" not in row:
            return None  # the country's error is enough; matched once it is corrected
        country = row["country"]
        matches = lookups.institutions.get((country.pk if country else None, fold(value).strip()))
        if matches and len(matches) == 1:
            return matches[0]
        message = (
            _("“%(value)s” matches several institutions in %(country)s: use the full name.")
            if matches
            else _(
                "Unknown institution “%(value)s” in %(country)s: add it to the directory "
                "first, or use its name as written there."
            )
        )
        where = country.name if country else _("international organizations")
        raise ValidationError(message % {"value": value, "country": where})


@functools.lru_cache(maxsize=4096)
def _phone_rfc3966(value: str, region: str | None) -> str | None:
    """Return a valid number in RFC 3966 form, or None: each distinct cell parsed once."""
    # A person's phones repeat on each of their rows (one per designation).
    try:
        number = PhoneNumber.from_string(value, region=region)
    except phonenumbers.NumberParseException:
        return None
    # RFC 3966 (the directory's storage format) keeps an extension: "ext. 3" survives.
    return number.as_rfc3966 if number.is_valid() else None


class CheckedPhoneNumber(PhoneNumber):
    """A number a PhoneColumn accepted: its validity and each of its formats worked out once.

    Saving a person checks and formats each phone again, twice (the field's length test
    formats it too): for 10,000 people that was seconds of the confirm step.
    """

    def is_valid(self) -> bool:
        if "_valid" not in self.__dict__:
            self._valid = super().is_valid()
        return self._valid

    def format_as(self, format) -> str:
        formats = self.__dict__.setdefault("_formats", {})
        if format not in formats:
            formats[format] = super().format_as(format)
        return formats[format]


@functools.lru_cache(maxsize=4096)
def checked_phone(rfc3966: str) -> CheckedPhoneNumber:
    """Return the number a PhoneColumn accepted, parsed once for every model it goes into."""
    # Assigning the text instead would parse it again on each model, at each setattr.
    return CheckedPhoneNumber.from_string(rfc3966)


class PhoneColumn(Column):
    def clean(self, value, row, lookups):
        if "country" not in row:
            # A national number cannot be read without the country: its error is enough.
            return ""
        region = row["country"].iso_code if row["country"] else None
        number = _phone_rfc3966(value, region)
        if number is None:
            message = (
                _("%(column)s: “%(value)s” is not a valid phone number for %(country)s.")
                if region
                else _(
                    "%(column)s: “%(value)s” is not a valid international phone number: start "
                    "it with + and the country code."
                )
            )
            raise self.error(message, value=value, country=region)
        return number


class GroupColumn(Column):
    def clean(self, value, row, lookups):
        groups = lookups.groups.get(fold(value).strip(), [])
        if len(groups) == 1:
            return groups[0]
        message = (
            _("“%(value)s” matches several working groups: use the full name.")
            if groups
            else _("Unknown working group “%(value)s”: use an acronym or name from the template.")
        )
        raise ValidationError(message % {"value": value})


class DesignationCountryColumn(Column):
    def empty(self, row):
        if "country" not in row:
            return None  # the person's country is unknown: its error is enough
        if row["country"] is None:
            raise self.error(
                _(
                    "%(column)s is required for a person of an international organization "
                    "designated in a group."
                )
            )
        return row["country"]

    def clean(self, value, row, lookups):
        country = lookups.countries.get(value.strip().upper())
        if country is None:
            raise ValidationError(
                _("Unknown designation country “%(value)s”: use a two-letter ISO code.")
                % {"value": value}
            )
        return country


class RoleColumn(ChoiceColumn):
    def empty(self, row):
        raise self.error(_("%(column)s is required with a working group."))


class LetterReferenceColumn(Column):
    model = Designation

"""A contact list as plain rows: one per current seat, in the CRM's order."""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

import phonenumbers
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.selectors import contact_designations
from focal_points.models import Country, Designation, Language, WorkingGroup

# Downloaded files are named "<prefix>-<list>-<date>.<extension>" (contactos-… in Spanish).
FILENAME_PREFIX = _("contacts")
# A `mailto:` link longer than this is cut off by common mail clients and browsers.
MAILTO_MAX_LENGTH = 2000

# Columns of the XLSX (and of the PDF's cells), in order: attribute and heading.
COLUMNS = [
    ("country", _("Country")),
    ("group", _("Working group")),
    ("role", _("Role")),
    ("honorific", _("Honorific")),
    ("given_name", _("Given names")),
    ("family_name", _("Family names")),
    ("position", _("Position")),
    ("institution", _("Institution")),
    ("postal_address", _("Postal address")),
    ("phone", _("Phone")),
    ("mobile", _("Mobile")),
    ("fax", _("Fax")),
    ("email", _("E-mail")),
    ("other_emails", _("Other e-mails")),
    ("languages", _("Languages")),
]


def international(number) -> str:
    """Write a stored phone number with its country code: +506 2222 0001."""
    if not number:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@dataclass(frozen=True)
class ContactRow:
    """One person in one seat, every field as text in the active language."""

    focal_point_id: int
    country: str
    group: str
    role: str
    honorific: str
    given_name: str
    family_name: str
    position: str
    institution: str
    postal_address: str
    phone: str
    mobile: str
    fax: str
    email: str
    other_emails: tuple[str, ...] = ()
    language_codes: tuple[str, ...] = ()
    languages: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def cell(self, column: str) -> str:
        """Return a column's text (lists joined), for spreadsheets."""
        value = getattr(self, column)
        return ", ".join(value) if isinstance(value, tuple) else value


def contact_row(designation: Designation) -> ContactRow:
    """Read a designation and its person into a row of text."""
    person = designation.focal_point
    institution = person.institution
    labels = dict(Language.choices)
    return ContactRow(
        focal_point_id=person.pk,
        country=str(designation.country),
        group=str(designation.working_group),
        role=str(designation.get_role_display()),
        honorific=str(person.get_honorific_display()) if person.honorific else "",
        given_name=person.given_name,
        family_name=person.family_name,
        position=person.position or "",
        institution=str(institution),
        postal_address=person.postal_address or institution.address or "",
        phone=international(person.phone),
        mobile=international(person.mobile),
        fax=international(person.fax),
        email=person.email,
        other_emails=tuple(person.alternate_emails),
        language_codes=tuple(person.languages),
        languages=", ".join(str(labels.get(code, code)) for code in person.languages),
    )


@dataclass
class ContactList:
    """A list's heading, when it was produced and its rows."""

    title: str
    slug: str
    rows: list[ContactRow]
    produced_at: datetime = field(default_factory=timezone.now)
    # A group's list names the group once in its title; other lists name it on each row.
    shows_group: bool = True

    def by_country(self) -> list[tuple[str, list[ContactRow]]]:
        """Return the rows grouped by country, in the list's order."""
        return [(country, list(rows)) for country, rows in groupby(self.rows, lambda r: r.country)]

    def people(self) -> list[ContactRow]:
        """Return each person once (their first seat in the list's order)."""
        seen, people = set(), []
        for row in self.rows:
            if row.focal_point_id not in seen:
                seen.add(row.focal_point_id)
                people.append(row)
        return people

    def emails(self) -> list[str]:
        """Return each person's main address once, in the list's order."""
        seen, emails = set(), []
        for row in self.rows:
            if row.email.lower() not in seen:
                seen.add(row.email.lower())
                emails.append(row.email)
        return emails

    def mailto(self) -> str:
        """Return a mailto: link with every address in BCC, or "" when it would be too long."""
        link = "mailto:?bcc=" + ",".join(self.emails())
        return link if self.emails() and len(link) <= MAILTO_MAX_LENGTH else ""

    def filename(self, extension: str) -> str:
        return f"{self.slug}-{self.produced_at:%Y-%m-%d}.{extension}"


def contact_list_title(*, working_group: WorkingGroup | None, country: Country | None) -> str:
    """Name a list in the active language."""
    if working_group is not None:
        return str(working_group)
    if country is not None:
        return str(country)
    return str(_("Whole directory"))


def contact_list_read(
    *, user, working_group: WorkingGroup | None = None, country: Country | None = None
) -> ContactList:
    """Read the list the user may see of a group, a country or (neither) the whole directory."""
    designations = contact_designations(user, working_group=working_group, country=country)
    if working_group is not None:
        slug = working_group.slug
    elif country is not None:
        slug = country.iso_code.lower()
    else:
        slug = "directory"
    return ContactList(
        title=contact_list_title(working_group=working_group, country=country),
        slug=f"{slugify(FILENAME_PREFIX)}-{slug}",
        rows=[contact_row(designation) for designation in designations],
        shows_group=working_group is None,
    )

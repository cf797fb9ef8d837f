"""The columns of the directory sheet, in the order of the template."""

from django.utils import translation
from django.utils.translation import gettext_lazy

from focal_points.models import Designation, FocalPoint, Language
from focal_points.sheets.cells import (
    ChoiceColumn,
    Column,
    CountryColumn,
    DateColumn,
    DesignationCountryColumn,
    EmailColumn,
    GroupColumn,
    InstitutionColumn,
    LanguagesColumn,
    LetterReferenceColumn,
    PhoneColumn,
    RoleColumn,
    YesNoColumn,
)

# Text fields have no length of their own: the sheet caps them, so a document pasted into
# a cell is refused instead of landing in the directory.
POSTAL_ADDRESS_MAX_LENGTH = 500


COLUMNS = [
    EmailColumn(
        "email",
        gettext_lazy("E-mail"),
        gettext_lazy("The person's main address; identifies the person (capitals ignored)."),
        required=True,
        text=True,
    ),
    Column(
        "given_name", gettext_lazy("Given names"), gettext_lazy("Text."), required=True, text=True
    ),
    Column(
        "family_name", gettext_lazy("Family names"), gettext_lazy("Text."), required=True, text=True
    ),
    ChoiceColumn(
        "honorific",
        gettext_lazy("Honorific"),
        gettext_lazy("One of the codes listed below, or empty."),
        choices=lambda: FocalPoint.Honorific.choices,
    ),
    Column("position_es", gettext_lazy("Position (Spanish)"), gettext_lazy("Text."), text=True),
    Column("position_en", gettext_lazy("Position (English)"), gettext_lazy("Text."), text=True),
    CountryColumn(
        "country",
        gettext_lazy("Country (ISO code)"),
        gettext_lazy(
            "Two-letter ISO code of the institution's country, e.g. CR (list below);"
            " empty for an international organization. Phone numbers without +country code"
            " are read as numbers of this country."
        ),
        required=True,
    ),
    InstitutionColumn(
        "institution",
        gettext_lazy("Institution"),
        gettext_lazy(
            "Name (Spanish or English) or acronym of an institution already in "
            "the directory for that country."
        ),
        required=True,
        text=True,
    ),
    PhoneColumn(
        "phone",
        gettext_lazy("Phone"),
        gettext_lazy("International (+506 2222 3333) or national format; stored as +50622223333."),
    ),
    PhoneColumn("mobile", gettext_lazy("Mobile"), gettext_lazy("Like the phone.")),
    PhoneColumn("fax", gettext_lazy("Fax"), gettext_lazy("Like the phone.")),
    Column(
        "postal_address",
        gettext_lazy("Postal address"),
        gettext_lazy("Text."),
        text=True,
        max_length=POSTAL_ADDRESS_MAX_LENGTH,
    ),
    LanguagesColumn(
        "languages",
        gettext_lazy("Languages spoken"),
        gettext_lazy("Language codes separated by commas, e.g. es, en (list below)."),
        choices=lambda: Language.choices,
    ),
    ChoiceColumn(
        "preferred_language",
        gettext_lazy("Preferred language"),
        gettext_lazy("es or en; empty means es."),
        choices=lambda: [c for c in Language.choices if c[0] != "fr"],
        default="es",
    ),
    YesNoColumn(
        "public_listing_consent",
        gettext_lazy("Listed publicly"),
        gettext_lazy("yes or no (sí/no also accepted); empty means no."),
    ),
    DateColumn(
        "last_verified_on",
        gettext_lazy("Last verified on"),
        gettext_lazy("Date as YYYY-MM-DD (or DD/MM/YYYY, or a date cell)."),
    ),
    GroupColumn(
        "group",
        gettext_lazy("Working group"),
        gettext_lazy(
            "Acronym or name (Spanish or English) of the group (list below). Empty "
            "for a person without designation: then leave the next columns empty "
            "too."
        ),
        text=True,
    ),
    DesignationCountryColumn(
        "designation_country",
        gettext_lazy("Designation country (ISO code)"),
        gettext_lazy(
            "The country the person represents in the group; empty means the institution's country."
        ),
    ),
    RoleColumn(
        "role",
        gettext_lazy("Role"),
        gettext_lazy("Required with a group: one of the codes listed below."),
        choices=lambda: Designation.Role.choices,
    ),
    DateColumn(
        "starts_on",
        gettext_lazy("Starts on"),
        gettext_lazy("Required with a group. Date as YYYY-MM-DD."),
        required_with_group=True,
    ),
    DateColumn(
        "ends_on",
        gettext_lazy("Ends on"),
        gettext_lazy("Date as YYYY-MM-DD; empty means until further notice."),
    ),
    LetterReferenceColumn(
        "letter_reference",
        gettext_lazy("Letter reference"),
        gettext_lazy("Reference of the note verbale or letter of designation."),
        text=True,
    ),
    DateColumn("letter_date", gettext_lazy("Letter date"), gettext_lazy("Date as YYYY-MM-DD.")),
]
COLUMN_KEYS = [column.key for column in COLUMNS]
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
PERSON_KEYS = COLUMN_KEYS[: COLUMN_KEYS.index("group")]
DESIGNATION_KEYS = COLUMN_KEYS[COLUMN_KEYS.index("group") :]
PHONE_KEYS = ("phone", "mobile", "fax")


def header_labels(language: str) -> list[str]:
    """Return the header row in the given language."""
    with translation.override(language):
        return [str(column.label) for column in COLUMNS]

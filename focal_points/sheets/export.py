"""Export the directory as a sheet, and build the documented import template."""

import io

import openpyxl
import tablib
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from focal_points.models import Country, Designation, FocalPoint, Language, WorkingGroup
from focal_points.sheets.cells import neutralise_formula
from focal_points.sheets.columns import COLUMNS, DESIGNATION_KEYS, header_labels


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _group_label(group: WorkingGroup) -> str:
    return group.acronym_es or group.acronym_en or group.name_es


def _phone(number) -> str:
    # E.164 reads back everywhere; an extension follows as "ext. 3", which the import keeps.
    if not number:
        return ""
    return f"{number.as_e164} ext. {number.extension}" if number.extension else number.as_e164


def export_rows(queryset=None):
    """Yield one dict per person x designation, values in the active language."""
    if queryset is None:
        queryset = FocalPoint.objects.all()
    queryset = (
        queryset.select_related("institution__country")
        .prefetch_related(
            Prefetch(
                "designations",
                queryset=Designation.objects.select_related("working_group", "country").order_by(
                    "starts_on", "pk"
                ),
            )
        )
        .order_by("family_name_folded", "given_name_folded", "pk")
    )
    for person in queryset.iterator(chunk_size=2000):
        institution = person.institution
        base = {
            "email": person.email,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "honorific": person.honorific,
            "position_es": person.position_es or "",
            "position_en": person.position_en or "",
            "country": institution.country.iso_code if institution.country_id else "",
            "institution": institution.name_es,
            "phone": _phone(person.phone),
            "mobile": _phone(person.mobile),
            "fax": _phone(person.fax),
            "postal_address": person.postal_address,
            "languages": ", ".join(person.languages),
            "preferred_language": person.preferred_language,
            "public_listing_consent": _yes_no(person.public_listing_consent),
            "last_verified_on": person.last_verified_on,
        }
        designations = list(person.designations.all())
        if not designations:
            yield {**base, **dict.fromkeys(DESIGNATION_KEYS, "")}
        for designation in designations:
            yield {
                **base,
                "group": _group_label(designation.working_group),
                "designation_country": designation.country.iso_code,
                "role": designation.role,
                "starts_on": designation.starts_on,
                "ends_on": designation.ends_on,
                "letter_reference": designation.letter_reference,
                "letter_date": designation.letter_date,
            }


def export_dataset(queryset=None, *, language: str) -> tablib.Dataset:
    """Return the directory as a dataset with headers and values in the given language."""
    # Export inside translation.override(): headers and yes/no come from lazy translations.
    with translation.override(language):
        dataset = tablib.Dataset(headers=header_labels(language))
        for row in export_rows(queryset):
            values = []
            for column in COLUMNS:
                value = row[column.key]
                if value is None:
                    value = ""
                elif column.text:
                    value = neutralise_formula(value)
                values.append(value)
            dataset.append(values)
        dataset.title = _("Directory")[:31]
    return dataset


def template_workbook(language: str) -> bytes:
    """Return the import template: a header row and an instructions sheet, in one language."""
    from openpyxl.styles import Font

    with translation.override(language):
        workbook = openpyxl.Workbook()
        data = workbook.active
        data.title = _("Directory")[:31]
        data.append(header_labels(language))
        for cell in data[1]:
            cell.font = Font(bold=True)
        data.freeze_panes = "A2"
        help_sheet = workbook.create_sheet(_("Instructions")[:31])
        bold = Font(bold=True)

        def section(title, headers, rows):
            if help_sheet.max_row > 1:
                help_sheet.append([])
            help_sheet.append([title])
            help_sheet.cell(help_sheet.max_row, 1).font = Font(bold=True, size=13)
            help_sheet.append(headers)
            for cell in help_sheet[help_sheet.max_row]:
                cell.font = bold
            for row in rows:
                help_sheet.append([neutralise_formula(str(value)) for value in row])

        help_sheet.append(
            [
                _(
                    "Fill the first sheet, one row per person and designation; keep its header row."
                    " A person without designation takes one row with the group columns empty. A"
                    " person with several designations takes one row for each, repeating the same"
                    " person's details. People are recognised by their e-mail: existing entries"
                    " are updated, never duplicated. Save as .xlsx, or as CSV (UTF-8 preferred)."
                )
            ]
        )
        section(
            _("Columns"),
            [_("Column"), _("Required"), _("Format and allowed values")],
            [(column.label, _yes_no(column.required), column.help) for column in COLUMNS],
        )
        section(
            _("Roles"),
            [_("Code"), _("Meaning")],
            [(value, label) for value, label in Designation.Role.choices],
        )
        section(
            _("Honorifics"),
            [_("Code"), _("Meaning")],
            [(value, label) for value, label in FocalPoint.Honorific.choices],
        )
        section(
            _("Languages"),
            [_("Code"), _("Meaning")],
            [(value, label) for value, label in Language.choices],
        )
        section(
            _("Countries"),
            [_("Code"), _("Name")],
            [(country.iso_code, country.name) for country in Country.objects.by_name()],
        )
        section(
            _("Working groups"),
            [_("Code"), _("Name")],
            [(_group_label(group), group.name) for group in WorkingGroup.objects.by_name()],
        )
        help_sheet.column_dimensions["A"].width = 38
        help_sheet.column_dimensions["B"].width = 40
        help_sheet.column_dimensions["C"].width = 90
        for index in range(1, len(COLUMNS) + 1):
            data.column_dimensions[openpyxl.utils.get_column_letter(index)].width = 22
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()

"""The handover package for the incoming presidency: one dated ZIP of spreadsheets."""

import io
import zipfile
from datetime import date

from django.db.models import CharField, Prefetch, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from documents.models import Document
from focal_points.models import (
    ChangeRequest,
    Designation,
    FocalPoint,
    VerificationRequest,
    WorkingGroup,
)
from meetings.models import Decision, WorkPlan

# A cell a spreadsheet program would read as a formula is written as text ("=1+1" → "'=1+1").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_SHEET_TITLE = 31


def neutralise(value):
    """Return a cell value that no spreadsheet program runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _sheet_title(text: str, taken: set[str]) -> str:
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in text).strip()[:MAX_SHEET_TITLE]
    title, counter = cleaned or "-", 2
    while title.lower() in taken:
        suffix = f" ({counter})"
        title, counter = cleaned[: MAX_SHEET_TITLE - len(suffix)] + suffix, counter + 1
    taken.add(title.lower())
    return title


class XlsxWriter:
    """A small streaming XLSX writer: sheets of a header row and rows, formulas neutralised."""

    def __init__(self):
        self.workbook = Workbook(write_only=True)
        self.titles: set[str] = set()

    def sheet(self, title: str, header: list[str], rows) -> None:
        worksheet = self.workbook.create_sheet(_sheet_title(title, self.titles))
        worksheet.append([str(cell) for cell in header])
        for row in rows:
            worksheet.append([neutralise(_plain(cell)) for cell in row])

    def to_bytes(self) -> bytes:
        if not self.titles:
            self.workbook.create_sheet("-")
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, (int, float, date)):
        return value
    return str(value)


def _translated(field: str, language: str) -> Coalesce:
    """The column in a language, falling back to Spanish (as modeltranslation shows it)."""
    return Coalesce(
        NullIf(f"{field}_{language}", Value("")), f"{field}_es", output_field=CharField()
    )


def contacts_workbook(*, today: date, language: str) -> bytes:
    """Every active group's contact list, one sheet per group (rows read as plain values)."""
    writer = XlsxWriter()
    roles = dict(Designation.Role.choices)
    seats = (
        Designation.objects.current(today)
        .filter(focal_point__is_active=True, working_group__is_active=True)
        .order_by("working_group_id", "country__iso_code", "role", "focal_point__family_name", "pk")
        .values_list(
            "working_group_id",
            _translated("country__name", language),
            "role",
            "focal_point__given_name",
            "focal_point__family_name",
            _translated("focal_point__position", language),
            _translated("focal_point__institution__name", language),
            "focal_point__email",
            "focal_point__phone",
            "focal_point__mobile",
            "focal_point__last_verified_on",
        )
    )
    by_group: dict[int, list] = {}
    for group_id, *row in seats.iterator(chunk_size=5000):
        row[1] = str(roles.get(row[1], row[1]))
        by_group.setdefault(group_id, []).append(row)
    header = [
        _("Country"), _("Role"), _("Given names"), _("Family names"), _("Position"),
        _("Institution"), _("E-mail"), _("Phone"), _("Mobile"), _("Last verified on"),
    ]  # fmt: skip
    for group in WorkingGroup.objects.active().by_name():
        writer.sheet(group.acronym or group.name, header, by_group.get(group.pk, []))
    return writer.to_bytes()


def follow_up_workbook(*, today: date) -> bytes:
    """Open change requests, pending verifications, plans' status and open decisions."""
    writer = XlsxWriter()
    requests = ChangeRequest.objects.open().select_related("focal_point__institution__country")
    writer.sheet(
        _("Change requests"),
        [_("Submitted"), _("Country"), _("Focal point"), _("Kind"), _("Successor"), _("Message")],
        (
            [
                timezone.localtime(request.created_at).date(),
                request.focal_point.institution.country.name,
                request.focal_point.full_name,
                request.get_kind_display(),
                request.successor_name,
                request.message,
            ]
            for request in requests.order_by("created_at", "pk")
        ),
    )
    stale = FocalPoint.objects.active().stale(today).select_related("institution__country")
    last_sent = VerificationRequest.objects.order_by("-sent_at")
    writer.sheet(
        _("Pending verifications"),
        [_("Country"), _("Focal point"), _("E-mail"), _("Last verified on"), _("Last asked on")],
        (
            [
                person.institution.country.name,
                person.full_name,
                person.email,
                person.last_verified_on,
                timezone.localtime(person.asked[0].sent_at).date() if person.asked else "",
            ]
            for person in stale.prefetch_related(
                Prefetch("verification_requests", queryset=last_sent, to_attr="asked")
            ).order_by("institution__country__iso_code", "family_name", "pk")
        ),
    )
    plans = WorkPlan.objects.select_related("working_group").prefetch_related("activities")
    writer.sheet(
        _("Work plans"),
        [_("Working group"), _("Work plan"), _("From"), _("To"), _("Status"), _("Activities"),
         _("Done")],
        (
            [
                plan.working_group.name,
                plan.title,
                plan.starts_on,
                plan.ends_on,
                plan.get_status_display(),
                len(plan.activities.all()),
                sum(activity.status == "done" for activity in plan.activities.all()),
            ]
            for plan in plans.order_by("working_group_id", "starts_on", "pk")
        ),
    )  # fmt: skip
    decisions = Decision.objects.awaiting_follow_up().select_related("meeting")
    writer.sheet(
        _("Decisions awaiting follow-up"),
        [_("Entry"), _("Text"), _("Groups asked to act"), _("Follow-up")],
        (
            [
                decision.label,
                decision.text,
                ", ".join(str(group.name) for group in decision.working_groups.all()),
                decision.get_follow_up_status_display(),
            ]
            for decision in decisions.prefetch_related("working_groups").order_by(
                "meeting__starts_on", "kind", "number"
            )
        ),
    )
    return writer.to_bytes()


def documents_workbook(*, user, year: int) -> bytes:
    """The library's documents of the year that the producer may read."""
    writer = XlsxWriter()
    documents = (
        Document.objects.visible_to(user)
        .filter(date__year=year)
        .defer("search_text", "search_vector")
        .order_by("date", "pk")
    )
    writer.sheet(
        _("Documents %(year)s") % {"year": year},
        [_("Date"), _("Symbol"), _("Title (Spanish)"), _("Title (English)"), _("Type"),
         _("Distribution")],
        (
            [document.date, document.symbol, document.title_es, document.title_en,
             document.get_type_display(), document.get_distribution_display()]
            for document in documents.iterator(chunk_size=2000)
        ),
    )  # fmt: skip
    return writer.to_bytes()


def handover_package(*, user, today: date | None = None, language: str = "es") -> tuple[str, bytes]:
    """Build the dated handover ZIP; return its file name and bytes."""
    today = today or timezone.localdate()
    with translation.override(language):
        files = {
            "contacts.xlsx": contacts_workbook(today=today, language=language),
            "follow-up.xlsx": follow_up_workbook(today=today),
            f"documents-{today.year}.xlsx": documents_workbook(user=user, year=today.year),
        }
        readme = _(
            "Handover package of the CRM Portal, %(day)s.\n\n"
            "contacts.xlsx: the contact list of every active group, one sheet per group.\n"
            "follow-up.xlsx: open change requests, pending verifications, the work plans' "
            "status and the decisions awaiting follow-up.\n"
            "documents-%(year)s.xlsx: the year's documents of the library.\n"
        ) % {"day": today.isoformat(), "year": today.year}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        for name, data in files.items():
            archive.writestr(name, data)
    return f"crm-handover-{today.isoformat()}.zip", buffer.getvalue()

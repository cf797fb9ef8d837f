"""Reads shared by views, exports and staff pages: public directory, coverage, history."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.translator import NotRegistered, translator

from core.history_reasons import reason_label
from core.lookups import Fold
from focal_points.models import (
    Country,
    Designation,
    FocalPoint,
    Institution,
    Presidency,
    WorkingGroup,
)

# ---------------------------------------------------------------------------------------------
# Public directory: what a visitor may read without signing in.
# A person's name, position and institution leave this section only where they agreed to be
# listed publicly; e-mails and phone numbers never do.
# ---------------------------------------------------------------------------------------------

ROLE_ORDER = Case(
    When(role=Designation.Role.PRINCIPAL, then=Value(0)),
    When(role=Designation.Role.ALTERNATE, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class PublicSeat:
    """One current designation as a visitor may see it: the person only with consent."""

    role: str
    role_label: str
    name: str | None = None
    position: str | None = None
    institution: str | None = None

    @property
    def is_named(self) -> bool:
        return self.name is not None


@dataclass
class PublicGroupSeats:
    """A working group and a country's current seats in it."""

    group: WorkingGroup
    seats: list[PublicSeat] = field(default_factory=list)


@dataclass(frozen=True)
class MemberCoverage:
    """Whether a member country has designated a principal and an alternate in a group."""

    country: Country
    has_principal: bool
    has_alternate: bool


def public_seat(designation: Designation) -> PublicSeat:
    """Return what a visitor may see of a designation (no contact details, ever)."""
    person = designation.focal_point
    if not person.public_listing_consent:
        return PublicSeat(role=designation.role, role_label=designation.get_role_display())
    return PublicSeat(
        role=designation.role,
        role_label=designation.get_role_display(),
        name=person.full_name,
        position=person.position or "",
        institution=str(person.institution),
    )


def public_current_presidency(today: date | None = None) -> Presidency | None:
    """Return the Pro-Tempore Presidency in force today, or None."""
    return Presidency.objects.current(today)


def public_member_countries():
    """Member countries by name in the active language."""
    return Country.objects.members().by_name()


def public_observer_countries():
    """Observer countries by name in the active language."""
    return Country.objects.observers().by_name()


def public_observer_organizations():
    """International organizations with observer status, by name."""
    return Institution.objects.filter(kind=Institution.Kind.INTERNATIONAL_ORGANIZATION).by_name()


def public_country_institutions(country: Country):
    """A country's institutions in the CRM directory, by name."""
    return Institution.objects.in_country(country).by_name()


def public_country_presidencies(country: Country):
    """The presidencies a country has held, latest first."""
    return Presidency.objects.held_by(country).order_by("-starts_on")


def public_country_group_seats(
    country: Country, today: date | None = None
) -> list[PublicGroupSeats]:
    """Per active working group, the country's current seats as a visitor may see them."""
    today = today or timezone.localdate()
    designations = (
        Designation.objects.current(today)
        .filter(country=country, focal_point__is_active=True)
        .select_related("focal_point__institution")
        .order_by(
            ROLE_ORDER, Fold("focal_point__family_name"), Fold("focal_point__given_name"), "pk"
        )
    )
    groups = (
        WorkingGroup.objects.active()
        .by_name()
        .prefetch_related(
            Prefetch("designations", queryset=designations, to_attr="public_designations")
        )
    )
    return [
        PublicGroupSeats(
            group=group,
            seats=[public_seat(designation) for designation in group.public_designations],
        )
        for group in groups
    ]


def public_working_groups():
    """Active working groups and networks, by name."""
    return WorkingGroup.objects.active().by_name()


def public_group_coverage(group: WorkingGroup, today: date | None = None) -> list[MemberCoverage]:
    """For each member country, whether it has a current principal and alternate in group."""
    today = today or timezone.localdate()
    held = set(
        Designation.objects.current(today)
        .filter(
            working_group=group,
            focal_point__is_active=True,
            role__in=[Designation.Role.PRINCIPAL, Designation.Role.ALTERNATE],
        )
        .values_list("country_id", "role")
        .distinct()
    )
    return [
        MemberCoverage(
            country=country,
            has_principal=(country.pk, Designation.Role.PRINCIPAL) in held,
            has_alternate=(country.pk, Designation.Role.ALTERNATE) in held,
        )
        for country in public_member_countries()
    ]


# Coverage: member countries x active working groups


@dataclass
class CoverageCell:
    country: Country
    working_group: WorkingGroup
    principal: Designation | None = None
    alternates: list[Designation] = field(default_factory=list)
    # Alternates beyond the ones shown (the page lists at most MAX_ALTERNATES_SHOWN).
    more_alternates: int = 0

    @property
    def is_empty(self) -> bool:
        return self.principal is None and not self.alternates

    @property
    def has_stale(self) -> bool:
        people = [d.focal_point for d in ([self.principal] if self.principal else [])]
        people += [d.focal_point for d in self.alternates]
        return any(person.is_stale for person in people)


@dataclass
class CoverageRow:
    country: Country
    cells: list[CoverageCell]


@dataclass
class Coverage:
    working_groups: list[WorkingGroup]
    rows: list[CoverageRow]

    @property
    def empty_cells(self) -> int:
        return sum(cell.is_empty for row in self.rows for cell in row.cells)


MAX_ALTERNATES_SHOWN = 3


def coverage_matrix(*, country_id: int | None = None, today: date | None = None) -> Coverage:
    """Return who holds each member country's principal and alternate seat in each group."""
    countries = Country.objects.members().by_name()
    if country_id is not None:
        countries = countries.filter(pk=country_id)
    countries = list(countries)
    working_groups = list(WorkingGroup.objects.active().by_name())
    seat = [F("country_id"), F("working_group_id"), F("role")]
    # Only the newest few holders per seat leave the database, however crowded a seat is.
    designations = (
        Designation.objects.current(today)
        .filter(
            role__in=[Designation.Role.PRINCIPAL, Designation.Role.ALTERNATE],
            country__in=[c.pk for c in countries],
            working_group__is_active=True,
        )
        .annotate(
            seat_rank=Window(
                RowNumber(), partition_by=seat, order_by=[F("starts_on").desc(), F("pk").desc()]
            ),
            seat_size=Window(Count("pk"), partition_by=seat),
        )
        .filter(seat_rank__lte=MAX_ALTERNATES_SHOWN)
        .select_related("focal_point")
        .order_by("starts_on", "pk")
    )
    cells: dict[tuple[int, int], CoverageCell] = {}
    for country in countries:
        for group in working_groups:
            cells[country.pk, group.pk] = CoverageCell(country=country, working_group=group)
    for designation in designations:
        cell = cells.get((designation.country_id, designation.working_group_id))
        if cell is None:
            continue
        if designation.role == Designation.Role.PRINCIPAL:
            cell.principal = designation
        else:
            cell.alternates.append(designation)
            cell.more_alternates = designation.seat_size - MAX_ALTERNATES_SHOWN
    rows = [
        CoverageRow(country=c, cells=[cells[c.pk, g.pk] for g in working_groups]) for c in countries
    ]
    return Coverage(working_groups=working_groups, rows=rows)


def seat_history(*, country: Country, working_group: WorkingGroup, role: str):
    """Return every designation of one seat, newest first, with the person who held it."""
    return (
        Designation.objects.for_seat(country=country, working_group=working_group, role=role)
        .select_related("focal_point__institution")
        .order_by("-starts_on", "-pk")
    )


# ---------------------------------------------------------------------------------------------
# History: the pghistory events of the directory models, as people read them

TRACKED_MODELS = (Country, Institution, WorkingGroup, FocalPoint, Designation, Presidency)
# Bookkeeping columns a person never needs to see in a diff.
UNDIFFED_FIELDS = {"id", "created_at", "updated_at", "version"}

# Spanish needs the gender of "the record" (registro): created, changed, deleted alike.
EVENT_LABELS = {
    "insert": pgettext_lazy("history event", "Created"),
    "update": pgettext_lazy("history event", "Changed"),
    "delete": pgettext_lazy("history event", "Deleted"),
}


def event_model_for(model: type[models.Model]) -> type[models.Model]:
    """Return the pghistory event model that tracks model."""
    return model._meta.get_field("events").related_model


def tracked_model_for_label(label: str) -> type[models.Model] | None:
    return next((m for m in TRACKED_MODELS if m._meta.label_lower == label), None)


def history_fields(model: type[models.Model]) -> list[models.Field]:
    """Return the fields worth showing and restoring, without the unreliable originals.

    modeltranslation keeps the original column (`name` beside `name_es`/`name_en`); it is
    not reliable, so diffs and reverts use the per-language columns only.
    """
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in UNDIFFED_FIELDS and f.name not in translated
    ]


@dataclass
class FieldChange:
    name: str
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    event: models.Model
    model: type[models.Model]
    action: str
    user: object | None
    reason: str
    object_label: str
    changes: list[FieldChange]

    @property
    def created_at(self):
        return self.event.pgh_created_at

    @property
    def action_label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))

    @property
    def model_label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def object_id(self):
        return self.event.pgh_obj_id

    @property
    def token(self) -> str:
        """Identify the event across the directory's event tables: "<model>:<event id>"."""
        return f"{self.model._meta.label_lower}:{self.event.pk}"


def _display(field: models.Field, value, related: dict) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if field.is_relation:
        obj = related.get((field.related_model, value))
        return str(obj) if obj is not None else _("#%(id)s (deleted)") % {"id": value}
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if isinstance(field, models.DateField | models.DateTimeField):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list | tuple):
        base = getattr(field, "base_field", None)
        if base is not None and base.choices:
            labels = dict(base.flatchoices)
            return ", ".join(str(labels.get(item, item)) for item in value)
        return ", ".join(str(item) for item in value)
    return str(value)


def _snapshot(model, event) -> dict:
    return {f.attname: getattr(event, f.attname) for f in history_fields(model)}


def _resolve_related(pairs: list[tuple[type, list]]) -> dict:
    """Fetch the objects that foreign keys point at: one query per related model."""
    wanted: dict[type, set] = defaultdict(set)
    for model, snapshots in pairs:
        for f in history_fields(model):
            if not f.is_relation:
                continue
            for snapshot in snapshots:
                if snapshot and snapshot.get(f.attname) is not None:
                    wanted[f.related_model].add(snapshot[f.attname])
    related = {}
    for related_model, ids in wanted.items():
        for obj in related_model._base_manager.filter(pk__in=ids):
            related[related_model, obj.pk] = obj
    return related


def _object_label(model, snapshot: dict, related: dict) -> str:
    """Label a record from an event's data, the foreign keys taken from `related`."""
    instance = model(**snapshot)
    for f in history_fields(model):
        if f.is_relation and snapshot.get(f.attname) is not None:
            target = related.get((f.related_model, snapshot[f.attname]))
            if target is None:
                return f"{model._meta.verbose_name} #{snapshot.get('id', '')}".strip()
            setattr(instance, f.name, target)
    return str(instance)


def _build_entries(items: list[tuple[type, models.Model, models.Model | None]]):
    """Turn (model, event, previous event) triples into readable history entries."""
    snapshots = [(model, _snapshot(model, event)) for model, event, _prev in items]
    previous = [(model, _snapshot(model, prev) if prev else None) for model, _e, prev in items]
    related = _resolve_related(
        [(m, [s]) for m, s in snapshots] + [(m, [s]) for m, s in previous if s]
    )
    user_ids = {
        (event.pgh_context.metadata or {}).get("user")
        for _m, event, _p in items
        if event.pgh_context_id and event.pgh_context
    } - {None}
    users = get_user_model()._base_manager.in_bulk(user_ids)
    entries = []
    for (model, event, _prev), (_m1, after), (_m2, before) in zip(
        items, snapshots, previous, strict=True
    ):
        after_with_id = {**after, "id": event.pgh_obj_id}
        metadata = (
            event.pgh_context.metadata if event.pgh_context_id and event.pgh_context else {}
        ) or {}
        changes = []
        if event.pgh_label != "delete":
            for f in history_fields(model):
                old = before.get(f.attname) if before else None
                new = after.get(f.attname)
                if before is None and new in (None, "", []):
                    continue
                if before is not None and old == new:
                    continue
                changes.append(
                    FieldChange(
                        name=f.name,
                        label=str(f.verbose_name),
                        before=_display(f, old, related) if before else "",
                        after=_display(f, new, related),
                    )
                )
        entries.append(
            HistoryEntry(
                event=event,
                model=model,
                action=event.pgh_label,
                user=users.get(metadata.get("user")),
                reason=reason_label(metadata.get("reason", "")),
                object_label=_object_label(model, after_with_id, related),
                changes=changes,
            )
        )
    return entries


def record_history(*, model: type[models.Model], object_id) -> list[HistoryEntry]:
    """Return one record's history, newest first, each event diffed against the one before."""
    event_model = event_model_for(model)
    events = list(
        event_model.objects.filter(pgh_obj_id=object_id)
        .select_related("pgh_context")
        .order_by("pgh_id")
    )
    items = [
        (model, event, events[index - 1] if index else None) for index, event in enumerate(events)
    ]
    return list(reversed(_build_entries(items)))


def recent_changes_queryset():
    """Return (model label, event id, time) of every directory event, newest first."""
    parts = [
        event_model_for(model)
        .objects.annotate(
            model_label=Value(model._meta.label_lower, output_field=models.TextField())
        )
        .values("model_label", "pgh_id", "pgh_created_at")
        for model in TRACKED_MODELS
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-pgh_created_at", "-pgh_id")


def recent_changes_entries(rows) -> list[HistoryEntry]:
    """Load and diff the events of one page of recent_changes_queryset(): constant queries."""
    by_model: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_model[row["model_label"]].append(row["pgh_id"])
    loaded: dict[tuple[str, int], tuple] = {}
    for label, ids in by_model.items():
        model = tracked_model_for_label(label)
        event_model = event_model_for(model)
        previous_id = (
            event_model.objects.filter(
                pgh_obj_id=OuterRef("pgh_obj_id"), pgh_id__lt=OuterRef("pgh_id")
            )
            .order_by("-pgh_id")
            .values("pgh_id")[:1]
        )
        # The page's events and the events just before them come back in one query.
        previous_ids = (
            event_model.objects.filter(pgh_id__in=ids)
            .annotate(previous_id=Subquery(previous_id))
            .values("previous_id")
        )
        fetched = {
            e.pgh_id: e
            for e in event_model.objects.filter(Q(pgh_id__in=ids) | Q(pgh_id__in=previous_ids))
            .annotate(previous_id=Subquery(previous_id))
            .select_related("pgh_context")
        }
        events = [fetched[i] for i in ids if i in fetched]
        previous = fetched
        for event in events:
            loaded[label, event.pgh_id] = (model, event, previous.get(event.previous_id))
    items = [
        loaded[row["model_label"], row["pgh_id"]]
        for row in rows
        if (row["model_label"], row["pgh_id"]) in loaded
    ]
    return _build_entries(items)


def find_event(token: str):
    """Return the event named by a HistoryEntry.token, or None."""
    label, _sep, event_id = token.rpartition(":")
    model = tracked_model_for_label(label)
    if model is None or not event_id.isdigit():
        return None
    return event_model_for(model).objects.filter(pgh_id=int(event_id)).first()

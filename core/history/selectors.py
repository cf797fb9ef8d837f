"""Read pghistory events as people read them: who, when, why and each field's before/after."""

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from core.history.labels import event_label, reason_label

# Bookkeeping columns a person never needs to see in a diff (nor restore).
UNDIFFED_FIELDS = {"id", "created_at", "updated_at", "version"}


def event_model_for(model: type[models.Model]) -> type[models.Model]:
    """Return the pghistory event model that tracks model."""
    return model.pgh_event_model


def tracked_model_for_label(
    label: str, tracked_models: Iterable[type[models.Model]]
) -> type[models.Model] | None:
    """Return the model among tracked_models whose label_lower is label, or None."""
    return next((m for m in tracked_models if m._meta.label_lower == label), None)


@functools.cache  # models and their fields do not change while the portal runs
def history_fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    """Return the fields worth showing and restoring, without the unreliable originals.

    modeltranslation keeps the original column (`name` beside `name_es`/`name_en`); it is
    not reliable, so diffs and reverts use the per-language columns only. Columns the event
    table leaves out (a generated tsvector, a big derived text) are neither shown nor restored.
    """
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    recorded = {f.attname for f in event_model_for(model)._meta.concrete_fields}
    return tuple(
        f
        for f in model._meta.concrete_fields
        if f.name not in UNDIFFED_FIELDS
        and f.name not in translated
        and f.attname in recorded
        and not isinstance(f, models.GeneratedField)
    )


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
    # Pages listing several models may offer "restore" for some of them only.
    revertible: bool = True

    @property
    def created_at(self):
        return self.event.pgh_created_at

    @property
    def action_label(self) -> str:
        return event_label(self.action)

    @property
    def model_label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def object_id(self):
        return self.event.pgh_obj_id

    @property
    def token(self) -> str:
        """Identify the event across several event tables: "<model>:<event id>"."""
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


def _metadata(event) -> dict:
    return (event.pgh_context.metadata if event.pgh_context_id and event.pgh_context else {}) or {}


def _build_entries(items: list[tuple[type, models.Model, models.Model | None]]):
    """Turn (model, event, previous event) triples into readable history entries."""
    snapshots = [(model, _snapshot(model, event)) for model, event, _prev in items]
    previous = [(model, _snapshot(model, prev) if prev else None) for model, _e, prev in items]
    related = _resolve_related(
        [(m, [s]) for m, s in snapshots] + [(m, [s]) for m, s in previous if s]
    )
    user_ids = {_metadata(event).get("user") for _m, event, _p in items} - {None}
    users = get_user_model()._base_manager.in_bulk(user_ids)
    entries = []
    for (model, event, _prev), (_m1, after), (_m2, before) in zip(
        items, snapshots, previous, strict=True
    ):
        after_with_id = {**after, "id": event.pgh_obj_id}
        metadata = _metadata(event)
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


def record_history(
    *, model: type[models.Model], object_id, limit: int | None = None
) -> list[HistoryEntry]:
    """Return one record's history, newest first, each event diffed against the one before."""
    events = event_model_for(model).objects.filter(pgh_obj_id=object_id)
    events = events.select_related("pgh_context")
    if limit is not None:
        # The newest `limit` events and the one before the oldest of them, for its diff.
        events = sorted(events.order_by("-pgh_id")[: limit + 1], key=lambda e: e.pgh_id)
    else:
        events = list(events.order_by("pgh_id"))
    items = [
        (model, event, events[index - 1] if index else None) for index, event in enumerate(events)
    ]
    if limit is not None and len(items) > limit:
        items = items[1:]
    return list(reversed(_build_entries(items)))


NEWEST_FIRST = ("-pgh_created_at", "-pgh_id")


def recent_event_index(model: type[models.Model]) -> models.Index:
    """The index an event table of model is read newest first by (recent_changes)."""
    return models.Index(fields=list(NEWEST_FIRST), name=f"{model._meta.model_name}_event_recent")


# How many events the recent changes count and page through (newest first).
RECENT_CHANGES_COUNTED = 10_000


class RecentChanges:
    """(model label, event id, time) of every event of tracked_models, newest first.

    Read one page at a time, as a Paginator asks: each event table gives only its newest
    rows up to the end of the page (on its recent_event_index), so a page costs the same
    whatever the length of the history; the sorted union of every table did not.
    """

    def __init__(self, *, tracked_models: Iterable[type[models.Model]]):
        self.capped = False  # set by count(): more events than RECENT_CHANGES_COUNTED
        self.parts = [
            event_model_for(model)
            .objects.annotate(
                model_label=Value(model._meta.label_lower, output_field=models.TextField())
            )
            .values("model_label", "pgh_id", "pgh_created_at")
            .order_by()
            for model in tracked_models
        ]

    def count(self) -> int:
        """Count the events up to RECENT_CHANGES_COUNTED, in one query (see capped)."""
        events = (
            self.parts[0]
            if len(self.parts) == 1
            else self.parts[0].union(*self.parts[1:], all=True)
        )
        # Counting the whole history grew with it; beyond this many, "recent" has ended and
        # a record's own history page shows the rest.
        counted = events[: RECENT_CHANGES_COUNTED + 1].count()
        self.capped = counted > RECENT_CHANGES_COUNTED
        return min(counted, RECENT_CHANGES_COUNTED)

    def __getitem__(self, window: slice) -> list[dict]:
        start, stop = window.start or 0, window.stop
        newest = [part.order_by(*NEWEST_FIRST)[:stop] for part in self.parts]
        if len(newest) == 1:
            return list(newest[0][start:stop])
        union = newest[0].union(*newest[1:], all=True).order_by(*NEWEST_FIRST)
        return list(union[start:stop])


def recent_changes_entries(
    rows, *, tracked_models: Iterable[type[models.Model]]
) -> list[HistoryEntry]:
    """Load and diff the events of one page of RecentChanges: constant queries."""
    tracked_models = tuple(tracked_models)
    by_model: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_model[row["model_label"]].append(row["pgh_id"])
    loaded: dict[tuple[str, int], tuple] = {}
    for label, ids in by_model.items():
        model = tracked_model_for_label(label, tracked_models)
        if model is None:
            continue
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
        # One set of ids, not "in the page or just before it": with OR, Postgres read the
        # whole event table instead of its primary key (make bench).
        wanted = event_model.objects.filter(pgh_id__in=ids).values("pgh_id").union(previous_ids)
        fetched = {
            e.pgh_id: e
            for e in event_model.objects.filter(pgh_id__in=wanted)
            .annotate(previous_id=Subquery(previous_id))
            .select_related("pgh_context")
        }
        for event in (fetched[i] for i in ids if i in fetched):
            loaded[label, event.pgh_id] = (model, event, fetched.get(event.previous_id))
    items = [
        loaded[row["model_label"], row["pgh_id"]]
        for row in rows
        if (row["model_label"], row["pgh_id"]) in loaded
    ]
    return _build_entries(items)


def find_event(token: str, *, tracked_models: Iterable[type[models.Model]]):
    """Return the event named by a HistoryEntry.token among tracked_models' events, or None."""
    label, _sep, event_id = token.rpartition(":")
    model = tracked_model_for_label(label, tracked_models)
    if model is None or not event_id.isdigit() or len(event_id) > 18:
        return None
    return event_model_for(model).objects.filter(pgh_id=int(event_id)).first()

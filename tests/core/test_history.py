"""core.history is generic: it imports no portal app and restores any tracked model."""

import ast
from pathlib import Path

import pghistory
import pytest
from django.db import connection

from core.history.selectors import find_event, history_fields, record_history
from core.history.services import history_revert
from documents.models import Document
from focal_points.models import FocalPoint
from focal_points.services import focal_point_update
from tests.documents.factories import DocumentFactory
from tests.factories import SuperUserFactory
from tests.focal_points.factories import FocalPointFactory

pytestmark = pytest.mark.django_db

CORE = Path(__file__).resolve().parents[2] / "core"
PORTAL_APPS = {"accounts", "documents", "focal_points", "meetings", "crm_portal"}


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize(
    "path", [*sorted((CORE / "history").glob("*.py")), CORE / "search.py"], ids=str
)
def test_core_history_and_search_import_no_portal_app(path):
    # Inside functions too: ast.walk sees every import statement of the module.
    imported = {module.split(".")[0] for module in _imported_modules(path)}
    assert not imported & PORTAL_APPS


def test_revert_bumps_the_version_counter_like_every_other_write():
    # A model with an optimistic-lock `version` gets it bumped: a form opened before the
    # revert can no longer save over it.
    entry = FocalPointFactory(position_es="Directora")
    first = entry.events.order_by("pgh_id").first()
    entry = focal_point_update(focal_point=entry, changes={"position_es": "Ministra"})
    version_before = entry.version
    restored = history_revert(event=first, user=SuperUserFactory())
    entry.refresh_from_db()
    assert entry.position_es == "Directora"
    assert entry.version == restored.version == version_before + 1


def test_revert_of_a_model_without_a_version_counter_restores_its_fields():
    document = DocumentFactory(title_es="Original")
    first = Document.pgh_event_model.objects.filter(pgh_obj_id=document.pk).get()
    document.title_es = "Cambiado"
    document.save()
    with pghistory.context():
        history_revert(event=first, user=None, reason="Prueba")
    document.refresh_from_db()
    assert document.title_es == "Original"
    newest = Document.pgh_event_model.objects.filter(pgh_obj_id=document.pk).last()
    assert newest.pgh_context.metadata["reason"] == "Prueba"


def test_history_fields_leave_out_columns_the_event_table_does_not_keep():
    names = {f.name for f in history_fields(Document)}
    assert {"title_es", "title_en", "distribution"} <= names
    assert not names & {"search_text", "search_vector", "title", "version", "updated_at"}


def test_record_history_can_be_limited_to_the_newest_events_each_still_diffed():
    document = DocumentFactory(title_es="Uno")
    for title in ("Dos", "Tres"):
        document.title_es = title
        document.save()
    entries = record_history(model=Document, object_id=document.pk, limit=2)
    assert [e.action for e in entries] == ["update", "update"]
    assert [(c.before, c.after) for c in entries[1].changes if c.name == "title_es"] == [
        ("Uno", "Dos")
    ]


def test_find_event_only_finds_events_of_the_models_it_is_given():
    entry = FocalPointFactory()
    token = f"focal_points.focalpoint:{entry.events.get().pk}"
    assert find_event(token, tracked_models=[FocalPoint]) is not None
    assert find_event(token, tracked_models=[Document]) is None
    assert find_event("focal_points.focalpoint:9" * 30, tracked_models=[FocalPoint]) is None


def test_recent_changes_pages_are_the_pages_of_every_event_sorted_newest_first():
    from core.history.selectors import RecentChanges
    from focal_points.models import Country, Designation, Institution

    tracked = (Country, Institution, FocalPoint, Designation)
    for n in range(12):
        person = FocalPointFactory()
        focal_point_update(
            focal_point=person, changes={"given_name": f"Ana {n}"}, expected_version=1
        )
    # One test is one transaction, one time: spread the events' times, tables interleaved.
    with connection.cursor() as cursor:
        for offset, model in enumerate(tracked):
            cursor.execute(
                f"UPDATE {model.pgh_event_model._meta.db_table} SET pgh_created_at ="
                " now() + (pgh_id * 4 + %s) * interval '1 second'",
                [offset],
            )
    every = sorted(
        (
            (event.pgh_created_at, event.pgh_id, model._meta.label_lower)
            for model in tracked
            for event in model.pgh_event_model.objects.all()
        ),
        reverse=True,
    )
    changes = RecentChanges(tracked_models=tracked)
    assert changes.count() == len(every) > 40
    for start, stop in ((0, 10), (10, 20), (5, 35), (len(every) - 7, len(every) + 5)):
        page = changes[start:stop]
        expected = every[start:stop]
        assert [(r["pgh_created_at"], r["pgh_id"], r["model_label"]) for r in page] == expected


def test_recent_changes_count_and_page_through_the_newest_events_only(monkeypatch, client):
    from core.history import selectors

    client.force_login(SuperUserFactory())
    url = "/en/admin/focal_points/focalpoint/recent-changes/"
    for _ in range(3):
        FocalPointFactory()
    every = client.get(url)
    total = every.context["page"].paginator.count
    assert f"{total} changes" in every.text and "most recent changes" not in every.text
    monkeypatch.setattr(selectors, "RECENT_CHANGES_COUNTED", total - 2)
    page = client.get(url)
    assert f"The {total - 2} most recent changes; a record's history shows all" in page.text
    assert len(page.context["entries"]) == total - 2
    assert f"{total} changes" not in page.text

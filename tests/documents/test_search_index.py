"""The newest documents' own text index: built, kept, rebuilt and dropped as the library
changes, used by the search, and never needed for a right answer."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_q.models import Schedule

from documents import selectors, tasks
from documents.models import Document
from documents.selectors import LibraryFilters, document_library
from documents.services import document_search_index_refresh, document_search_indexes
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2020, 1, 1)


@pytest.fixture
def window(monkeypatch):
    """A search window of five documents: the index reaches six back (a fifth more)."""
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 5)
    return 5


def dated(count, *, first=START, title="Remesas y desarrollo"):
    return [
        DocumentFactory(title_es=f"{title} {n}", date=first + datetime.timedelta(days=n))
        for n in range(count)
    ]


def index_definitions():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s"
            " AND indexname LIKE 'document_recent_text_%%'",
            [Document._meta.db_table],
        )
        return dict(cursor.fetchall())


def search(text):
    return list(document_library(user=AnonymousUser(), filters=LibraryFilters(q=text)))


def test_a_library_larger_than_the_window_gets_an_index_of_its_newest_documents(window):
    documents = dated(12)
    index = document_search_index_refresh()
    sixth_newest = documents[-6].date
    assert index.since == sixth_newest
    assert index.name == f"document_recent_text_{sixth_newest:%Y%m%d}"
    definition = index_definitions()[index.name]
    assert "gin (search_vector)" in definition
    assert f"(date >= '{sixth_newest:%Y-%m-%d}'::date)" in definition
    assert document_search_indexes() == [index]
    # Asked again with nothing changed, it keeps the index it has.
    with CaptureQueriesContext(connection) as queries:
        assert document_search_index_refresh() == index
    assert not [q for q in queries.captured_queries if "INDEX" in q["sql"]]


def test_a_small_library_has_none_and_a_library_that_shrank_loses_it(window):
    documents = dated(5)
    assert document_search_index_refresh() is None
    assert index_definitions() == {}
    dated(3, first=START + datetime.timedelta(days=100))
    assert document_search_index_refresh() is not None
    Document.objects.filter(pk__in=[d.pk for d in documents[:3]]).delete()
    assert document_search_index_refresh() is None
    assert index_definitions() == {}


def test_the_index_is_built_again_when_the_window_leaves_it(window):
    documents = dated(12)
    first = document_search_index_refresh()
    # The newest documents deleted: the window now starts before the index.
    Document.objects.filter(pk__in=[d.pk for d in documents[-3:]]).delete()
    earlier = document_search_index_refresh()
    assert earlier.since == documents[-9].date < first.since
    assert set(index_definitions()) == {earlier.name}
    # Many newer documents: the index would hold more than twice the window.
    dated(4, first=START + datetime.timedelta(days=400))
    assert document_search_index_refresh() == earlier  # ten from its date: not yet twice
    dated(1, first=START + datetime.timedelta(days=500))
    later = document_search_index_refresh()
    assert later.since > earlier.since
    assert set(index_definitions()) == {later.name}


def test_the_search_reads_the_index_and_finds_what_it_found_without_it(window):
    dated(12)
    dated(8, first=START - datetime.timedelta(days=3000), title="Trata de personas")
    DocumentFactory(title_es="Remesas internas", distribution="internal", date=START)
    before = {text: search(text) for text in ("remesas", "trata", "remesas -desarrollo")}
    document_search_index_refresh()
    assert {text: search(text) for text in before} == before
    assert len(before["remesas"]) == 12 and len(before["trata"]) == 8

    queryset = selectors.document_filtered(user=AnonymousUser(), filters=LibraryFilters())
    with CaptureQueriesContext(connection) as queries:
        selectors.document_search_ids(queryset, "remesas desarrollo")
    (statement,) = [q["sql"] for q in queries.captured_queries if "text_matches" in q["sql"]]
    with connection.cursor() as cursor:
        # Twenty rows are read faster by a scan or the date's index than by any text index:
        # with neither (in this test's transaction), the window's part can read its own
        # index only if its condition implies the index's, which is what is tested.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("DROP INDEX document_date, document_distribution_date")
        cursor.execute("EXPLAIN " + statement)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    (index,) = document_search_indexes()
    assert f"Bitmap Index Scan on {index.name}" in plan


def test_a_search_splits_the_library_where_the_index_begins(window):
    documents = dated(12)
    anonymous = AnonymousUser()
    # No index yet: the fifth newest document's date, the window's start.
    assert selectors.document_search_split() == documents[-5].date
    kept = selectors.document_listing_figures(anonymous)
    assert kept.search_window_start == documents[-5].date
    index = document_search_index_refresh()
    # The index holds the window and a little more: its own condition picks the newest.
    assert selectors.document_search_split() == index.since == documents[-6].date
    # The figures the pages keep were counted again with it.
    figures = selectors.document_listing_figures(anonymous)
    assert figures.search_window_start == index.since and figures.version != kept.version
    # An index left behind by the window (newest documents deleted) is no place to split.
    Document.objects.filter(pk__in=[d.pk for d in documents[-3:]]).delete()
    assert selectors.document_search_split() == documents[-8].date


def test_a_refresh_while_another_runs_leaves_the_indexes_alone(window):
    from django.db import connections

    from documents.services import _RECENT_TEXT_INDEX_LOCK

    dated(12)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_RECENT_TEXT_INDEX_LOCK])
        assert document_search_index_refresh() is None
        assert index_definitions() == {}
    finally:
        other.close()
    assert document_search_index_refresh() is not None


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_index_is_built_and_dropped_concurrently(window):
    documents = dated(12)
    with CaptureQueriesContext(connection) as queries:
        index = tasks.search_index_refresh()
    assert index == document_search_indexes()[0].name
    assert any("CREATE INDEX CONCURRENTLY" in q["sql"] for q in queries.captured_queries)
    Document.objects.filter(pk__in=[d.pk for d in documents[-3:]]).delete()
    with CaptureQueriesContext(connection) as queries:
        tasks.search_index_refresh()
    assert any("DROP INDEX CONCURRENTLY" in q["sql"] for q in queries.captured_queries)
    assert len(index_definitions()) == 1


def test_migrate_puts_the_refresh_on_the_queues_schedule():
    call_command("migrate", verbosity=0)
    schedule = Schedule.objects.get(name=tasks.SEARCH_INDEX_SCHEDULE)
    assert schedule.func == "documents.tasks.search_index_refresh"
    assert schedule.cron == tasks.SEARCH_INDEX_PERIOD

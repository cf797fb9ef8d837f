"""The library at scale: the unfiltered total is cached but follows every change; axes only
fill the candidates the text leaves."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from documents import selectors
from documents.selectors import LibraryFilters, document_library
from tests.documents.factories import DocumentFactory, ThematicAxisFactory

pytestmark = pytest.mark.django_db


def _total(client: Client, url: str = "/en/documents/") -> int:
    return client.get(url).context["total"]


def test_the_unfiltered_total_follows_new_changed_and_deleted_documents(client, count_queries):
    DocumentFactory.create_batch(3)
    assert _total(client) == 3
    queries = count_queries(lambda: client.get("/en/documents/"))
    # Read from the cache now: the same page asks the database for no total.
    assert count_queries(lambda: client.get("/en/documents/")) <= queries
    added = DocumentFactory()
    assert _total(client) == 4
    added.distribution = "restricted"
    added.save()
    assert _total(client) == 3
    added.delete()
    assert _total(client) == 3
    # A filtered list counts its own rows.
    DocumentFactory(type="study")
    assert _total(client, "/en/documents/?type=study") == 1


def test_the_years_offered_come_from_the_cached_figures(client):
    DocumentFactory(date=datetime.date(2001, 3, 1))
    DocumentFactory(date=datetime.date(2004, 3, 1))
    years = [
        value
        for value, _label in client.get("/en/documents/").context["form"].fields["year"].choices
        if value
    ]
    assert years == [2004, 2003, 2002, 2001]
    DocumentFactory(date=datetime.date(1999, 3, 1))
    form = client.get("/en/documents/").context["form"]
    assert 1999 in [value for value, _label in form.fields["year"].choices]


def test_a_word_common_enough_to_fill_the_candidates_reads_no_axis(monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 3)
    axis = ThematicAxisFactory(name_es="Remesas", name_en="Remittances")
    filed_only = DocumentFactory(
        title_es="Informe anual",
        title_en="Annual report",
        summary_es="",
        summary_en="",
        date=datetime.date(2030, 1, 1),
    )
    filed_only.thematic_axes.add(axis)
    texts = [
        DocumentFactory(title_es=f"Remesas {year}", date=datetime.date(year, 1, 1))
        for year in (2020, 2021, 2022, 2023)
    ]
    with CaptureQueriesContext(connection) as queries:
        found = list(document_library(user=AnonymousUser(), filters=LibraryFilters(q="remesas")))
    assert set(found) == set(texts[1:])
    assert not [q for q in queries.captured_queries if "matching_axes" in q["sql"]]
    # With room left, a document filed under the axis fills it.
    texts[0].delete()
    texts[1].delete()
    found = list(document_library(user=AnonymousUser(), filters=LibraryFilters(q="remesas")))
    assert found[-1] == filed_only and len(found) == 3


def test_a_search_page_sends_only_selects_which_carry_no_history_context(client):
    """pghistory puts its context before every statement of a request not beginning with
    SELECT (two set_config calls): a read has no history to record."""
    ThematicAxisFactory(name_es="Remesas", name_en="Remittances")
    DocumentFactory(title_es="Remesas familiares", date=datetime.date(2024, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/es/documents/?q=remesas").status_code == 200
    searched = [
        query["sql"]
        for query in queries.captured_queries
        if "text_matches" in query["sql"] or "matching_axes" in query["sql"]
    ]
    assert len(searched) == 2  # the text, then the axes for the slots it left
    assert not [sql for sql in searched if "pghistory" in sql]

"""A search of thousands of words searches the first ten and says so."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.search import SEARCH_WORDS_LIMIT, search_words
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db

LONG_QUERY = " ".join(f"palabra{n}" for n in range(2000))


def test_search_words_keeps_the_first_words_and_says_it_cut():
    assert search_words("  uno   dos tres ") == (["uno", "dos", "tres"], False)
    words, truncated = search_words(LONG_QUERY)
    assert truncated and len(words) == SEARCH_WORDS_LIMIT == 10
    assert words[0] == "palabra0" and words[-1] == "palabra9"
    assert search_words("a b c", limit=2) == (["a", "b"], True)


def _searched_words(queries) -> set[str]:
    sql = " ".join(query["sql"] for query in queries)
    return {f"palabra{n}" for n in range(2000) if f"palabra{n}" in sql}


def test_a_2000_word_library_search_searches_ten_words_and_says_so():
    DocumentFactory(title_es="palabra3 informe")
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en" + reverse("documents:list")[3:], {"q": LONG_QUERY})
    assert response.status_code == 200
    assert "Only the first 10 words were searched." in response.text
    assert _searched_words(queries.captured_queries) <= {f"palabra{n}" for n in range(10)}


def test_a_2000_word_admin_search_searches_ten_words_and_says_so(users):
    DocumentFactory(title_es="palabra3 informe")
    client = Client()
    client.force_login(users["secretariat"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/en" + reverse("admin:documents_document_changelist")[3:], {"q": LONG_QUERY}
        )
    assert response.status_code == 200
    assert "Only the first 10 words were searched." in response.text
    assert _searched_words(queries.captured_queries) <= {f"palabra{n}" for n in range(10)}

"""The library's admin list at scale: the folded titles column, capped counts, cached totals."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from documents import admin_changelist
from documents.models import Document
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db

LIST = "/en/admin/documents/document/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_search_finds_symbols_and_titles_in_both_languages_without_accents(users):
    DocumentFactory(symbol="CRM/GRCM/2026/4", title_es="Ñandú migrante", title_en="Rhea")
    DocumentFactory(symbol="", title_es="Informe", title_en="Report on Córdoba")
    DocumentFactory(symbol="", title_es="Otro", title_en="Other")
    client = client_for(users["secretariat"])

    def found(term):
        return [d.title_es for d in client.get(LIST, {"q": term}).context["cl"].result_list]

    assert found("nandu") == ["Ñandú migrante"]
    assert found("ÑANDÚ") == ["Ñandú migrante"]
    assert found("grcm/2026") == ["Ñandú migrante"]
    assert found("cordoba") == ["Informe"]
    # The separator between the columns is never matched: a word does not run across them.
    assert found("4 nandu") == ["Ñandú migrante"]
    assert found("migrante rhea") == ["Ñandú migrante"]
    assert found("nothing-like-this") == []


def test_the_folded_titles_follow_an_edit(users):
    document = DocumentFactory(title_es="Antes", title_en="Before")
    document.title_en = "Árbol"
    document.save()
    document.refresh_from_db()
    assert document.titles_folded.endswith("arbol")
    assert Document.objects.filter(titles_folded__contains="arbol").get() == document


def test_a_search_past_the_cap_says_more_than_and_the_total_comes_from_the_figures(
    users, monkeypatch
):
    monkeypatch.setattr(admin_changelist, "ADMIN_COUNT_CAP", 3)
    DocumentFactory.create_batch(5, title_es="Informe anual")
    DocumentFactory.create_batch(2, title_es="Acta")
    client = client_for(users["secretariat"])
    page = client.get(LIST, {"q": "informe"})
    assert page.context["cl"].result_count_capped
    assert 'more than 3 results (<a href="?">7 total</a>)' in page.text
    assert "more than 3 documents: narrow the search" in page.text
    assert "Select all the matching documents (more than 3)" in page.text
    # Under the cap the count is exact, as Django words it.
    page = client.get(LIST, {"q": "acta"})
    assert not page.context["cl"].result_count_capped
    assert '2 results (<a href="?">7 total</a>)' in page.text
    # Unfiltered: the cached total, every document counted.
    page = client.get(LIST)
    assert page.context["cl"].result_count == 7
    assert not page.context["cl"].result_count_capped


def test_the_spanish_list_says_more_than_in_spanish(users, monkeypatch):
    monkeypatch.setattr(admin_changelist, "ADMIN_COUNT_CAP", 1)
    DocumentFactory.create_batch(3, title_es="Informe anual")
    page = client_for(users["secretariat"]).get("/es/admin/documents/document/", {"q": "informe"})
    assert "más de 1 resultados" in page.text


def test_a_former_ppt_counts_only_the_documents_it_may_see(users):
    DocumentFactory.create_batch(2, distribution="public")
    DocumentFactory(distribution="internal")
    secretariat = client_for(users["secretariat"]).get(LIST).context["cl"]
    former = client_for(users["former_ppt"]).get(LIST).context["cl"]
    assert (secretariat.result_count, secretariat.full_result_count) == (3, 3)
    assert (former.result_count, former.full_result_count) == (2, 2)
    searched = client_for(users["former_ppt"]).get(LIST, {"q": "a"}).context["cl"]
    assert searched.full_result_count == 2
    assert all(document.distribution != "internal" for document in searched.result_list)


def test_the_admin_list_and_search_make_the_same_number_of_queries_at_any_size(
    users, count_queries
):
    client = client_for(users["secretariat"])
    DocumentFactory.create_batch(3, title_es="Informe")
    client.get(LIST)  # the cached totals
    small = count_queries(lambda: client.get(LIST))
    small_search = count_queries(lambda: client.get(LIST, {"q": "informe"}))
    DocumentFactory.create_batch(30, title_es="Informe")
    client.get(LIST)
    assert count_queries(lambda: client.get(LIST)) == small
    assert count_queries(lambda: client.get(LIST, {"q": "informe"})) == small_search
    # No COUNT over the whole library: the unfiltered total is the cached one.
    with CaptureQueriesContext(connection) as captured:
        client.get(LIST)
    assert not [q for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(")]


def test_a_row_of_a_searched_list_links_to_its_page_keeping_the_search(users):
    document = DocumentFactory(title_es="Informe anual")
    page = client_for(users["secretariat"]).get(LIST, {"q": "informe", "type": "report"})
    link = f"/en/admin/documents/document/{document.pk}/change/"
    assert f'href="{link}?_changelist_filters=q%3Dinforme%26type%3Dreport"' in page.text
    # Without filters the link is bare, as Django writes it.
    assert f'href="{link}"' in client_for(users["secretariat"]).get(LIST).text


def test_the_document_autocomplete_finds_titles_without_accents(users):
    found = DocumentFactory(title_es="Ñandú migrante")
    DocumentFactory(title_es="Otro")
    response = client_for(users["secretariat"]).get(
        "/en/admin/autocomplete/",
        {
            "term": "nandu",
            "app_label": "meetings",
            "model_name": "agendaitem",
            "field_name": "documents",
        },
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(found.pk)]

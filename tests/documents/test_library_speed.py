"""The library's cheaper reads give the same answers: the split search, the snippet window,
the cached filter choices."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from documents import models, selectors, snippets, views
from documents.models import Document
from documents.selectors import LibraryFilters, document_library
from documents.snippets import document_headlines
from tests.documents.factories import DocumentFactory, ThematicAxisFactory
from tests.focal_points.factories import CountryFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def search(text, user=None):
    return list(document_library(user=user or AnonymousUser(), filters=LibraryFilters(q=text)))


def test_a_search_split_at_the_newest_documents_finds_what_one_query_found(monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 4)
    dated = {
        year: DocumentFactory(title_es=f"Remesas {year}", date=datetime.date(year, 1, 1))
        for year in range(2010, 2020)
    }
    DocumentFactory.create_batch(3, title_es="Otro asunto", date=datetime.date(2021, 1, 1))
    DocumentFactory(title_es="Remesas internas", distribution="internal")
    whole = search("remesas")
    # The newest three documents do not mention the word: the older part supplies them all.
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 3)
    assert search("remesas") == whole
    assert set(whole) == {dated[year] for year in (2016, 2017, 2018, 2019)}
    # A window holding enough matches needs nothing older.
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 8)
    assert search("remesas") == whole


def test_a_rare_word_beyond_the_window_is_still_found_and_an_exact_symbol_first(monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 2)
    old = DocumentFactory(title_es="Trata de personas", date=datetime.date(1998, 1, 1))
    symbol = DocumentFactory(symbol="A/51/1", title_es="Acta", date=datetime.date(1997, 1, 1))
    DocumentFactory.create_batch(4, title_es="Acta reciente", date=datetime.date(2024, 1, 1))
    assert search("trata") == [old]
    assert search("A/51/1")[0] == symbol


def test_a_snippet_is_found_deep_in_a_long_text_with_or_without_accents():
    filler = "La cooperación regional avanza con los países miembros. " * 400
    document = DocumentFactory(
        summary_es="Resumen sin la palabra.",
        search_text=filler + "El REASENTAMIENTO de personas refugiadas en la región. " + filler,
    )
    assert len(document.search_text) > 40_000
    for typed in ("reasentamiento", "Reasentamiento", "reasentamientos"):
        snippet = document_headlines([document], typed)[document.pk]
        assert "<mark>REASENTAMIENTO</mark>" in snippet
    accented = DocumentFactory(search_text=filler + "Niñez migrante no acompañada. " + filler)
    assert "<mark>Niñez</mark>" in document_headlines([accented], "ninez")[accented.pk]


def test_an_english_snippet_starts_where_the_stem_does():
    document = DocumentFactory(
        summary_en="",
        search_text="Unrelated opening words. " * 300 + "Returning migrants need support.",
    )
    with translation.override("en"):
        snippet = document_headlines([document], "returned migrant")[document.pk]
    assert "<mark>Returning</mark>" in snippet and "<mark>migrants</mark>" in snippet


def test_the_filters_offer_new_axes_groups_and_countries_at_once(client):
    def offered(name):
        form = Client().get("/en/documents/").context["form"]
        return [label for _value, label in form.fields[name].choices]

    assert "Border management" not in offered("axis")
    axis = ThematicAxisFactory(slug="borders", name_es="Fronteras", name_en="Border management")
    assert "Border management" in offered("axis")
    axis.name_en = "Borders"
    axis.save()
    assert "Borders" in offered("axis") and "Border management" not in offered("axis")
    CountryFactory(iso_code="BZ", name_es="Belice", name_en="Belize")
    assert "Belize" in offered("country")
    WorkingGroupFactory(name_es="Red de retorno", name_en="Return network")
    assert "Return network" in offered("group")
    # The Spanish page has its own cached labels.
    spanish = Client().get("/es/documents/").context["form"]
    assert "Belice" in [label for _value, label in spanish.fields["country"].choices]


def test_a_chosen_filter_is_applied_and_kept_selected(client):
    axis = ThematicAxisFactory(slug="retorno", name_es="Retorno", name_en="Return")
    filed = DocumentFactory(title_es="Archivado")
    filed.thematic_axes.add(axis)
    DocumentFactory(title_es="Sin eje")
    page = client.get("/en/documents/?axis=retorno")
    assert list(page.context["documents"]) == [filed]
    assert '<option value="retorno" selected>Return</option>' in page.text
    # A value no longer offered is dropped, not an error.
    assert client.get("/en/documents/?axis=gone").status_code == 200


def test_a_search_pages_its_ranked_ids_without_counting_and_reads_only_its_page(
    client, monkeypatch
):
    monkeypatch.setattr(views.DocumentListView, "paginate_by", 2)
    newest_first = [
        DocumentFactory(title_es=f"Remesas {year}", date=datetime.date(year, 1, 1))
        for year in (2024, 2023, 2022, 2021, 2020)
    ]
    DocumentFactory(title_es="Remesas internas", distribution="internal")
    whole = search("remesas")
    assert whole == newest_first
    pages = [client.get(f"/en/documents/?q=remesas&page={n}") for n in (1, 2, 3)]
    assert [list(page.context["documents"]) for page in pages] == [
        whole[0:2],
        whole[2:4],
        whole[4:5],
    ]
    assert pages[0].context["total"] == 5
    # Past the end: the last page, and a notice.
    past = client.get("/en/documents/?q=remesas&page=9")
    assert list(past.context["documents"]) == whole[4:5] and past.context["missing_page"] == "9"
    with CaptureQueriesContext(connection) as captured:
        client.get("/en/documents/?q=remesas&page=2")
    assert not [q for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(")]


def same_markup(html: str) -> str:
    """Markup with the white space between tags and the quotes' entities written one way.

    Django's widgets are drawn by Jinja2 here (core.forms.FormRenderer), which writes
    quotes as &#34; and &#39;.
    """
    html = html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("value", ["", "minutes", "report", "<x>"])
def test_the_filters_quick_select_writes_what_djangos_select_writes(language, value):
    from django import forms
    from django.utils.safestring import mark_safe

    from documents.forms import LibraryFilterForm, QuickSelect

    choices = [
        *LibraryFilterForm.base_fields["type"].choices,
        (2024, 2024),
        ("a&b", 'Eje "A" & <B>'),
        ("safe", mark_safe("<em>kept</em>")),
        (None, "none"),
    ]
    with translation.override(language):
        for attrs in ({}, {"id": "id_type"}):
            quick = QuickSelect(choices=choices).render("type", value, attrs)
            django = forms.Select(choices=choices).render("type", value, attrs)
            assert same_markup(quick) == same_markup(django)


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("role", ["anonymous", "focal_point", "secretariat"])
def test_the_page_rows_statement_loads_what_the_orm_loads_for_each_reader(users, role, language):
    from tests.documents.conftest import VISIBLE
    from tests.documents.factories import DocumentFileFactory

    axis = ThematicAxisFactory()
    documents = [
        DocumentFactory(distribution=distribution, title_en="" if n % 2 else f"Report {n}")
        for n, distribution in enumerate(["public", "restricted", "internal"] * 2)
    ]
    for document in documents[:3]:
        document.thematic_axes.add(axis)
    DocumentFileFactory(document=documents[0], language="en")
    DocumentFileFactory(document=documents[0], language="es")
    user = users[role] or AnonymousUser()
    ids = [document.pk for document in documents]
    with translation.override(language):
        for filters in (LibraryFilters(), LibraryFilters(axis=axis)):
            queryset = selectors.document_filtered(user=user, filters=filters)
            rows = selectors.document_page_rows(
                queryset, ids, extra={"probe": ("%s || 'x'", ["a"])}
            )
            expected = {d.pk: d for d in queryset.for_list_page().filter(pk__in=ids)}
            assert {row.pk for row in rows} == set(expected)
            assert {row.distribution for row in rows} <= VISIBLE[role]
            for row in rows:
                model = expected[row.pk]
                assert row.get_deferred_fields() == model.get_deferred_fields()
                for name in (*models.LIST_PAGE_COLUMNS, "pk", "file_languages"):
                    assert getattr(row, name) == getattr(model, name), name
                assert row.probe == "ax"
    assert next(row for row in rows if row.pk == documents[0].pk).file_languages == ["en", "es"]


def test_the_snippet_sources_read_the_readers_summary_and_the_text_near_the_word():
    document = DocumentFactory(
        summary_es="Resumen en español.",
        summary_en="",
        search_text="Palabras de relleno. " * 200 + "Las remesas familiares crecen.",
    )
    for language, summary in (("es", "Resumen en español."), ("en", "Resumen en español.")):
        with translation.override(language):
            sources = snippets.document_snippet_sources("remesas")
            (row,) = selectors.document_page_rows(
                Document.objects.all(), [document.pk], extra=sources
            )
        assert row.snippet_summary == summary
        start = document.search_text.index("Las remesas") + 4 - snippets.HEADLINE_BEFORE_CHARS
        assert row.snippet_text == document.search_text[start : start + 800]
        assert "remes" in row.snippet_query
    document.summary_en = "An English summary."
    document.save()
    with translation.override("en"):
        (row,) = selectors.document_page_rows(
            Document.objects.all(), [document.pk], extra=snippets.document_snippet_sources("x")
        )
    assert row.snippet_summary == "An English summary."
    assert row.snippet_text == document.search_text[:800]  # no word of three letters: the start


@pytest.mark.parametrize(
    "position",
    [0, 1_500, 1_995, 1_999, 2_100, 19_998, 25_000, 99_990],
    ids=lambda position: f"word at {position}",
)
def test_the_snippet_starts_before_the_first_word_wherever_it_is_in_a_long_text(position):
    """The text is read in growing parts: the first word found is the first in the text."""
    text = ("x" * (position - 1) + " " if position else "") + "Remesas y desarrollo. "
    text += "Otra vez las remesas. " * 10 + "y" * 120_000
    document = DocumentFactory(summary_es="", search_text=text)
    (row,) = selectors.document_page_rows(
        Document.objects.all(),
        [document.pk],
        extra=snippets.document_snippet_sources("remesas desarrollo"),
    )
    start = max(position - snippets.HEADLINE_BEFORE_CHARS, 0)
    assert row.snippet_text == text[start : start + snippets.HEADLINE_SOURCE_CHARS]


def test_a_word_past_the_searched_part_gives_the_texts_beginning():
    text = "Sin palabras buscadas. " * 5_000 + "Las remesas."
    assert text.index("remesas") > snippets.HEADLINE_SEARCH_CHARS
    document = DocumentFactory(summary_es="", search_text=text)
    (row,) = selectors.document_page_rows(
        Document.objects.all(), [document.pk], extra=snippets.document_snippet_sources("remesas")
    )
    assert row.snippet_text == text[: snippets.HEADLINE_SOURCE_CHARS]


def test_a_short_text_is_read_whole_and_its_words_marked_wherever_they_are():
    text = "Palabras de relleno. " * 60 + "Las remesas familiares crecen. Fin."
    assert len(text.encode()) <= snippets.HEADLINE_WHOLE_TEXT_BYTES
    document = DocumentFactory(summary_es="", search_text=text)
    (row,) = selectors.document_page_rows(
        Document.objects.all(), [document.pk], extra=snippets.document_snippet_sources("remesas")
    )
    assert row.snippet_text == text
    snippet = snippets.document_headlines([row], "remesas")[document.pk]
    assert snippet.startswith("relleno. Palabras de relleno.")
    assert snippet.endswith("Las <mark>remesas</mark> familiares crecen. Fin")

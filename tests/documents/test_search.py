"""Search: accents and case do not matter, both languages are stemmed, a symbol comes first."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from documents.selectors import LibraryFilters, document_library
from documents.services import document_file_attach
from documents.snippets import document_headlines
from tests.documents.factories import DocumentFactory, ThematicAxisFactory, upload

pytestmark = pytest.mark.django_db

# Small Spanish and English texts of our own (the shared samples are not needed here).
PROPOSAL_ES = (
    "La Presidencia Pro Tempore propone crear un Grupo de Trabajo sobre Migración y "
    "Desarrollo, con puntos focales designados por cada país miembro."
)
REPORT_EN = (
    "The Secretary-General reports on international migration and development, "
    "including remittances and the return of migrants."
)


def search(text, user=None):
    filters = LibraryFilters(q=text)
    return list(document_library(user=user or AnonymousUser(), filters=filters))


@pytest.fixture
def library():
    proposal = DocumentFactory(
        title_es="Propuesta de un grupo de trabajo",
        title_en="Proposal for a working group",
        summary_es="Coordinación de los puntos focales.",
        summary_en="Coordination of focal points.",
    )
    document_file_attach(
        document=proposal, language="es", uploaded=upload("propuesta.txt", PROPOSAL_ES.encode())
    )
    report = DocumentFactory(
        symbol="A/63/265",
        title_es="Informe del Secretario General",
        title_en="Report of the Secretary-General",
        summary_es="Seguimiento del diálogo de alto nivel.",
        summary_en="Follow-up to the high-level dialogue.",
    )
    document_file_attach(
        document=report, language="en", uploaded=upload("report.txt", REPORT_EN.encode())
    )
    niñez = DocumentFactory(
        title_es="Niñez migrante no acompañada",
        title_en="Unaccompanied migrant children",
        summary_es="Protección en frontera.",
        summary_en="Protection at the border.",
    )
    unrelated = DocumentFactory(
        title_es="Informe financiero",
        title_en="Financial statement",
        summary_es="Presupuesto anual.",
        summary_en="Annual budget.",
    )
    return {"proposal": proposal, "report": report, "ninez": niñez, "unrelated": unrelated}


@pytest.mark.parametrize("text", ["migración", "migracion", "MIGRACIÓN", "Migraciones"])
def test_spanish_words_are_found_with_or_without_accents(library, text):
    found = search(text)
    assert library["proposal"] in found
    assert library["unrelated"] not in found


@pytest.mark.parametrize("text", ["ninez", "niñez", "NIÑEZ"])
def test_an_enye_typed_without_its_tilde_still_matches(library, text):
    assert search(text) == [library["ninez"]]


@pytest.mark.parametrize("text", ["remittances", "remittance", "returning migrants"])
def test_english_words_are_stemmed_in_english(library, text):
    assert library["report"] in search(text)


def test_a_symbol_typed_as_is_puts_its_document_first(library):
    # Another document mentioning the symbol's parts must not outrank the symbol itself.
    DocumentFactory(
        title_es="Comentarios sobre el documento A/63/265 y el informe 63",
        summary_es="Informe 265 informe 63.",
    )
    results = search("A/63/265")
    assert results[0] == library["report"]
    assert search("a/63/265")[0] == library["report"]


@pytest.fixture
def development_axis():
    return ThematicAxisFactory(
        slug="migration-and-development",
        name_es="Migración y desarrollo",
        name_en="Migration and development",
    )


def test_a_thematic_axis_named_in_either_language_finds_its_documents(library, development_axis):
    spanish_only = DocumentFactory(
        title_es="Integración y retorno de las personas migrantes",
        title_en="",
        summary_es="Reinserción social y productiva.",
        summary_en="",
    )
    spanish_only.thematic_axes.add(development_axis)

    english = search("migration development")
    spanish = search("migracion desarrollo")

    # Words in the text rank above a match through the axis alone.
    assert english[0] == library["report"] and spanish_only in english
    assert spanish_only in spanish
    assert library["unrelated"] not in english + spanish


def test_an_axis_match_never_reveals_a_restricted_document(development_axis, users):
    restricted = DocumentFactory(title_es="Propuesta reservada", distribution="restricted")
    restricted.thematic_axes.add(development_axis)

    assert search("migration development") == []
    assert search("migration development", users["focal_point"]) == [restricted]


def test_websearch_syntax_excludes_words(library):
    assert library["report"] not in search("migración -remesas -remittances")
    assert library["proposal"] in search("migración -remesas -remittances")


def test_title_matches_rank_above_matches_in_the_text(library):
    titled = DocumentFactory(title_es="Remesas y desarrollo", title_en="Remittances")
    results = search("remesas")
    assert results[0] == titled
    assert library["proposal"] not in results


def test_a_snippet_highlights_the_match_with_its_accents_restored(library):
    found = search("migracion")
    snippets = document_headlines(found, "migracion")
    snippet = snippets[library["proposal"].pk]
    assert "<mark>Migración</mark>" in snippet


def test_a_snippet_escapes_html_from_the_document():
    document = DocumentFactory(
        summary_es="<script>alert(1)</script> costos < beneficios & migración regional"
    )
    snippet = document_headlines([document], "migracion")[document.pk]
    assert "<script>" not in snippet
    assert "&lt; beneficios &amp; <mark>migración</mark>" in snippet


def test_restricted_documents_never_come_up_in_an_anonymous_search(users):
    DocumentFactory(title_es="Migración reservada", distribution="restricted")
    DocumentFactory(title_es="Migración interna", distribution="internal")
    assert search("migracion") == []
    assert len(search("migracion", users["focal_point"])) == 1
    assert len(search("migracion", users["secretariat"])) == 2


def test_a_very_common_word_ranks_the_most_recent_matches_and_says_so(monkeypatch, client):
    import datetime

    from documents import selectors

    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 3)
    old_symbol = DocumentFactory(
        symbol="A/51/1", title_es="Migración antigua", date=datetime.date(1997, 1, 1)
    )
    recent = [
        DocumentFactory(title_es=f"Migración {year}", date=datetime.date(year, 1, 1))
        for year in (2020, 2021, 2022, 2023)
    ]
    found = search("migracion")
    assert set(found) == set(recent[1:])
    assert old_symbol not in found
    # A symbol typed as is is always found, however old its document.
    assert search("A/51/1")[0] == old_symbol
    page = client.get("/en/documents/?q=migracion")
    assert "the 3 most recent are shown" in page.text
    assert "most recent" not in client.get("/en/documents/?q=antigua").text


def test_an_english_visitor_gets_english_words_highlighted_by_their_stem(library):
    from django.utils import translation

    with translation.override("en"):
        found = search("returning migrants")
        snippet = document_headlines(found, "returning migrants")[library["report"].pk]
    assert "<mark>return</mark>" in snippet and "<mark>migrants</mark>" in snippet


def test_a_markdown_file_is_indexed_and_shown_as_text_not_markup():
    document = DocumentFactory(summary_es="", summary_en="")
    document_file_attach(
        document=document,
        language="es",
        uploaded=upload("plan.md", b"# Plan de trabajo\n\n## Eje 1\n\n**Remesas** y desarrollo"),
    )
    document.refresh_from_db()
    assert "#" not in document.search_text and "**" not in document.search_text
    snippet = document_headlines([document], "remesas")[document.pk]
    assert "<mark>Remesas</mark>" in snippet
    assert "#" not in snippet and "**" not in snippet


def test_snippets_of_texts_indexed_with_their_markup_show_the_text():
    # Rows indexed before Markdown was read as prose still carry "#" and "**".
    document = DocumentFactory(summary_es="", summary_en="")
    type(document).objects.filter(pk=document.pk).update(
        search_text="# Plan de trabajo ## Eje 1 **Remesas** y desarrollo"
    )
    snippet = document_headlines([document], "remesas")[document.pk]
    assert "Remesas" in snippet and "#" not in snippet and "**" not in snippet


@pytest.mark.parametrize("role", ["visitor", "secretariat"])
def test_a_search_keeps_every_filter_and_the_readers_rights(users, role):
    """The search is written around the filters' own conditions: each one still applies."""
    from focal_points.models import WorkingGroup
    from tests.focal_points.factories import CountryFactory, WorkingGroupFactory

    mexico = CountryFactory(iso_code="MX", name_es="México", name_en="Mexico")
    group = WorkingGroupFactory()
    axis = ThematicAxisFactory(slug="remesas-eje", name_es="Eje de prueba", name_en="Test axis")
    wanted = DocumentFactory(
        title_es="Remesas y desarrollo local",
        type="study",
        date=datetime.date(2019, 3, 1),
        author_kind="country",
        author_country=mexico,
        working_group=group,
    )
    wanted.thematic_axes.add(axis)
    document_file_attach(
        document=wanted, language="en", uploaded=upload("remittances.txt", b"Remittances.")
    )
    DocumentFactory(title_es="Remesas en otro año", type="study", date=datetime.date(2021, 1, 1))
    DocumentFactory(title_es="Remesas de otro tipo", type="report", date=datetime.date(2019, 3, 1))
    restricted = DocumentFactory(
        title_es="Remesas: nota reservada",
        type="study",
        date=datetime.date(2019, 3, 1),
        author_kind="country",
        author_country=mexico,
        working_group=group,
        distribution="restricted",
    )
    restricted.thematic_axes.add(axis)
    reader = None if role == "visitor" else users["secretariat"]
    every_filter = {
        "type": LibraryFilters(q="remesas", type="study", year=2019),
        "country": LibraryFilters(q="remesas", country=mexico, year=2019),
        "group": LibraryFilters(
            q="remesas", working_group=WorkingGroup.objects.get(pk=group.pk), year=2019
        ),
        "axis": LibraryFilters(q="remesas", axis=axis),
        "language": LibraryFilters(q="remesas", language="en"),
        # No filter: for the Secretariat the query has no condition of its own at all.
        "words only": LibraryFilters(q="desarrollo local"),
    }
    for name, filters in every_filter.items():
        found = list(document_library(user=reader or AnonymousUser(), filters=filters))
        alone = role == "visitor" or name in ("language", "words only")
        expected = [wanted] if alone else [restricted, wanted]
        assert sorted(d.pk for d in found) == sorted(d.pk for d in expected), name


def test_a_snippet_marks_the_words_searched_for_and_not_those_excluded():
    document = DocumentFactory(
        summary_es="Las remesas familiares y la migración laboral en la región.",
        summary_en="",
        search_text="",
    )
    snippet = document_headlines([document], "migración -remesas")[document.pk]
    assert "<mark>migración</mark>" in snippet and "<mark>remesas</mark>" not in snippet
    with_phrase = document_headlines([document], 'migracion -"remesas familiares"')
    assert "<mark>remesas</mark>" not in with_phrase[document.pk]


def test_an_english_stem_ending_in_i_marks_the_word_ending_in_y():
    from django.utils import translation

    document = DocumentFactory(
        summary_en="The migration policy of the region and its policies.", search_text=""
    )
    with translation.override("en"):
        snippet = document_headlines([document], "policies")[document.pk]
    assert "<mark>policy</mark>" in snippet and "<mark>policies</mark>" in snippet


def test_a_snippet_is_two_passages_of_a_few_words_around_the_words_found():
    words = [f"palabra{n}" for n in range(200)]
    for n in (50, 60, 120, 180):
        words[n] = "remesas"
    document = DocumentFactory(summary_es=" ".join(words), search_text="")
    snippet = document_headlines([document], "remesas")[document.pk]
    first, second = snippet.split(" … ")
    assert (
        first.split()
        == words[42:50]
        + ["<mark>remesas</mark>"]
        + words[51:60]
        + ["<mark>remesas</mark>"]
        + words[61:77]
    )
    assert second.split()[:9] == words[112:120] + ["<mark>remesas</mark>"]
    assert len(second.split()) == 35 and "palabra179" not in snippet

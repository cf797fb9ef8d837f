"""The library in a real browser: search without accents, filter, open, switch language."""

import pytest

from documents.services import document_file_attach
from tests.documents.factories import DocumentFactory, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_a_visitor_searches_without_accents_and_opens_the_document(page_factory, width):
    document = DocumentFactory(
        symbol="CRM/2015/1",
        title_es="Nota conceptual sobre reintegración",
        title_en="Concept note on reintegration",
        type="concept_note",
    )
    document_file_attach(
        document=document,
        language="es",
        uploaded=upload("nota.txt", "Retorno y reinserción de personas migrantes.".encode()),
    )
    DocumentFactory(title_es="Acta reservada sobre reinserción", distribution="restricted")
    page = page_factory(viewport=(width, 800))
    page.goto("/es/documents/")
    page.fill("input[name=q]", "reinsercion")
    page.select_option("select[name=type]", "concept_note")
    page.click("form.library-filters button[type=submit]")
    page.wait_for_url("**/es/documents/?q=reinsercion&type=concept_note**")
    assert page.locator("[data-testid=result-count]").inner_text() == "1 documento"
    assert page.locator(".snippet mark").first.inner_text() == "reinserción"
    assert "Acta reservada" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.click("text=Nota conceptual sobre reintegración")
    assert page.locator("h1").inner_text() == "Nota conceptual sobre reintegración"
    page.click("a[data-language=en]")
    assert page.locator("h1").inner_text() == "Concept note on reintegration"
    assert page.locator(".download-list a").inner_text() == "Spanish"

"""A searched page of the library is kept for the next reader asking the same, never longer
than the library stays unchanged, and never for a reader who may see other documents."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from documents.services import document_file_attach
from tests.documents.conftest import ROLES, VISIBLE
from tests.documents.factories import DocumentFactory, ThematicAxisFactory, pdf_bytes, upload
from tests.focal_points.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

SEARCH = "/es/documents/?q=remesas"


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def searched(client, url=SEARCH):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    ranked = [q["sql"] for q in captured.captured_queries if "ts_rank" in q["sql"]]
    snippets = [q["sql"] for q in captured.captured_queries if "ts_headline" in q["sql"]]
    return response, bool(ranked or snippets)


def test_the_same_search_again_is_the_same_page_without_ranking_or_snippets():
    for n in range(25):
        DocumentFactory(title_es=f"Remesas y desarrollo {n}", summary_es="Las remesas familiares.")
    first, searched_first = searched(Client())
    again, searched_again = searched(Client())
    assert searched_first and not searched_again
    assert again.content == first.content
    assert "Remesas y desarrollo" in again.text and "<mark>remesas</mark>" in again.text
    assert again.context["total"] == 25
    # The second page is its own page, and kept in turn.
    second, searched_second = searched(Client(), SEARCH + "&page=2")
    assert searched_second and second.text.count('class="document-item"') == 5
    assert not searched(Client(), SEARCH + "&page=2")[1]


def test_a_change_to_the_library_retires_every_kept_search():
    document = DocumentFactory(title_es="Remesas en la región")
    searched(Client())
    document.title_es = "Remesas en Centroamérica"
    document.save()
    page, searched_again = searched(Client())
    assert searched_again
    assert "Remesas en Centroamérica" in page.text and "Remesas en la región" not in page.text
    # A new file, a new axis link, a renamed author: each shows at once.
    document_file_attach(
        document=document,
        language="en",
        uploaded=upload("remittances.pdf", pdf_bytes("Remesas remittances")),
    )
    assert 'lang="en">' in searched(Client())[0].text
    axis = ThematicAxisFactory(slug="remesas", name_es="Remesas", name_en="Remittances")
    filed = DocumentFactory(title_es="Solo archivado", summary_es="Sin la palabra.")
    assert "Solo archivado" not in searched(Client())[0].text
    filed.thematic_axes.add(axis)
    assert "Solo archivado" in searched(Client())[0].text
    author = InstitutionFactory(name_es="Banco Central")
    DocumentFactory(
        title_es="Remesas del banco", author_kind="institution", author_institution=author
    )
    assert "Banco Central" in searched(Client())[0].text
    author.name_es = "Banco de la República"
    author.save()
    assert "Banco de la República" in searched(Client())[0].text


@pytest.mark.parametrize("role", ROLES)
def test_a_kept_search_never_shows_a_reader_what_they_may_not_see(users, role):
    for level in ("public", "restricted", "internal"):
        DocumentFactory(
            title_es=f"Remesas {level}", symbol=f"CRM/{level.upper()}/9", distribution=level
        )
    # Everyone else searched first: the page kept for the widest reader comes first.
    for other in ROLES:
        if other != role:
            searched(client_for(users[other]))
    page, _ = searched(client_for(users[role]))
    levels = ("public", "restricted", "internal")
    shown = {level for level in levels if f"CRM/{level.upper()}/9" in page.text}
    assert shown == VISIBLE[role]


def test_each_language_keeps_its_own_page():
    DocumentFactory(title_es="Remesas familiares", title_en="Family remittances")
    spanish, _ = searched(Client(), "/es/documents/?q=remesas")
    english, _ = searched(Client(), "/en/documents/?q=remesas")
    assert "Remesas familiares" in spanish.text and "Family remittances" in english.text
    assert "Family remittances" in searched(Client(), "/en/documents/?q=remesas")[0].text

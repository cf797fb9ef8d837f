"""The library's items are written in Python from the list's own columns and cached names:
each says what its document says, in the reader's language, and a renamed author shows
at once."""

import datetime
import re
from html import escape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from documents.models import Document
from documents.services import document_file_attach
from tests.documents.factories import DocumentFactory, upload
from tests.focal_points.factories import CountryFactory, InstitutionFactory, PresidencyFactory

pytestmark = pytest.mark.django_db


def items_of(page) -> dict[str, str]:
    """The page's items by their link."""
    items = re.findall(r'<li class="document-item">.*?</li>', page.text, re.S)
    return {re.search(r'href="([^"]+)"', item).group(1): item for item in items}


@pytest.fixture
def varied(users):
    country = CountryFactory(iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")
    institution = InstitutionFactory(
        country=country, name_es="Dirección de Migración", name_en="Migration Directorate"
    )
    presidency = PresidencyFactory(
        country=CountryFactory(iso_code="PA", name_es="Panamá", name_en="Panama"),
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2019, 12, 31),
    )
    documents = [
        DocumentFactory(
            author_kind="country",
            author_country=country,
            symbol="CRM/2024/1",
            title_es="Informe <b>&</b> anexo",
            title_en="Report <b>&</b> annex",
            date_precision="day",
        ),
        DocumentFactory(
            author_kind="institution",
            author_institution=institution,
            title_en="",
            date=datetime.date(2021, 3, 9),
            date_precision="month",
            type="minutes",
        ),
        DocumentFactory(
            author_kind="presidency",
            author_presidency=presidency,
            date=datetime.date(2019, 6, 1),
            date_precision="year",
            distribution="restricted",
        ),
        DocumentFactory(author_kind="secretariat", distribution="internal", type="study"),
    ]
    for document in documents[:2]:
        document_file_attach(document=document, language="es", uploaded=upload("a.txt", b"x"))
    document_file_attach(document=documents[0], language="en", uploaded=upload("b.txt", b"y"))
    return {"documents": documents, "presidency": presidency, "institution": institution}


@pytest.mark.parametrize("language", ["es", "en"])
def test_each_item_says_what_its_document_says_in_the_readers_language(users, varied, language):
    client = Client()
    client.force_login(users["secretariat"])
    page = client.get(f"/{language}/documents/")
    items = items_of(page)
    with translation.override(language):
        for document in Document.objects.filter(pk__in=[d.pk for d in varied["documents"]]):
            item = items[document.get_absolute_url()]
            assert f">{escape(document.title)}</a>" in item
            meta = re.search(r'<p class="document-meta muted">(.*?)</p>', item, re.S).group(1)
            expected = [
                escape(document.get_type_display()),
                document.date_display,
                escape(str(document.author_display)),
            ]
            if document.symbol:
                expected.insert(0, f'<span class="symbol">{escape(document.symbol)}</span>')
            assert meta.startswith(" · ".join(expected))
            restricted = document.get_distribution_display()
            assert (escape(str(restricted)) in meta) is (not document.is_public)
            assert ("Spanish version" in item or "Versión en español" in item) is (
                document.shown_in_spanish_fallback
            )
            shown = [f.language for f in document.files.order_by("language")]
            assert re.findall(r'<span class="badge" lang="(\w+)">', item) == shown
    title = {"es": "Informe", "en": "Report"}[language]
    assert f"{title} &lt;b&gt;&amp;&lt;/b&gt; an" in page.text


def test_an_author_renamed_or_added_is_named_anew_in_the_list(users, varied):
    client = Client()
    client.force_login(users["secretariat"])
    client.get("/en/documents/")  # the names are kept from here on
    institution, presidency = varied["institution"], varied["presidency"]
    institution.name_en = "National Migration Directorate"
    institution.save()
    presidency.country.name_en = "Republic of Panama"
    presidency.country.save()
    newcomer = InstitutionFactory(name_es="Instituto Nuevo", name_en="New Institute")
    # Written without a signal: the names kept do not know it, the model still does.
    Document.objects.filter(pk=varied["documents"][3].pk).update(
        author_kind="institution", author_institution=newcomer
    )
    page = client.get("/en/documents/").text
    assert "National Migration Directorate" in page
    assert "Pro-Tempore Presidency of Republic of Panama (2019)" in page
    assert "New Institute" in page


def test_the_items_name_their_authors_without_reading_their_tables(users, varied):
    client = Client()
    client.get("/es/documents/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/es/documents/")
    assert "Costa Rica" in page.text and "Dirección de Migración" in page.text
    read = " ".join(query["sql"] for query in captured.captured_queries)
    assert "focal_points_institution" not in read and "focal_points_presidency" not in read

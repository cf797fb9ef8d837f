"""Library pages: who sees what, filters in the URL, downloads, feed, sitemap, query counts."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import ThematicAxis
from documents.services import document_file_attach
from tests.documents.conftest import ROLES, VISIBLE
from tests.documents.factories import DocumentFactory, pdf_bytes, upload
from tests.focal_points.factories import CountryFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

LEVELS = ("public", "restricted", "internal")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def by_level():
    """One document per distribution level, each with a Spanish file and a telling title."""
    documents = {}
    for level in LEVELS:
        document = DocumentFactory(
            distribution=level,
            title_es=f"Documento {level} sobre migración",
            title_en=f"Document {level} on migration",
            symbol=f"CRM/{level.upper()}/1",
        )
        document_file_attach(
            document=document,
            language="es",
            uploaded=upload(f"{level}.pdf", pdf_bytes(f"Texto {level} migracion")),
        )
        documents[level] = document
    return documents


@pytest.mark.parametrize("role", ROLES)
def test_the_list_search_and_count_show_only_what_the_role_may_see(users, by_level, role):
    client = client_for(users[role])
    for url in ("/es/documents/", "/es/documents/?q=migracion", "/en/documents/?q=migration"):
        response = client.get(url)
        assert response.status_code == 200
        shown = {level for level in LEVELS if f"CRM/{level.upper()}/1" in response.text}
        assert shown == VISIBLE[role], url
        assert response.context["total"] == len(VISIBLE[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("level", LEVELS)
def test_a_document_page_and_its_download_answer_404_to_those_who_may_not_see_it(
    users, by_level, role, level
):
    client = client_for(users[role])
    document = by_level[level]
    detail = client.get(f"/es/documents/{document.pk}/")
    download = client.get(f"/es/documents/{document.pk}/download/es/")
    if level in VISIBLE[role]:
        assert detail.status_code == 200
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF-")
    else:
        assert detail.status_code == 404
        assert download.status_code == 404
        assert f"CRM/{level.upper()}/1" not in detail.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "focal_point", "secretariat"])
def test_the_feed_and_the_sitemap_list_public_documents_only(users, by_level, role):
    client = client_for(users[role])
    feed = client.get(reverse("documents:feed"))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert "/sitemap-documents.xml" in index.content.decode()
    sitemap = client.get("/sitemap-documents.xml")
    assert sitemap.status_code == 200
    for level, document in by_level.items():
        path = f"/documents/{document.pk}/"
        expected = level == "public"
        assert (f"CRM/{level.upper()}/1" in feed.content.decode()) is expected
        assert (f"/es{path}" in sitemap.content.decode()) is expected
        assert (f"/en{path}" in sitemap.content.decode()) is expected


def test_a_download_carries_its_type_and_a_filename_in_its_language(by_level):
    document = by_level["public"]
    document_file_attach(
        document=document, language="en", uploaded=upload("english.txt", b"English text")
    )
    response = Client().get(f"/en/documents/{document.pk}/download/en/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="crm-public-1-en.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"English text"
    spanish = Client().get(f"/es/documents/{document.pk}/download/es/")
    assert spanish["Content-Type"] == "application/pdf"
    assert spanish["Content-Disposition"] == 'attachment; filename="crm-public-1-es.pdf"'


def test_a_missing_language_version_is_not_found(by_level):
    assert Client().get(f"/es/documents/{by_level['public'].pk}/download/fr/").status_code == 404


def test_restricted_downloads_are_not_kept_in_shared_caches(users, by_level):
    response = client_for(users["focal_point"]).get(
        f"/es/documents/{by_level['restricted'].pk}/download/es/"
    )
    assert response["Cache-Control"] == "private"


def test_with_x_accel_redirect_the_web_server_sends_the_bytes(settings, by_level):
    settings.DOCUMENTS_X_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    document = by_level["public"]
    response = Client().get(f"/es/documents/{document.pk}/download/es/")
    stored_name = document.files.get().file.name
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{stored_name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="crm-public-1-es.pdf"'
    assert response.content == b""


def test_a_download_whose_file_vanished_is_a_404_not_a_500(by_level):
    version = by_level["public"].files.get()
    version.file.storage.delete(version.file.name)
    assert Client().get(f"/es/documents/{by_level['public'].pk}/download/es/").status_code == 404


def test_the_document_page_shows_metadata_and_downloads_in_the_visitors_language(by_level):
    document = by_level["public"]
    document.thematic_axes.add(ThematicAxis.objects.get(slug="human-rights"))
    english = Client().get(f"/en/documents/{document.pk}/")
    assert "Document public on migration" in english.text
    assert "Human Rights" in english.text
    assert "Spanish version" not in english.text
    assert f"/en/documents/{document.pk}/download/es/" in english.text
    assert "PDF" in english.text and "bytes" in english.text or "KB" in english.text
    spanish = Client().get(f"/es/documents/{document.pk}/")
    assert "Documento public sobre migración" in spanish.text
    assert "Derechos Humanos" in spanish.text


def test_an_english_visitor_reading_a_spanish_only_record_is_told_so():
    document = DocumentFactory(title_es="Acta de la reunión", title_en="", summary_en="")
    response = Client().get(f"/en/documents/{document.pk}/")
    assert "Acta de la reunión" in response.text
    assert 'data-testid="spanish-version"' in response.text
    assert "Spanish version" in response.text


def test_every_filter_travels_in_the_query_string_and_narrows_the_list():
    country = CountryFactory(iso_code="MX")
    group = WorkingGroupFactory()
    axis = ThematicAxis.objects.get(slug="migration-and-development")
    target = DocumentFactory(
        title_es="Objetivo",
        type="study",
        date=datetime.date(2015, 3, 1),
        author_kind="country",
        author_country=country,
        working_group=group,
    )
    target.thematic_axes.add(axis)
    document_file_attach(document=target, language="en", uploaded=upload("a.txt", b"text"))
    DocumentFactory(title_es="Otro", type="study", date=datetime.date(2015, 3, 1))
    DocumentFactory(title_es="Tercero", type="report", date=datetime.date(2010, 3, 1))
    query = f"type=study&year=2015&axis={axis.slug}&group={group.pk}&country=MX&language=en"
    response = Client().get(f"/es/documents/?{query}")
    assert [d.pk for d in response.context["documents"]] == [target.pk]
    for single in query.split("&"):
        listed = Client().get(f"/es/documents/?{single}").context["documents"]
        assert target in listed
        assert len(listed) < 3


def test_invalid_filter_values_are_ignored_not_a_500():
    DocumentFactory()
    response = Client().get("/es/documents/?year=abc&type=zzz&axis=nope&group=x&country=99&page=1")
    assert response.status_code == 200
    assert response.context["total"] == 1


def test_pagination_keeps_the_search_and_filters_in_its_links():
    for number in range(25):
        DocumentFactory(title_es=f"Migración {number}")
    response = Client().get("/es/documents/?q=migracion&type=report")
    assert response.context["paginator"].num_pages == 2
    assert "?q=migracion&amp;type=report&amp;page=2" in response.text
    second = Client().get("/es/documents/?q=migracion&type=report&page=2")
    assert len(second.context["documents"]) == 5


def test_the_list_makes_the_same_number_of_queries_whatever_the_number_of_documents(
    users, count_queries
):
    client = client_for(users["focal_point"])
    axis = ThematicAxis.objects.first()

    def add(count):
        for _ in range(count):
            document = DocumentFactory(distribution="restricted")
            document.thematic_axes.add(axis)
            document_file_attach(document=document, language="es", uploaded=upload("a.txt", b"x"))

    add(3)
    # The filters' choices and the totals are read once, then come from the cache.
    client.get("/es/documents/")
    small = count_queries(lambda: client.get("/es/documents/?q=informe"))
    small_plain = count_queries(lambda: client.get("/es/documents/"))
    add(30)
    client.get("/es/documents/")  # the totals, forgotten when documents were added
    assert count_queries(lambda: client.get("/es/documents/?q=informe")) == small
    assert count_queries(lambda: client.get("/es/documents/")) == small_plain
    assert small <= 16


def test_the_navigation_links_to_the_library_in_both_languages():
    assert 'href="/es/documents/"' in Client().get("/es/").text
    english = Client().get("/en/documents/")
    assert 'href="/en/documents/" aria-current="page"' in english.text
    assert ">Documents<" in english.text


def test_home_page_offers_the_library_search_and_the_latest_public_documents(client, count_queries):
    DocumentFactory(title_es="Plan de trabajo regional", distribution="public")
    DocumentFactory(title_es="Nota interna reservada", distribution="restricted")
    response = client.get("/es/")
    text = response.content.decode()
    assert response.status_code == 200
    assert 'action="/es/documents/"' in text and 'name="q"' in text
    assert "Plan de trabajo regional" in text
    assert "Nota interna reservada" not in text
    many = count_queries(lambda: client.get("/es/"))
    for number in range(6):
        DocumentFactory(title_es=f"Informe {number}", distribution="public")
    assert count_queries(lambda: client.get("/es/")) == many


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0"])
def test_a_page_past_the_end_shows_the_last_page_and_says_so(client, page):
    for number in range(3):
        DocumentFactory(title_es=f"Informe {number}", title_en=f"Report {number}")
    response = client.get("/en/documents/", {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert f"There is no page “{page}” in these results" in response.text
    assert "Report 0" in response.text


def test_a_page_that_exists_shows_no_notice(client):
    DocumentFactory(distribution="public")
    response = client.get("/en/documents/", {"page": "1"})
    assert response.status_code == 200
    assert response.context["missing_page"] is None
    assert "There is no page" not in response.text

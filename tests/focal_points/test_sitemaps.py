"""The sitemap lists every public directory page once per language."""

import re

import pytest

from focal_points.models import Country
from tests.focal_points.factories import CountryFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def sitemap_text(client) -> str:
    """Return every section of the sitemap index, concatenated."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", index.text)
    assert "/sitemap-countries.xml" in sections
    return "".join(client.get(section).text for section in sections)


def test_sitemap_lists_countries_and_groups_in_both_languages(client):
    CountryFactory(iso_code="CR")
    CountryFactory(iso_code="CO", status=Country.Status.OBSERVER)
    group = WorkingGroupFactory()
    inactive = WorkingGroupFactory(is_active=False)
    text = sitemap_text(client)
    for language in ("es", "en"):
        assert f"/{language}/directory/countries/cr/</loc>" in text
        assert f"/{language}/directory/countries/co/</loc>" in text
        assert f"/{language}/directory/groups/{group.slug}/</loc>" in text
        assert f"/{language}/directory/countries/</loc>" in text
        assert f"/{language}/</loc>" in text
    assert f"/groups/{inactive.slug}/" not in text
    assert 'hreflang="en"' in text


def test_sitemap_links_answer_200(client):
    CountryFactory(iso_code="CR")
    WorkingGroupFactory()
    text = sitemap_text(client)
    paths = [
        path
        for path in re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", text)
        if "/directory/" in path or path in ("/es/", "/en/")
    ]
    assert len(paths) == 2 * 5
    for path in paths:
        assert client.get(path).status_code == 200, path

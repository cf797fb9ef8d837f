"""The sitemap lists every public directory page once per language."""

import pytest

from focal_points.models import Country
from tests.focal_points.factories import CountryFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_countries_and_groups_in_both_languages(client):
    CountryFactory(iso_code="CR")
    CountryFactory(iso_code="CO", status=Country.Status.OBSERVER)
    group = WorkingGroupFactory()
    inactive = WorkingGroupFactory(is_active=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    text = response.text
    for language in ("es", "en"):
        assert f"/{language}/directory/countries/cr/</loc>" in text
        assert f"/{language}/directory/countries/co/</loc>" in text
        assert f"/{language}/directory/groups/{group.pk}/</loc>" in text
        assert f"/{language}/directory/countries/</loc>" in text
        assert f"/{language}/</loc>" in text
    assert f"/groups/{inactive.pk}/" not in text
    assert 'hreflang="en"' in text


def test_sitemap_links_answer_200(client):
    CountryFactory(iso_code="CR")
    WorkingGroupFactory()
    import re

    text = client.get("/sitemap.xml").text
    paths = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", text)
    assert len(paths) == 2 * 5
    for path in paths:
        assert client.get(path).status_code == 200, path

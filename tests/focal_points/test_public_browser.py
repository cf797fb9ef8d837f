"""A country page in a real browser: readable on a phone and a desktop."""

import pytest

from focal_points import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_country_page_fits_the_screen_without_horizontal_scroll(page_factory, width):
    demo.load()
    page = page_factory(viewport=(width, 800))
    page.goto("/es/directory/countries/do/")
    assert page.locator("h1").inner_text() == "República Dominicana"
    assert page.locator(".group-seats").count() == len(demo.WORKING_GROUPS)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto("/es/directory/groups/")
    page.locator(".card h2 a").first.click()
    assert page.locator("table.coverage tbody tr").count() == len(demo.MEMBERS)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

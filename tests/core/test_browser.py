"""The home page in a real browser: language switching both ways, both screen sizes."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_the_home_page_to_english_and_back(page):
    page.goto("/es/")
    heading = page.locator("h1")
    assert heading.inner_text() == "Conferencia Regional sobre Migración"

    page.click("a[data-language=en]")
    page.wait_for_url("**/en/")
    assert heading.inner_text() == "Regional Conference on Migration"
    assert page.locator("html").get_attribute("lang") == "en"

    page.click("a[data-language=es]")
    page.wait_for_url("**/es/")
    assert heading.inner_text() == "Conferencia Regional sobre Migración"


@pytest.mark.parametrize("width", [375, 1280])
def test_home_page_fits_the_screen_without_horizontal_scroll(page_factory, width):
    page = page_factory(viewport=(width, 800))
    page.goto("/es/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width
    assert page.locator("nav.main-nav").is_visible()
    assert page.locator("a[data-language=en]").is_visible()

"""The admin's language tabs work in a real browser, with no asset from a CDN."""

import pytest

from focal_points.models import FocalPoint
from tests.factories import SuperUserFactory
from tests.focal_points.factories import FocalPointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_fill_the_english_position_in_its_tab_and_it_is_stored(page):
    SuperUserFactory(username="admin-tabs", password="test-password-123")
    entry = FocalPointFactory(position_es="Directora de Migración", position_en="")

    page.goto("/es/admin/login/")
    page.fill("#id_username", "admin-tabs")
    page.fill("#id_password", "test-password-123")
    page.click("input[type=submit]")
    page.goto(f"/es/admin/focal_points/focalpoint/{entry.pk}/change/")

    english_field = page.locator("#id_position_en")
    assert not english_field.is_visible()  # the Spanish tab is active
    page.click("a[href='#tab_id_position_en']")
    english_field.fill("Director of Migration")
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist li.success")

    stored = FocalPoint.objects.get(pk=entry.pk)
    assert stored.position_en == "Director of Migration"
    assert stored.position_es == "Directora de Migración"

"""The admin in a real browser: language tabs with no CDN, a successor taking a seat."""

import datetime

import pytest

from focal_points.models import FocalPoint
from tests.factories import SuperUserFactory
from tests.focal_points.factories import CountryFactory, DesignationFactory, FocalPointFactory

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
    page.click("li[aria-controls='tab_id_position_en'] a")
    english_field.fill("Director of Migration")
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist li.success")

    stored = FocalPoint.objects.get(pk=entry.pk)
    assert stored.position_en == "Director of Migration"
    assert stored.position_es == "Directora de Migración"


def _choose_in_autocomplete(page, field_id: str, text: str) -> None:
    page.click(f"#{field_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    # Click the matching option: Enter takes whichever option is highlighted, and the list
    # may still show the unfiltered first result when the key arrives.
    page.click(f".select2-results__option:has-text('{text}')")


def test_a_successor_added_inline_takes_the_seat_and_the_incumbent_ends(page):
    SuperUserFactory(username="admin-seat", password="test-password-123")
    incumbent = DesignationFactory(
        role="principal",
        starts_on=datetime.date(2022, 3, 1),
        working_group__name_es="Grupo de Trabajo sobre Migración Laboral",
        country=CountryFactory(iso_code="HN", name_es="Honduras"),
    )
    successor = FocalPointFactory(institution=incumbent.focal_point.institution)

    page.goto("/es/admin/login/")
    page.fill("#id_username", "admin-seat")
    page.fill("#id_password", "test-password-123")
    page.click("input[type=submit]")
    page.goto(f"/es/admin/focal_points/focalpoint/{successor.pk}/change/")
    page.click("#designations-group .add-row a")
    _choose_in_autocomplete(page, "id_designations-0-working_group", "Migración Laboral")
    _choose_in_autocomplete(page, "id_designations-0-country", "Honduras")
    page.select_option("#id_designations-0-role", "principal")
    page.fill("#id_designations-0-starts_on", "2026-02-01")
    page.click("input[name=_continue]")
    # Without the box the seat is refused, and the error points to the box.
    page.wait_for_selector("text=Marque esta casilla si el nuevo titular reemplaza")
    page.check("#id_designations-0-replaces_principal")
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist li.success")

    incumbent.refresh_from_db()
    assert incumbent.ends_on == datetime.date(2026, 1, 31)
    assert successor.designations.get().role == "principal"

"""Importing the directory in a real browser: upload, preview, confirm."""

import pytest

from focal_points.models import FocalPoint
from tests.factories import SuperUserFactory
from tests.focal_points.sheet_helpers import (
    directory_fixture,  # noqa: F401
    sheet_row,
    xlsx_bytes,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("locale", "language", "confirm", "done"),
    [
        ("es-ES", "es", "Confirmar la importación", "Importación realizada: 2 filas nuevas"),
        ("en-US", "en", "Confirm the import", "Import done: 2 new"),
    ],
)
def test_secretariat_previews_then_confirms_an_import(
    page_factory, directory, tmp_path, locale, language, confirm, done
):
    user = SuperUserFactory(username="secretaria")
    page = page_factory(locale=locale)
    page.goto(f"/{language}/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "test-password-123")
    page.click("input[type=submit]")
    # Let the admin index finish loading its icons before leaving it (else they abort).
    page.wait_for_url(f"**/{language}/admin/")
    page.wait_for_load_state("networkidle")
    page.goto(f"/{language}/admin/focal_points/focalpoint/")
    page.click("a.import_link")

    sheet = tmp_path / "directorio.xlsx"
    rows = [sheet_row(), sheet_row(email="luis@example.org", given_name="Luis", role="alternate")]
    sheet.write_bytes(xlsx_bytes(rows, language=language))
    page.set_input_files("input[name=import_file]", str(sheet))
    page.click("input[type=submit]")

    assert page.locator("#import-preview tr[data-status=new]").count() == 2
    assert not FocalPoint.objects.exists()
    page.click(f"input[value='{confirm}']")
    page.wait_for_url("**/focal_points/focalpoint/")
    page.wait_for_load_state("networkidle")
    assert done in page.locator("ul.messagelist").inner_text()
    assert FocalPoint.objects.count() == 2

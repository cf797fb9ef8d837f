"""Error pages speak the visitor's language."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("language", "text"), [("es", "Página no encontrada"), ("en", "Page not found")]
)
def test_unknown_page_answers_404_in_the_visitors_language(client, language, text):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert text in response.text

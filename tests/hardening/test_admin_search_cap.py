"""An admin search box reads at most ten words, and says so: a pasted page costs nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.focal_points.factories import FocalPointFactory

pytestmark = pytest.mark.django_db

WORDS = " ".join(f"palabra{n}" for n in range(2_000))

ADMIN_LISTS = [
    "admin:focal_points_focalpoint_changelist",
    "admin:focal_points_institution_changelist",
    "admin:focal_points_designation_changelist",
    "admin:focal_points_changerequest_changelist",
    "admin:documents_document_changelist",
    "admin:accounts_user_changelist",
    "admin:auth_group_changelist",
    "admin:axes_accessattempt_changelist",
]


@pytest.mark.parametrize("list_name", ADMIN_LISTS)
def test_a_two_thousand_word_search_reads_ten_words_and_says_so(admin_client, list_name):
    FocalPointFactory(family_name="Núñez")
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(reverse(list_name), {"q": WORDS})
    assert response.status_code == 200
    assert "Solo se buscaron las primeras 10 palabras." in response.text
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "palabra9" in sql
    assert "palabra10" not in sql

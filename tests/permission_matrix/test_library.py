"""The document library's pages per role: restricted for members, internal for its editors.

Rows for a new page of the documents app, public or admin, go in PAGES below.
"""

import pytest
from django.urls import reverse

from tests.permission_matrix.roles import (
    INTERNAL,
    INTERNAL_ADMIN,
    LIBRARY_ADMIN,
    PUBLIC,
    RESTRICTED,
    SHEETS,
    cases,
    check_page,
    row,
    url,
)

pytestmark = pytest.mark.django_db

# fmt: off
PAGES = [
    # The library's changes include internal documents: only those who see every document.
    row("admin library recent changes", url("admin:documents_recent_changes"), *SHEETS,
        sees_a=()),
    # The document library: restricted for members (focal points and staff), internal for
    # those who edit the library; to anyone else such a document does not exist (404).
    row("library", url("documents:list"), *PUBLIC),
    row("library feed", url("documents:feed"), *PUBLIC),
    row("restricted document", url("documents:detail", "restricted_document"), *RESTRICTED),
    row("restricted download",
        lambda world: reverse("documents:download", args=[world["restricted_document"].pk, "es"]),
        *RESTRICTED, url_name="documents:download"),
    row("internal document", url("documents:detail", "internal_document"), *INTERNAL),
    row("internal download",
        lambda world: reverse("documents:download", args=[world["internal_document"].pk, "es"]),
        *INTERNAL, url_name="documents:download"),
    row("admin document list", url("admin:documents_document_changelist"), *LIBRARY_ADMIN),
    row("admin internal document", url("admin:documents_document_change", "internal_document"),
        *INTERNAL_ADMIN),
]
# fmt: on


@pytest.mark.parametrize(("page", "role"), cases(PAGES))
def test_page_answers_each_role_as_expected_and_refusals_leak_nothing(client, world, page, role):
    check_page(client, world, page, role)

"""Every named URL of the project is opened by a row of the matrix, or exempt with a reason."""

from collections.abc import Iterator

import pytest
from django.urls import URLResolver, get_resolver

from tests.permission_matrix.admin_models import ADMIN_WRITE_URL_NAMES
from tests.permission_matrix.roles import all_pages

pytestmark = pytest.mark.django_db

# Named URLs no row opens, each with its reason.
URL_EXEMPTIONS = {
    # Steps of the sign-in and self-service flows (POST-only, token pages, confirmations),
    # tested in tests/accounts; everything a person can navigate to is in the matrix.
    "accounts:sign_in_sent": "the confirmation after a sign-in request (tests/accounts)",
    "accounts:sign_in_link": "the one-time token page of a sign-in link (tests/accounts)",
    "accounts:staff_sign_in": "the staff password form, a step of signing in (tests/accounts)",
    "accounts:sign_out": "POST-only sign-out (tests/accounts)",
    "accounts:sign_out_everywhere": "POST-only sign-out on every device (tests/accounts)",
    "accounts:left_post": "a step of the my-entry flow, POST-only (tests/accounts)",
    # The admin's own machinery, the same for every staff member.
    "admin:login": "the admin's sign-in page: every refusal above redirects to it",
    "admin:logout": "POST-only sign-out of the admin",
    "admin:password_change": "a staff member's own password form, no directory data",
    "admin:password_change_done": "the confirmation of the admin's own password change",
    "admin:jsi18n": "the admin's JavaScript catalogue, no data",
    "admin:autocomplete": "answers for fields of pages above, scoped by their ModelAdmin "
    "(tests/focal_points/test_admin_access.py)",
    "admin:view_on_site": "redirects to an object's public page (public rows above)",
    "admin:app_list": "one app's section of the index: the index and list rows cover it",
    # POST-only steps whose GET redirects or refuses; tested where the flow is.
    "admin:focal_points_recent_changes_revert": "POST-only revert from the recent changes "
    "(tests/focal_points/test_admin_history.py)",
    "admin:documents_recent_changes_revert": "POST-only revert from the library's recent "
    "changes (tests/documents/test_admin_history.py)",
    "admin:documents_document_revert": "POST-only revert from a document's history page "
    "(tests/documents/test_admin_history.py)",
    "admin:focal_points_focalpoint_process_import": "the POST confirming an import preview "
    "(tests/focal_points/test_import.py)",
    **{
        f"admin:focal_points_{model}_revert": "POST-only revert from the history page above "
        "(tests/focal_points/test_admin_history.py)"
        for model in (
            "country",
            "institution",
            "workinggroup",
            "presidency",
            "focalpoint",
            "designation",
        )
    },
    **{
        f"admin:meetings_{model}_revert": "POST-only revert from the history page above "
        "(core.history, as every record's; tests/meetings/test_admin.py reverts a meeting)"
        for model in ("meeting", "participant", "circular")
    },
    **{
        f"admin:meetings_{model}_revert": "POST-only revert from the history page above "
        "(core.history; tests/meetings/test_plans_admin.py reverts an activity)"
        for model in ("workplan", "activity", "indicator", "decision", "reportpublication")
    },
    "meetings:report_publish": "POST-only: publishing a report, posted by every role in "
    "tests/meetings/test_report_access.py with its effect checked",
    "meetings:calendar_revoke": "POST-only: a focal point replaces their own calendar address "
    "(tests/meetings/test_calendars.py)",
    # Infrastructure.
    "healthz": "the load balancer's probe: no user data, no access rule",
    "sitemap-section": "sections listed by the sitemap row (tests/focal_points/test_sitemaps.py)",
}


def named_urls(patterns=None, namespace: str = "") -> Iterator[str]:
    """Every URL name of the project, with its namespaces ("admin:...", "documents:...")."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_urls(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace + pattern.name
        # Unnamed patterns cannot be reversed, so nothing links to them: in the admin they are
        # the old "<object_id>/" address that redirects to the named change page, and the
        # catch-all that answers any other address; both end in views the rows above cover.


def test_every_named_url_is_in_the_matrix_or_exempt():
    # A new path(..., name=...) in any urls.py, or a new admin URL, fails here until it has a
    # row (or a ModelAdmin entry) or a stated reason to be left out.
    names = set(named_urls())
    covered = {page.url_name for page in all_pages()} | ADMIN_WRITE_URL_NAMES

    assert names - covered - set(URL_EXEMPTIONS) == set()
    # Exemptions and rows must name real URLs: a renamed page does not hide behind them.
    assert (covered | set(URL_EXEMPTIONS)) - names == set()
    assert covered & set(URL_EXEMPTIONS) == set()

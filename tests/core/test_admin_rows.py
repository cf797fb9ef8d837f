"""Every changelist row written by core.admin.fast_row is the row Django would have written."""

import pytest
from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.templatetags import admin_list
from django.test import RequestFactory
from django.utils import translation

from core import admin as portal_admin
from core.demo import run_loaders
from tests.conftest import loaded_for_module
from tests.factories import SuperUserFactory

pytestmark = pytest.mark.django_db

MODEL_ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture(scope="module")
def demo_admin(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, run_loaders), django_db_blocker.unblock():
        yield SuperUserFactory()


def _changelist(model_admin, user, **query):
    request = RequestFactory().get("/", query)
    request.user = user
    return model_admin.get_changelist_instance(request)


def test_the_portal_writes_the_rows_django_would_in_every_changelist(demo_admin):
    assert admin_list.items_for_result is portal_admin.fast_row
    django_row = portal_admin._django_items_for_result
    compared = 0
    for language in ("es", "en"):
        with translation.override(language):
            for model, model_admin in MODEL_ADMINS:
                cl = _changelist(model_admin, demo_admin)
                theirs = [
                    [str(cell) for cell in django_row(cl, result, None)]
                    for result in cl.result_list
                ]
                ours = [
                    [str(cell) for cell in portal_admin.fast_row(cl, result, None)]
                    for result in cl.result_list
                ]
                assert ours == theirs, model._meta.label
                compared += len(ours)
    # The demo data fills the directory's, the library's and the meetings' lists.
    assert compared > 200


@pytest.mark.parametrize(
    "query",
    [{"q": "a"}, {IS_POPUP_VAR: "1"}, {IS_POPUP_VAR: "1", TO_FIELD_VAR: "id"}, {"o": "-1"}],
    ids=["searched", "popup", "popup with to_field", "sorted"],
)
def test_searched_sorted_and_popup_rows_match_django(demo_admin, query):
    django_row = portal_admin._django_items_for_result
    for model, model_admin in MODEL_ADMINS:
        try:
            cl = _changelist(model_admin, demo_admin, **query)
        except admin.options.IncorrectLookupParameters:
            continue
        for result in cl.result_list:
            theirs = [str(cell) for cell in django_row(cl, result, None)]
            assert [str(cell) for cell in portal_admin.fast_row(cl, result, None)] == theirs, (
                model._meta.label
            )


def test_choice_labels_and_dates_are_written_once_per_page_as_django_writes_them(demo_admin):
    """A page's repeated dates and choices come from the column's memo, unchanged."""
    from focal_points.models import Designation

    model_admin = admin.site._registry[Designation]
    django_row = portal_admin._django_items_for_result
    for language in ("es", "en"):
        with translation.override(language):
            cl = _changelist(model_admin, demo_admin)
            columns = {column.name: column for column in portal_admin._columns(cl)}
            for result in cl.result_list:
                theirs = [str(cell) for cell in django_row(cl, result, None)]
                assert [str(cell) for cell in portal_admin.fast_row(cl, result, None)] == theirs
            assert columns["role"].choices == {
                value: str(label) for value, label in Designation.Role.choices
            }
            starts = {result.starts_on for result in cl.result_list}
            # Fewer distinct dates than rows: the memo was read, not only filled.
            assert len(starts) < len(cl.result_list)
            assert set(columns["starts_on"].dates) == starts


def test_a_seats_name_gives_its_role_in_the_active_language(demo_admin):
    from focal_points.models import Designation

    seat = Designation.objects.select_related("focal_point", "working_group").first()
    for language in ("es", "en"):
        with translation.override(language):
            assert str(seat).endswith(f" · {seat.get_role_display()}")

"""The demo's closed communication test: two people unreachable, loaded once."""

import pytest

from documents import demo as documents_demo
from focal_points import demo as directory_demo
from focal_points.models import FocalPoint
from meetings import demo, demo_circulars, demo_reach
from meetings.models import Circular
from tests.conftest import loaded_for_module

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]


def _load_all():
    directory_demo.load()
    documents_demo.load()
    demo.load()
    demo_circulars.load()
    return demo_reach.load()


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, _load_all) as lines:
        yield lines


def test_the_closed_test_leaves_two_people_unreachable_and_a_second_load_changes_nothing(
    demo_loaded,
):
    assert demo_loaded == ["Communication tests: 1 new closed demo test, 2 people unreachable"]
    earlier = Circular.objects.get(subject_es=demo_reach.EARLIER_TEST["subject_es"])
    silent = earlier.deliveries.filter(confirmed_at__isnull=True)
    assert silent.count() == 2
    assert set(FocalPoint.objects.unreachable().values_list("pk", flat=True)) == set(
        silent.values_list("focal_point_id", flat=True)
    )
    assert all(
        person.unreachable_since == earlier.confirm_by
        for person in FocalPoint.objects.unreachable()
    )
    assert demo_reach.load() == [
        "Communication tests: 0 new closed demo test, 0 people unreachable"
    ]

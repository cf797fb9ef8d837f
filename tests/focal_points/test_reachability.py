"""People a communication test could not reach: the service, coverage, list filter, home."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from core.history.services import history_revert
from focal_points.admin.home import attention_items
from focal_points.models import Designation, FocalPoint
from focal_points.services import focal_point_reachability_set
from tests.focal_points.factories import (
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)
COVERAGE = reverse("admin:focal_points_coverage")
PEOPLE = reverse("admin:focal_points_focalpoint_changelist")


def test_marking_keeps_the_first_day_records_the_reason_and_clearing_undoes_it(admin_user):
    first, second = FocalPointFactory.create_batch(2)
    # Marked from a queryset, once: the second run (a later day) changes nothing.
    changed = focal_point_reachability_set(
        focal_points=FocalPoint.objects.filter(pk__in=[first.pk, second.pk]),
        unreachable_since=DAY,
        reason="Communication test 7",
        user=admin_user,
    )
    again = focal_point_reachability_set(
        focal_points=[first, second], unreachable_since=DAY + datetime.timedelta(days=9), reason="x"
    )
    assert (changed, again) == (2, 0)
    first.refresh_from_db()
    assert first.unreachable_since == DAY
    assert FocalPoint.objects.unreachable().count() == 2
    # History says who and why, through the database triggers.
    event = first.events.order_by("-pgh_id").first()
    assert event.unreachable_since == DAY
    assert event.pgh_context.metadata["reason"] == "Communication test 7"
    assert event.pgh_context.metadata["user"] == admin_user.pk
    # Clearing touches only the marked person, and leaves the version counter alone.
    version = first.version
    assert (
        focal_point_reachability_set(
            focal_points=[first], unreachable_since=None, reason="confirmed"
        )
        == 1
    )
    first.refresh_from_db()
    assert first.unreachable_since is None and first.version == version
    assert list(FocalPoint.objects.unreachable()) == [second]


def test_the_admin_form_shows_the_marker_but_cannot_change_it(admin_client):
    person = FocalPointFactory(unreachable_since=DAY)
    page = admin_client.get(reverse("admin:focal_points_focalpoint_change", args=[person.pk]))
    assert page.status_code == 200
    assert "unreachable_since" not in page.context["adminform"].form.fields
    assert "2026" in page.text


def _seat_with(person):
    return DesignationFactory(focal_point=person, role=Designation.Role.PRINCIPAL)


def test_coverage_marks_unreachable_people_with_text_in_both_languages(admin_client):
    lost = FocalPointFactory(given_name="Olvido", family_name="Lejos", unreachable_since=DAY)
    _seat_with(lost)
    fine = FocalPointFactory(given_name="Presente", family_name="Cerca")
    DesignationFactory(focal_point=fine, role=Designation.Role.ALTERNATE)
    spanish = admin_client.get(COVERAGE).text
    with translation.override("en"):
        english = admin_client.get(COVERAGE.replace("/es/", "/en/")).text
    marker = '<span class="crm-unreachable"'
    # One marker beside the person (the legend carries the other), and the cell is flagged.
    assert spanish.count(marker) == 2 and english.count(marker) == 2
    assert ">unreachable</span>" in english
    assert ">no localizable</span>" in spanish
    assert english.count("crm-cell-unreachable") == 1
    after = english.index("Olvido Lejos")
    assert english.index(marker, after) < english.index("</td>", after)


def test_coverage_query_count_does_not_grow_with_unreachable_people(admin_client, count_queries):
    group = WorkingGroupFactory()
    DesignationFactory(working_group=group)
    admin_client.get(COVERAGE)
    small = count_queries(lambda: admin_client.get(COVERAGE))
    for _ in range(3):
        DesignationFactory(
            working_group=group,
            role=Designation.Role.ALTERNATE,
            focal_point=FocalPointFactory(unreachable_since=DAY),
        )
    assert count_queries(lambda: admin_client.get(COVERAGE)) == small


def test_the_list_filters_unreachable_people_and_marks_them(admin_client):
    lost = FocalPointFactory(family_name="Lejos", unreachable_since=DAY)
    FocalPointFactory(family_name="Cerca")
    only_lost = admin_client.get(f"{PEOPLE}?unreachable=yes")
    assert [p.pk for p in only_lost.context["cl"].result_list] == [lost.pk]
    assert 'class="crm-unreachable"' in only_lost.text
    reachable = admin_client.get(f"{PEOPLE}?unreachable=no")
    assert lost.pk not in [p.pk for p in reachable.context["cl"].result_list]
    # An unknown value is the list unfiltered by it, never an error page.
    assert admin_client.get(f"{PEOPLE}?unreachable=maybe").status_code in (200, 302)


@pytest.fixture
def people(home_country, other_country):
    """Unreachable: one active person at home, two abroad (one of them inactive)."""
    home = InstitutionFactory(country=home_country)
    other = InstitutionFactory(country=other_country)
    FocalPointFactory(institution=home, unreachable_since=DAY)
    FocalPointFactory(institution=home)
    FocalPointFactory(institution=other, unreachable_since=DAY)
    FocalPointFactory(institution=other, unreachable_since=DAY, is_active=False)


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("secretariat_user", 2),
        ("ppt_user", 2),
        ("former_ppt_user", 2),
        ("coordinator", 1),
        ("other_coordinator", 1),
    ],
)
def test_the_staff_home_counts_unreachable_people_in_the_users_scope(
    request, people, fixture, expected
):
    counts = {item.key: item.count for item in attention_items(request.getfixturevalue(fixture))}
    assert counts["unreachable"] == expected


def test_the_home_links_the_count_to_the_filtered_list(client, secretariat_user, people):
    client.force_login(secretariat_user)
    home = client.get("/en/admin/").text
    people_en = PEOPLE.replace("/es/", "/en/")
    assert f'href="{people_en}?is_active__exact=1&amp;unreachable=yes"' in home
    assert "people unreachable in a communication test" in home
    listed = client.get(f"{PEOPLE}?is_active__exact=1&unreachable=yes")
    assert listed.context["cl"].result_count == 2


def test_restoring_an_earlier_version_keeps_the_marker_as_it_is(admin_user):
    person = FocalPointFactory(position_es="Directora")
    earlier = person.events.order_by("pgh_id").last()
    focal_point_reachability_set(focal_points=[person], unreachable_since=DAY, reason="test")
    FocalPoint.objects.filter(pk=person.pk).update(position_es="Jefa")
    restored = history_revert(event=earlier, user=admin_user)
    assert restored.position_es == "Directora" and restored.unreachable_since == DAY

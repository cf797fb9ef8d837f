"""The staff home: what needs attention today, per role, in a constant number of queries."""

import datetime

import pytest
from django.urls import reverse

from focal_points.admin.home import attention_items
from focal_points.models import ChangeRequest
from tests.factories import UserFactory
from tests.focal_points.factories import (
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def directory(home_country, other_country):
    """Two member countries, one active group; only the home country's principal seat is held."""
    group = WorkingGroupFactory()
    WorkingGroupFactory(is_active=False)
    home = InstitutionFactory(country=home_country)
    other = InstitutionFactory(country=other_country)
    held = FocalPointFactory(institution=home, given_name="Ana")
    DesignationFactory(focal_point=held, working_group=group, country=home_country)
    # Stale: one at home, two abroad; due within 30 days: one abroad.
    FocalPointFactory(institution=home, last_verified_on=TODAY - datetime.timedelta(days=400))
    FocalPointFactory(institution=other, last_verified_on=None)
    FocalPointFactory(institution=other, last_verified_on=TODAY - datetime.timedelta(days=500))
    FocalPointFactory(institution=other, last_verified_on=TODAY - datetime.timedelta(days=350))
    FocalPointFactory(institution=other, last_verified_on=None, is_active=False)
    ChangeRequest.objects.create(focal_point=held, kind="other", message="I moved")
    return group


def _counts(user) -> dict[str, int]:
    return {item.key: item.count for item in attention_items(user)}


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("secretariat_user", {"vacant": 1, "stale": 3, "due": 1, "unreachable": 0, "requests": 1}),
        ("ppt_user", {"vacant": 1, "stale": 3, "due": 1, "unreachable": 0, "requests": 1}),
        # Former PPT staff read the whole directory; change requests are for editors.
        ("former_ppt_user", {"vacant": 1, "stale": 3, "due": 1, "unreachable": 0, "requests": 0}),
        # A coordinator counts their own country only and has no change-request queue.
        ("coordinator", {"vacant": 0, "stale": 1, "due": 0, "unreachable": 0}),
        ("other_coordinator", {"vacant": 1, "stale": 2, "due": 1, "unreachable": 0}),
    ],
)
def test_each_role_counts_what_it_may_read(request, directory, fixture, expected):
    assert _counts(request.getfixturevalue(fixture)) == expected


def test_people_outside_the_staff_see_nothing(directory):
    focal_point = FocalPointFactory()
    assert attention_items(UserFactory(focal_point=focal_point)) == []
    assert attention_items(UserFactory()) == []


def test_the_home_links_each_count_to_its_filtered_list(client, secretariat_user, directory):
    client.force_login(secretariat_user)
    text = client.get("/en/admin/").content.decode()
    people = reverse("admin:focal_points_focalpoint_changelist")
    assert "Needs attention today" in text
    assert f'href="{people}?is_active__exact=1&amp;stale=yes"' in text
    assert f'href="{people}?is_active__exact=1&amp;stale=due"' in text
    assert reverse("admin:focal_points_coverage") in text
    # The filtered lists answer and show the counted people.
    stale = client.get(f"{people}?is_active__exact=1&stale=yes")
    assert stale.status_code == 200 and stale.context["cl"].result_count == 3
    due = client.get(f"{people}?is_active__exact=1&stale=due")
    assert due.status_code == 200 and due.context["cl"].result_count == 1


@pytest.mark.parametrize("rows", [1, 20])
def test_the_counts_take_the_same_queries_at_any_size(
    count_queries, secretariat_user, home_country, rows
):
    group = WorkingGroupFactory()
    for _number in range(rows):
        person = FocalPointFactory(institution=InstitutionFactory(country=home_country))
        DesignationFactory(
            focal_point=person, working_group=group, country=home_country, role="alternate"
        )
        WorkingGroupFactory()
    attention_items(secretariat_user)  # roles and the presidency are cached on the user
    assert count_queries(lambda: attention_items(secretariat_user)) == 5


def test_anonymous_and_focal_points_are_sent_to_the_login(client):
    response = client.get("/es/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(UserFactory(focal_point=FocalPointFactory()))
    response = client.get("/es/admin/")
    assert response.status_code == 302

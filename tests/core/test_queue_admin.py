"""The task queue's admin pages (django-q2): a superuser's tool, refused to every role."""

from uuid import uuid4

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from django_q.models import OrmQ, Schedule, Task

from focal_points.access import COORDINATOR_GROUP, PPT_STAFF_GROUP, SECRETARIAT_GROUP
from tests.accounts.factories import ppt_staff_user, secretariat_user
from tests.factories import SuperUserFactory
from tests.focal_points.factories import PresidencyFactory

pytestmark = pytest.mark.django_db


def _task(*, success: bool) -> Task:
    now = timezone.now()
    return Task.objects.create(
        id=uuid4().hex,
        name=f"probe {uuid4()}",
        func="math.floor",
        started=now,
        stopped=now,
        success=success,
    )


@pytest.fixture
def queue_pages():
    """The list and one object's page of schedules, queued tasks, successes and failures."""
    objects = {
        "schedule": Schedule.objects.create(func="math.floor", args="1", name="probe"),
        "ormq": OrmQ.objects.create(key="probe", payload="probe", lock=None),
        "success": _task(success=True),
        "failure": _task(success=False),
    }
    pages = []
    for model, obj in objects.items():
        pages.append(reverse(f"admin:django_q_{model}_changelist"))
        pages.append(reverse(f"admin:django_q_{model}_change", args=[obj.pk]))
        pages.append(reverse(f"admin:django_q_{model}_history", args=[obj.pk]))
    pages.append(reverse("admin:django_q_schedule_add"))
    return pages


def test_a_superuser_opens_every_page_of_the_queue(client, queue_pages):
    client.force_login(SuperUserFactory())
    for page in queue_pages:
        assert client.get(page).status_code == 200, page
    assert "/admin/django_q/" in client.get(reverse("admin:index")).text


def test_the_secretariat_and_the_ppt_in_office_are_refused_every_page(client, queue_pages):
    presidency = PresidencyFactory()
    for user in (secretariat_user(), ppt_staff_user(country=presidency.country)):
        client.force_login(user)
        for page in queue_pages:
            response = client.get(page)
            # 403, or for a history page the admin's redirect to its index.
            assert response.status_code == 403 or (
                response.status_code == 302 and response["Location"] == reverse("admin:index")
            ), (user, page, response.status_code)
        assert "/admin/django_q/" not in client.get(reverse("admin:index")).text


def test_no_role_group_holds_a_permission_of_the_queue():
    # migrate synchronises the role groups' permissions: none of django_q's is among them.
    queue = Permission.objects.filter(content_type__app_label="django_q")
    assert queue.exists()
    for name in (SECRETARIAT_GROUP, PPT_STAFF_GROUP, COORDINATOR_GROUP):
        group = Group.objects.filter(name=name).first()
        assert group is not None, name
        assert not group.permissions.filter(pk__in=queue).exists(), name

"""Staff accounts in the admin: linked to a country and given role groups."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import User
from focal_points.access import COORDINATOR_GROUP, coordinator_country_id
from tests.factories import StaffUserFactory
from tests.focal_points.factories import CountryFactory

pytestmark = pytest.mark.django_db


def test_secretariat_links_a_staff_user_to_a_country_as_coordinator(admin_client):
    country = CountryFactory(iso_code="QE")
    user = StaffUserFactory(username="enlace")
    group = Group.objects.get(name=COORDINATOR_GROUP)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="country"' in page.text
    form = page.context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key not in ("groups", "user_permissions", "password")
    }
    data.update({"country": country.pk, "groups": [group.pk], "is_staff": "on", "is_active": "on"})
    data.pop("last_login", None)
    data["date_joined_0"], data["date_joined_1"] = "2025-01-01", "00:00:00"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(pk=user.pk)
    assert coordinator_country_id(user) == country.pk


def test_user_list_shows_country_and_translated_roles(admin_client):
    user = StaffUserFactory(username="ppt-staff", country=CountryFactory(iso_code="QF"))
    user.groups.add(Group.objects.get(name="PPT staff"))
    page = admin_client.get(reverse("admin:accounts_user_changelist"))
    assert "Personal de la PPT" in page.text
    assert reverse("admin:accounts_user_add")
    assert admin_client.get(reverse("admin:accounts_user_add")).status_code == 200

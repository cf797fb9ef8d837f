"""Staff users of each role, for the directory admin tests."""

import pytest
from django.contrib.auth.models import Group

from focal_points.access import COORDINATOR_GROUP, PPT_STAFF_GROUP, SECRETARIAT_GROUP
from tests.factories import StaffUserFactory, UserFactory
from tests.focal_points.factories import CountryFactory, FocalPointFactory, PresidencyFactory


def _staff(group_name, country=None, **kwargs):
    user = StaffUserFactory(country=country, **kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def home_country():
    return CountryFactory(iso_code="QA", name_es="Quimera", name_en="Chimera")


@pytest.fixture
def other_country():
    return CountryFactory(iso_code="QB", name_es="Bórea", name_en="Borea")


@pytest.fixture
def secretariat_user():
    return _staff(SECRETARIAT_GROUP, username="secretariat")


@pytest.fixture
def ppt_user(home_country):
    """PPT staff of the country holding today's presidency."""
    PresidencyFactory(country=home_country)
    return _staff(PPT_STAFF_GROUP, home_country, username="ppt")


@pytest.fixture
def former_ppt_user(other_country):
    """PPT staff whose country's presidency ended: read-only."""
    import datetime

    PresidencyFactory(
        country=other_country,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2020, 12, 31),
    )
    return _staff(PPT_STAFF_GROUP, other_country, username="former-ppt")


@pytest.fixture
def coordinator(home_country):
    return _staff(COORDINATOR_GROUP, home_country, username="coordinator")


@pytest.fixture
def other_coordinator(other_country):
    return _staff(COORDINATOR_GROUP, other_country, username="other-coordinator")


@pytest.fixture
def focal_point_user(home_country):
    """A signed-in focal point: not staff, no admin."""
    return UserFactory(username="focal", focal_point=FocalPointFactory())

"""Users of every role, and a private media folder per test."""

import pytest
from django.contrib.auth.models import Group, Permission

from focal_points.access import COORDINATOR_GROUP, PPT_STAFF_GROUP, SECRETARIAT_GROUP
from tests.factories import StaffUserFactory, UserFactory
from tests.focal_points.factories import CountryFactory, FocalPointFactory, PresidencyFactory


@pytest.fixture(autouse=True)
def media_storage(settings, tmp_path):
    """Store uploads in a folder of the test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


def _group(name: str, with_document_permissions: bool = False) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    if with_document_permissions:
        # The directory's migration grants these in the running portal; tests say it here.
        group.permissions.add(*Permission.objects.filter(content_type__app_label="documents"))
    return group


@pytest.fixture
def presidency_country(db):
    country = CountryFactory(iso_code="GT", name_es="Guatemala", name_en="Guatemala")
    PresidencyFactory(country=country)
    return country


@pytest.fixture
def users(db, presidency_country):
    """One user per role, keyed by role name."""
    other_country = CountryFactory(iso_code="HN", name_es="Honduras", name_en="Honduras")
    focal_point = UserFactory(username="focal", focal_point=FocalPointFactory())
    inactive_focal_point = UserFactory(
        username="former-focal", focal_point=FocalPointFactory(is_active=False)
    )
    coordinator = StaffUserFactory(username="coordinator", country=other_country)
    coordinator.groups.add(_group(COORDINATOR_GROUP))
    ppt = StaffUserFactory(username="ppt", country=presidency_country)
    ppt.groups.add(_group(PPT_STAFF_GROUP, with_document_permissions=True))
    former_ppt = StaffUserFactory(username="former-ppt", country=other_country)
    former_ppt.groups.add(_group(PPT_STAFF_GROUP, with_document_permissions=True))
    secretariat = StaffUserFactory(username="secretariat")
    secretariat.groups.add(_group(SECRETARIAT_GROUP, with_document_permissions=True))
    return {
        "anonymous": None,
        "focal_point": focal_point,
        "inactive_focal_point": inactive_focal_point,
        "coordinator": coordinator,
        "former_ppt": former_ppt,
        "ppt": ppt,
        "secretariat": secretariat,
    }


# What each role may read: public always; restricted for members; internal for editors.
VISIBLE = {
    "anonymous": {"public"},
    "focal_point": {"public", "restricted"},
    "inactive_focal_point": {"public"},
    "coordinator": {"public", "restricted"},
    "former_ppt": {"public", "restricted"},
    "ppt": {"public", "restricted", "internal"},
    "secretariat": {"public", "restricted", "internal"},
}
ROLES = list(VISIBLE)

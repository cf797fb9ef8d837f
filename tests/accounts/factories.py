"""Factories for accounts: focal points who sign in with links, staff in each role."""

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from focal_points.access import COORDINATOR_GROUP, PPT_STAFF_GROUP, SECRETARIAT_GROUP
from tests.focal_points.factories import FocalPointFactory


class FocalPointUserFactory(factory.django.DjangoModelFactory):
    """A focal point's link-only account (no usable password)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    focal_point = factory.SubFactory(FocalPointFactory)
    username = factory.LazyAttribute(lambda user: f"focal-point-{user.focal_point.pk}")
    email = factory.LazyAttribute(lambda user: user.focal_point.email)
    password = factory.django.Password(None)


def staff_in_group(group_name: str, **kwargs) -> User:
    """Create a staff user in one of the role groups."""
    from tests.factories import StaffUserFactory

    user = StaffUserFactory(**kwargs)
    group, _ = Group.objects.get_or_create(name=group_name)
    user.groups.add(group)
    return user


def secretariat_user(**kwargs) -> User:
    return staff_in_group(SECRETARIAT_GROUP, **kwargs)


def ppt_staff_user(**kwargs) -> User:
    return staff_in_group(PPT_STAFF_GROUP, **kwargs)


def coordinator_user(**kwargs) -> User:
    return staff_in_group(COORDINATOR_GROUP, **kwargs)

"""Sign-in services: who an address leads to, account creation, revocation."""

import inspect

import pytest
from django.core import mail

from accounts import services
from accounts.models import User
from focal_points.models import FocalPoint
from tests.accounts.factories import FocalPointUserFactory
from tests.factories import StaffUserFactory, UserFactory
from tests.focal_points.factories import FocalPointFactory

pytestmark = pytest.mark.django_db


def test_an_address_finds_its_focal_point_whatever_the_case_primary_or_alternate():
    person = FocalPointFactory(email="Ana@Example.org", alternate_emails=["Ana.Casa@Example.org"])
    assert services.focal_point_for_email(" ana@example.ORG ") == person
    assert services.focal_point_for_email("ana.casa@example.org") == person
    assert services.focal_point_for_email("ana.casa@example") is None
    assert services.focal_point_for_email("") is None


def test_an_inactive_entry_is_not_found():
    FocalPointFactory(email="old@example.org", is_active=False)
    assert services.focal_point_for_email("old@example.org") is None


def test_an_address_already_used_by_another_account_sends_nothing_and_creates_nothing():
    FocalPointFactory(email="shared@example.org")
    UserFactory(username="someone", email="Shared@example.org")
    services.sign_in_link_request(email="shared@example.org", client_ip="192.0.2.1")
    assert mail.outbox == []
    assert User.objects.count() == 1


def test_a_token_of_a_staff_account_never_signs_in_through_a_link():
    staff = StaffUserFactory(focal_point=FocalPointFactory())
    token = services.create_token(staff, services.SIGN_IN_SCOPE)
    assert services.link_user(token) is None


def test_revoking_a_link_only_account_gives_it_a_new_unusable_password():
    person = FocalPointUserFactory()
    before = person.password
    token = services.create_token(person, services.SIGN_IN_SCOPE)
    assert services.link_user(token) == person
    services.sign_in_links_revoke(user=person)
    person.refresh_from_db()
    assert person.password != before
    assert not person.has_usable_password()
    assert services.link_user(token) is None


def test_revoking_a_password_account_keeps_its_password():
    staff = StaffUserFactory(password="a-strong-password-1")
    services.sign_in_links_revoke(user=staff)
    staff.refresh_from_db()
    assert staff.check_password("a-strong-password-1")
    assert staff.last_login is not None


def test_one_queryset_method_finds_entries_by_primary_or_alternate_address_in_any_case():
    ana = FocalPointFactory(email="Ana@Example.org", alternate_emails=["Ana.Casa@Example.org"])
    luis = FocalPointFactory(email="luis@example.org")
    FocalPointFactory(email="other@example.org")
    assert list(FocalPoint.objects.with_email("ANA@example.org")) == [ana]
    assert list(FocalPoint.objects.with_email(" ana.casa@example.org ")) == [ana]
    assert set(FocalPoint.objects.with_email("ana.casa@example.org", "Luis@Example.org")) == {
        ana,
        luis,
    }
    assert not FocalPoint.objects.with_email("ana.casa@example").exists()
    assert not FocalPoint.objects.with_email("").exists()


def test_the_alternate_address_sql_is_written_once_in_the_focal_point_queryset():
    # The sign-in lookup and the "address in use" check both go through with_email().
    import accounts.forms
    import accounts.services

    for module in (accounts.services, accounts.forms):
        source = inspect.getsource(module)
        assert "unnest(" not in source and "RawSQL" not in source, module.__name__

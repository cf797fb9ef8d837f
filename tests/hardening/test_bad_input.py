"""Input no page can mean (NUL, letters for numbers, a pasted book) never gives a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from focal_points.models import ChangeRequest, FocalPoint, Institution
from tests.focal_points.factories import CountryFactory, FocalPointFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(settings) -> Client:
    # As in production: errors are answered with the error pages, not raised into the test.
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_a_nul_in_a_country_address_is_a_missing_page(visitor):
    response = visitor.get("/es/directory/countries/%00/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.text


def test_a_nul_in_a_query_parameter_is_a_bad_request_in_the_visitors_language(visitor):
    response = visitor.get("/en/documents/?q=%00")
    assert response.status_code == 400
    assert "Bad request" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "country=abc",
        "group=abc",
        "role=nobody",
        "stale=maybe",
        "country=%00",
        "group=%00",
        "role__exact=%00",
        "institution__kind__exact=%00",
        "is_active__exact=abc",
    ],
)
def test_admin_list_filters_with_values_they_do_not_offer_never_fail(settings, query):
    settings.DEBUG = False
    staff = Client(raise_request_exception=False)
    from tests.factories import SuperUserFactory

    staff.force_login(SuperUserFactory())
    FocalPointFactory()
    for page in ("changelist", "export"):
        url = reverse(f"admin:focal_points_focalpoint_{page}") + "?" + query
        response = staff.get(url)
        assert response.status_code in (200, 302, 400), (url, response.status_code)


def test_a_postal_address_of_a_whole_book_is_refused_by_the_model_and_the_database():
    person = FocalPointFactory()
    person.postal_address = "Calle 1 " * 12_500  # 100,000 characters
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "postal_address" in error.value.message_dict
    # Code that skips validation still meets the database's rule.
    with pytest.raises(IntegrityError), transaction.atomic():
        FocalPoint.objects.filter(pk=person.pk).update(postal_address="x" * 100_000)


def test_two_thousand_alternate_addresses_are_refused_by_the_model_and_the_database():
    person = FocalPointFactory()
    person.alternate_emails = [f"otra{n}@example.org" for n in range(2_000)]
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "alternate_emails" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        FocalPoint.objects.filter(pk=person.pk).update(
            alternate_emails=[f"otra{n}@example.org" for n in range(11)]
        )


def test_a_two_megabyte_change_request_message_is_refused_by_the_database():
    person = FocalPointFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeRequest.objects.create(focal_point=person, kind="other", message="x" * 2_000_000)


def test_an_institution_address_has_a_limit_too():
    institution = InstitutionFactory(country=CountryFactory(iso_code="QZ"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Institution.objects.filter(pk=institution.pk).update(address="x" * 501)

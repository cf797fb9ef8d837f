"""Invariants the database enforces, whatever wrote the row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from focal_points.models import Designation, FocalPoint, Institution, Presidency
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    PresidencyFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_database_refuses_a_second_open_principal_for_one_seat():
    first = DesignationFactory()
    # A bulk write skips full_clean(): the exclusion constraint still refuses it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Designation.objects.bulk_create(
            [
                Designation(
                    focal_point=FocalPointFactory(institution=first.focal_point.institution),
                    working_group=first.working_group,
                    country=first.country,
                    role=Designation.Role.PRINCIPAL,
                    starts_on=datetime.date(2025, 1, 1),
                )
            ]
        )


def test_second_principal_is_refused_with_a_readable_message_by_full_clean():
    first = DesignationFactory()
    second = Designation(
        focal_point=FocalPointFactory(),
        working_group=first.working_group,
        country=first.country,
        role=Designation.Role.PRINCIPAL,
        starts_on=datetime.date(2025, 1, 1),
    )
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="already has a principal"),
    ):
        second.full_clean()
    with (
        translation.override("es"),
        pytest.raises(ValidationError, match="ya tiene un punto focal"),
    ):
        second.full_clean()


def test_alternates_and_successive_principals_share_a_seat():
    first = DesignationFactory(ends_on=datetime.date(2024, 12, 31))
    DesignationFactory(
        working_group=first.working_group,
        focal_point__institution__country=first.country,
        starts_on=datetime.date(2025, 1, 1),
    )
    DesignationFactory(
        working_group=first.working_group,
        focal_point__institution__country=first.country,
        role=Designation.Role.ALTERNATE,
    )
    assert Designation.objects.filter(working_group=first.working_group).count() == 3


def test_designation_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        DesignationFactory(starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2024, 1, 1))


def test_focal_point_email_is_unique_whatever_its_case():
    FocalPointFactory(email="Ana.Perez@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        FocalPointFactory(email="ana.perez@EXAMPLE.org")


def test_presidency_periods_cannot_overlap():
    PresidencyFactory(starts_on=datetime.date(2015, 1, 1), ends_on=datetime.date(2015, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        PresidencyFactory(starts_on=datetime.date(2015, 6, 1), ends_on=datetime.date(2016, 5, 31))


def test_current_presidency_follows_todays_date():
    past = PresidencyFactory(
        starts_on=datetime.date(2015, 1, 1), ends_on=datetime.date(2015, 12, 31)
    )
    current = PresidencyFactory()
    assert Presidency.objects.current() == current
    assert Presidency.objects.current(today=datetime.date(2015, 7, 1)) == past
    assert Presidency.objects.current(today=datetime.date(1990, 1, 1)) is None


def test_international_organization_has_no_country():
    with pytest.raises(IntegrityError), transaction.atomic():
        InstitutionFactory(kind=Institution.Kind.INTERNATIONAL_ORGANIZATION)


def test_phone_is_shown_in_the_country_format():
    focal_point = FocalPointFactory(
        institution__country__iso_code="CR", phone="+50622223333", fax="+12025550123"
    )
    focal_point.refresh_from_db()
    assert str(focal_point.phone) == "+50622223333"
    assert focal_point.phone_display == "2222 3333"
    assert focal_point.fax_display == "+1 202-555-0123"


def test_stale_means_not_verified_for_twelve_months():
    today = datetime.date.today()
    fresh = FocalPointFactory(last_verified_on=today - datetime.timedelta(days=30))
    old = FocalPointFactory(last_verified_on=today - datetime.timedelta(days=400))
    never = FocalPointFactory(last_verified_on=None)
    assert set(FocalPoint.objects.stale()) == {old, never}
    assert not fresh.is_stale and old.is_stale


def test_history_records_queryset_updates_made_without_save():
    focal_point = FocalPointFactory(position_es="Directora")
    FocalPoint.objects.filter(pk=focal_point.pk).update(position_es="Viceministra")
    events = focal_point.events.order_by("pgh_id")
    assert [event.pgh_label for event in events] == ["insert", "update"]
    assert events.last().position_es == "Viceministra"


def test_countries_sort_by_name_ignoring_accents():
    CountryFactory(iso_code="QA", name_es="Zambia")
    CountryFactory(iso_code="QB", name_es="Ámbar")
    CountryFactory(iso_code="QC", name_es="Belice")
    from focal_points.models import Country

    names = list(Country.objects.by_name().values_list("name_es", flat=True))
    assert names == ["Ámbar", "Belice", "Zambia"]


def test_working_group_factory_builds_without_database():
    assert WorkingGroupFactory.build().name_es.startswith("Grupo")

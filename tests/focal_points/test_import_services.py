"""The directory services behind spreadsheet imports apply the model's rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from focal_points.models import Designation, FocalPoint
from focal_points.services import (
    designation_import,
    directory_import_insert,
    focal_point_import,
)
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_designation_import_refuses_a_seat_that_already_has_a_principal():
    held = DesignationFactory(starts_on=datetime.date(2020, 1, 1))

    with pytest.raises(ValidationError, match="already has a principal"), override("en"):
        designation_import(
            existing=None,
            working_group=held.working_group,
            country=held.country,
            role=Designation.Role.PRINCIPAL,
            starts_on=datetime.date(2025, 1, 1),
        )
    # Unlike designation_start(), the sitting principal is left untouched.
    held.refresh_from_db()
    assert held.ends_on is None


def test_designation_import_accepts_an_alternate_on_an_occupied_seat_without_a_query(
    django_assert_num_queries,
):
    held = DesignationFactory(starts_on=datetime.date(2020, 1, 1))
    with django_assert_num_queries(0):
        designation = designation_import(
            existing=None,
            working_group=held.working_group,
            country=held.country,
            role=Designation.Role.ALTERNATE,
            starts_on=datetime.date(2025, 1, 1),
        )
    assert designation.pk is None


def test_designation_import_refuses_an_end_before_the_start():
    with pytest.raises(ValidationError, match="end date cannot be before"), override("en"):
        designation_import(
            existing=None,
            working_group=WorkingGroupFactory(),
            country=CountryFactory(),
            role=Designation.Role.ADDITIONAL,
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2024, 1, 1),
        )


def test_focal_point_import_bumps_the_version_and_runs_field_rules():
    person = FocalPointFactory()
    person.position_es = "Cónsul"
    focal_point_import(focal_point=person, fields=["position_es"])
    person.refresh_from_db()
    assert (person.position_es, person.version) == ("Cónsul", 2)

    person.email = "not an address"
    with pytest.raises(ValidationError):
        focal_point_import(focal_point=person, fields=["email"])


def test_directory_import_insert_writes_people_then_their_designations_with_history():
    institution = InstitutionFactory()
    group = WorkingGroupFactory()
    people = [
        FocalPoint(
            given_name=f"Íñigo {n}",
            family_name="Núñez",
            email=f"inigo{n}@example.org",
            institution=institution,
        )
        for n in range(3)
    ]
    designations = [
        Designation(
            focal_point=person,
            working_group=group,
            country=institution.country,
            role=Designation.Role.ADDITIONAL,
            starts_on=datetime.date(2025, 1, 1),
        )
        for person in people
    ]

    assert directory_import_insert(focal_points=people, designations=designations) == 6

    assert Designation.objects.filter(focal_point__in=people).count() == 3
    assert FocalPoint.pgh_event_model.objects.count() == 3
    assert Designation.pgh_event_model.objects.count() == 3

"""The coverage page: who holds each member country's seats in each active group."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from focal_points.models import Designation
from focal_points.selectors import coverage_matrix
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

COVERAGE = reverse("admin:focal_points_coverage")


def test_coverage_shows_principal_alternate_vacant_and_stale_seats(admin_client):
    country = CountryFactory(iso_code="QD", name_es="Dorado")
    institution = InstitutionFactory(country=country)
    group = WorkingGroupFactory(name_es="Red de Protección Consular")
    empty_group = WorkingGroupFactory(name_es="Grupo sin designaciones")
    WorkingGroupFactory(name_es="Grupo inactivo", is_active=False)
    DesignationFactory(
        focal_point=FocalPointFactory(
            institution=institution, given_name="Lucía", family_name="Mora"
        ),
        working_group=group,
    )
    DesignationFactory(
        focal_point=FocalPointFactory(
            institution=institution,
            given_name="Raúl",
            family_name="Soto",
            last_verified_on=datetime.date(2020, 1, 1),
        ),
        working_group=group,
        role=Designation.Role.ALTERNATE,
    )
    response = admin_client.get(COVERAGE)
    assert response.status_code == 200
    assert "Lucía Mora" in response.text and "Raúl Soto" in response.text
    assert "Grupo inactivo" not in response.text
    assert "crm-cell-stale" in response.text
    assert "crm-cell-empty" in response.text
    seat = reverse("admin:focal_points_seat_history", args=[country.pk, group.pk, "principal"])
    assert seat in response.text
    coverage = coverage_matrix()
    cells = {cell.working_group.pk: cell for cell in coverage.rows[0].cells}
    assert cells[empty_group.pk].is_empty
    assert cells[group.pk].has_stale


def test_coverage_page_speaks_english_and_is_linked_from_the_admin_index(admin_client):
    with translation.override("en"):
        page = admin_client.get(COVERAGE.replace("/es/", "/en/"))
        index = admin_client.get(reverse("admin:index").replace("/es/", "/en/"))
    assert "Seat coverage" in page.text
    assert COVERAGE.replace("/es/", "/en/") in index.text
    assert "Cobertura de puestos" in admin_client.get(COVERAGE).text


def test_coverage_makes_the_same_number_of_queries_for_two_sizes(admin_client, count_queries):
    groups = WorkingGroupFactory.create_batch(2)
    for group in groups:
        DesignationFactory(working_group=group)
    admin_client.get(COVERAGE)
    small = count_queries(lambda: admin_client.get(COVERAGE))
    groups += WorkingGroupFactory.create_batch(3)
    for group in groups:
        for _ in range(4):
            DesignationFactory(working_group=group, role=Designation.Role.ALTERNATE)
    large = count_queries(lambda: admin_client.get(COVERAGE))
    assert small == large


def test_seat_history_lists_every_holder_with_dates_and_letters(admin_client):
    first = DesignationFactory(
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2022, 12, 31),
        letter_reference="NV-001-2019",
    )
    second = DesignationFactory(
        working_group=first.working_group,
        focal_point__institution__country=first.country,
        starts_on=datetime.date(2023, 1, 1),
        letter_reference="NV-045-2023",
    )
    url = reverse(
        "admin:focal_points_seat_history",
        args=[first.country_id, first.working_group_id, "principal"],
    )
    page = admin_client.get(url)
    assert page.status_code == 200
    assert page.text.index(second.focal_point.full_name) < page.text.index(
        first.focal_point.full_name
    )
    assert "NV-001-2019" in page.text and "NV-045-2023" in page.text
    bad_role = url.replace("principal", "chair")
    assert admin_client.get(bad_role).status_code == 404

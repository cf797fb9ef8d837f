"""The focal point list for staff: columns, filters, accent-blind search, constant queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from focal_points.models import Designation
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:focal_points_focalpoint_changelist")


def names_listed(response) -> list[str]:
    return [obj.family_name for obj in response.context["cl"].result_list]


def test_list_shows_country_groups_roles_and_marks_stale_entries(admin_client):
    country = CountryFactory(iso_code="QC", name_es="Costa Quimérica")
    group = WorkingGroupFactory(name_es="Grupo de Migración y Desarrollo")
    designation = DesignationFactory(
        focal_point__institution__country=country,
        focal_point__last_verified_on=datetime.date(2020, 5, 1),
        working_group=group,
        role=Designation.Role.ALTERNATE,
    )
    response = admin_client.get(CHANGELIST)
    assert "Costa Quimérica" in response.text
    assert "Grupo de Migración y Desarrollo" in response.text
    assert "Alterno" in response.text
    assert 'class="crm-stale"' in response.text
    assert designation.focal_point.family_name.split()[0] in response.text


@pytest.mark.parametrize("term", ["jose", "JOSÉ", "nunez", "Núñez", "NUNEZ"])
def test_search_ignores_accents_and_case(admin_client, term):
    FocalPointFactory(given_name="José", family_name="Núñez")
    FocalPointFactory(given_name="Carla", family_name="Ramírez")
    response = admin_client.get(CHANGELIST, {"q": term})
    assert names_listed(response) == ["Núñez"]


def test_search_finds_by_email_and_institution(admin_client):
    FocalPointFactory(
        family_name="Pérez",
        email="cperez@example.org",
        institution=InstitutionFactory(name_es="Dirección General de Migración"),
    )
    FocalPointFactory(family_name="Otro")
    assert names_listed(admin_client.get(CHANGELIST, {"q": "CPEREZ@"})) == ["Pérez"]
    assert names_listed(admin_client.get(CHANGELIST, {"q": "direccion general"})) == ["Pérez"]


def test_filters_by_group_role_country_and_staleness(admin_client):
    group = WorkingGroupFactory()
    principal = DesignationFactory(working_group=group, role=Designation.Role.PRINCIPAL)
    alternate = DesignationFactory(
        working_group=group,
        role=Designation.Role.ALTERNATE,
        focal_point__last_verified_on=datetime.date(2019, 1, 1),
    )
    # An ended designation does not count for the group or role filters.
    DesignationFactory(working_group=group, ends_on=datetime.date(2024, 6, 30))

    by_group = names_listed(admin_client.get(CHANGELIST, {"group": group.pk}))
    assert sorted(by_group) == sorted(
        [principal.focal_point.family_name, alternate.focal_point.family_name]
    )
    by_role = names_listed(admin_client.get(CHANGELIST, {"role": "alternate"}))
    assert by_role == [alternate.focal_point.family_name]
    stale = names_listed(admin_client.get(CHANGELIST, {"stale": "yes"}))
    assert stale == [alternate.focal_point.family_name]
    country = principal.focal_point.institution.country
    by_country = names_listed(admin_client.get(CHANGELIST, {"country": country.pk}))
    assert by_country == [principal.focal_point.family_name]


def test_english_missing_filter_lists_entries_without_english_text(admin_client):
    FocalPointFactory(family_name="Bilingüe")
    FocalPointFactory(family_name="Solo", position_en="")
    assert names_listed(admin_client.get(CHANGELIST, {"missing": "en"})) == ["Solo"]
    assert names_listed(admin_client.get(CHANGELIST, {"missing": "es"})) == []
    with translation.override("en"):
        english = admin_client.get(CHANGELIST.replace("/es/", "/en/"))
    assert "English missing" in english.text


def make_rows(count: int) -> None:
    groups = WorkingGroupFactory.create_batch(3)
    for index in range(count):
        designation = DesignationFactory(working_group=groups[index % 3])
        DesignationFactory(
            focal_point=designation.focal_point,
            working_group=groups[(index + 1) % 3],
            role=Designation.Role.ALTERNATE,
        )


def test_changelist_makes_the_same_number_of_queries_for_5_and_40_rows(
    admin_client, count_queries, django_assert_max_num_queries
):
    make_rows(5)
    admin_client.get(CHANGELIST)  # warm caches (content types, session)
    small = count_queries(lambda: admin_client.get(CHANGELIST))
    make_rows(35)
    large = count_queries(lambda: admin_client.get(CHANGELIST))
    assert small == large
    with django_assert_max_num_queries(15):
        admin_client.get(CHANGELIST, {"q": "nunez"})

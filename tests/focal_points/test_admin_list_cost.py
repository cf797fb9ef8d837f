"""The directory's admin lists at a cost that does not grow with the rows shown or the table."""

import re

import pytest
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.admin import row_link_with_filters
from focal_points.models import Designation, FocalPoint
from tests.focal_points.factories import (
    DesignationFactory,
    FocalPointFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE = reverse("admin:focal_points_focalpoint_changelist")
SEATS = reverse("admin:focal_points_designation_changelist")


def make_people(count: int, family_name: str = "Núñez") -> None:
    groups = WorkingGroupFactory.create_batch(2)
    for index in range(count):
        seat = DesignationFactory(
            working_group=groups[index % 2], focal_point__family_name=f"{family_name} {index}"
        )
        DesignationFactory(
            focal_point=seat.focal_point,
            working_group=groups[(index + 1) % 2],
            role=Designation.Role.ADDITIONAL,
        )


@pytest.mark.parametrize(
    "url",
    [
        PEOPLE + "?q=nunez",
        PEOPLE + "?is_active__exact=1",
        SEATS,
        SEATS + "?role__exact=principal",
        SEATS + "?q=nunez",
    ],
)
def test_a_directory_list_makes_as_many_queries_for_5_and_40_rows(admin_client, count_queries, url):
    make_people(5)
    admin_client.get(url)  # warm caches (content types, session)
    small = count_queries(lambda: admin_client.get(url))
    make_people(35)

    assert count_queries(lambda: admin_client.get(url)) == small


def test_a_searched_people_list_counts_what_it_found_without_a_count_query(
    client, admin_client, coordinator, home_country, other_country
):
    make_people(3)
    FocalPointFactory(family_name="Nunez Retirado", is_active=False)
    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(PEOPLE, {"q": "nunez"})
    assert not [q["sql"] for q in captured.captured_queries if "COUNT(*)" in q["sql"]]
    assert response.context["cl"].result_count == 4
    assert "4 resultados" in response.text
    # The chosen filters and the reader's rights count too: only what the list shows.
    filtered = admin_client.get(PEOPLE, {"q": "nunez", "is_active__exact": "1"})
    assert filtered.context["cl"].result_count == len(filtered.context["cl"].result_list) == 3
    home = FocalPointFactory(family_name="Núñez Local", institution__country=home_country)
    FocalPointFactory(family_name="Núñez Lejos", institution__country=other_country)
    client.force_login(coordinator)
    own = client.get(PEOPLE, {"q": "nunez"})
    assert {row.pk for row in own.context["cl"].result_list} == {home.pk}
    assert own.context["cl"].result_count == 1


@pytest.mark.parametrize("url", [SEATS + "?q=nunez", SEATS + "?role__exact=principal"])
def test_a_searched_or_filtered_list_does_not_count_the_whole_table(admin_client, url):
    make_people(3)

    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(url)

    counts = [q["sql"] for q in captured.captured_queries if "COUNT(*)" in q["sql"]]
    assert counts and all("WHERE" in sql for sql in counts), counts
    # What it found is still said, with the way back to the whole list.
    assert re.search(r"\d+ resultados?", response.text)


def test_the_unfiltered_list_says_no_result_count_but_pages_the_whole_table(admin_client):
    make_people(3)

    response = admin_client.get(PEOPLE)

    assert "resultados" not in response.text
    assert "3 puntos focales" in response.text


def test_the_seat_columns_read_each_group_in_the_page_language_with_the_fallback(admin_client):
    named = WorkingGroupFactory(name_es="Grupo de Migración Laboral", name_en="", acronym_es="")
    acronym = WorkingGroupFactory(name_es="Red Consular", name_en="Consular Network")
    acronym.acronym_es, acronym.acronym_en = "RFE-PC", ""
    acronym.save()
    seat = DesignationFactory(working_group=named, focal_point__family_name="Ávila")
    DesignationFactory(
        focal_point=seat.focal_point, working_group=acronym, role=Designation.Role.ALTERNATE
    )

    with translation.override("en"):
        html = admin_client.get(reverse("admin:focal_points_focalpoint_changelist")).text

    # No English name: the Spanish one; no English acronym: the Spanish one, full name on hover.
    assert '<abbr title="Grupo de Migración Laboral">Grupo de Migración Laboral</abbr>' in html
    assert '<abbr title="Consular Network">RFE-PC</abbr>' in html
    assert "Principal, Alternate" in html


def test_a_person_without_a_current_seat_shows_dashes(admin_client):
    FocalPointFactory(given_name="Sin", family_name="Asiento")

    html = admin_client.get(PEOPLE).text

    cells = re.findall(r'<td class="field-(?:groups|roles)_display">(.*?)</td>', html)
    assert cells == ["—", "—"]


def test_row_links_of_a_searched_list_keep_the_search(admin_client):
    make_people(2)

    html = admin_client.get(PEOPLE + "?q=nunez").text

    links = re.findall(r'href="(/es/admin/focal_points/focalpoint/\d+/change/[^"]*)"', html)
    assert len(links) == 2
    assert all("_changelist_filters=q%3Dnunez" in link for link in links), links


@pytest.mark.parametrize(
    "context",
    [
        {"preserved_filters": "_changelist_filters=q%3Dnunez%26role%3Dprincipal"},
        {"preserved_filters": "", "preserved_qsl": [("_facets", "True")]},
        {"preserved_filters": "_changelist_filters=stale%3Dyes", "preserved_qsl": [("o", "2")]},
    ],
)
@pytest.mark.parametrize(("popup", "to_field"), [(False, None), (True, "id")])
def test_a_row_link_carries_the_filters_as_djangos_own_function_does(context, popup, to_field):
    context = {**context, "opts": FocalPoint._meta}
    row = reverse("admin:focal_points_focalpoint_change", args=[7]) + "?x=1"

    assert row_link_with_filters(context, row, popup, to_field) == add_preserved_filters(
        context, row, popup, to_field
    )


def test_the_seat_list_finds_a_person_by_name_without_accents_or_a_letter_reference(
    admin_client,
):
    seat = DesignationFactory(
        focal_point__given_name="Íñigo",
        focal_point__family_name="Núñez Ávila",
        letter_reference="NV-MRE-2024-017",
    )
    other = DesignationFactory(focal_point__family_name="Pérez", letter_reference="NV-99")

    def listed(query):
        response = admin_client.get(SEATS, {"q": query})
        assert response.status_code == 200
        return {row.pk for row in response.context["cl"].result_list}

    assert listed("nunez avila") == {seat.pk}
    assert listed("ÍÑIGO") == {seat.pk}
    assert listed("mre-2024") == {seat.pk}
    assert listed("nv") == {seat.pk, other.pk}
    assert listed("nunez 99") == set()  # every word must match
    assert listed("50%_") == set()  # LIKE's wildcards are searched as text


def test_a_coordinator_searching_seats_sees_only_their_country(
    client, coordinator, home_country, other_country
):
    home = DesignationFactory(country=home_country, focal_point__family_name="Núñez")
    abroad = DesignationFactory(country=other_country, focal_point__family_name="Núñez Otro")
    client.force_login(coordinator)
    response = client.get(SEATS, {"q": "nunez"})
    assert response.status_code == 200
    assert {row.pk for row in response.context["cl"].result_list} == {home.pk}
    assert abroad.focal_point.family_name not in response.text


def test_a_person_page_makes_as_many_queries_for_one_seat_as_for_five(admin_client, count_queries):
    groups = WorkingGroupFactory.create_batch(5)
    seat = DesignationFactory(working_group=groups[0])
    person = seat.focal_point
    page = reverse("admin:focal_points_focalpoint_change", args=[person.pk])
    admin_client.get(page)  # warm caches (content types, session)
    one = count_queries(lambda: admin_client.get(page))
    for group in groups[1:]:
        DesignationFactory(focal_point=person, working_group=group, country=seat.country)

    response = admin_client.get(page)
    assert count_queries(lambda: admin_client.get(page)) == one
    # Each seat's autocomplete still shows its group and country, chosen.
    for group in groups:
        assert f'<option value="{group.pk}" selected>{group}</option>' in response.text
    chosen_country = f'<option value="{seat.country.pk}" selected>{seat.country}</option>'
    assert response.text.count(chosen_country) == 5

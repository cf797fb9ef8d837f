"""The country and group pages at scale: bounded lists, counts from SQL, never a contact."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from focal_points.models import Designation
from focal_points.public import SEATS_LISTED
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

URL = "/en/directory/countries/cr/"


@pytest.fixture
def costa_rica():
    return CountryFactory(iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")


@pytest.fixture
def group():
    return WorkingGroupFactory(name_es="Grupo Laboral", name_en="Labour Group")


def _seats(country, group, role, count, *, consent=True, prefix="Persona"):
    institution = InstitutionFactory(country=country, name_es="Migración", name_en="Migration")
    for number in range(count):
        person = FocalPointFactory(
            institution=institution,
            given_name=f"{prefix}{number}",
            family_name="Apellido",
            email=f"{prefix.lower()}{number}@example.org",
            phone="+50622223333",
            public_listing_consent=consent,
        )
        DesignationFactory(focal_point=person, working_group=group, country=country, role=role)


def test_a_crowded_group_lists_the_first_seats_and_counts_the_others_by_role(
    client, costa_rica, group
):
    _seats(costa_rica, group, Designation.Role.PRINCIPAL, 1, prefix="Principal")
    _seats(costa_rica, group, Designation.Role.ALTERNATE, 12, prefix="Alterno")
    _seats(costa_rica, group, Designation.Role.ADDITIONAL, 3, prefix="Adicional")
    text = client.get(URL).text
    assert len(re.findall(r'<li class="seat">', text)) == SEATS_LISTED
    assert "Principal0 Apellido" in text
    assert "Adicional" not in text  # the additional contacts come after the alternates
    unlisted = 1 + 12 + 3 - SEATS_LISTED
    assert f"And {unlisted} more designations, not listed here:" in text
    assert f"Alternate {12 - (SEATS_LISTED - 1)}" in text
    assert "Additional contact 3" in text


def test_a_group_with_few_seats_lists_them_all_and_counts_nothing(client, costa_rica, group):
    _seats(costa_rica, group, Designation.Role.ALTERNATE, 2)
    text = client.get(URL).text
    assert len(re.findall(r'<li class="seat">', text)) == 2
    assert "more designation" not in text


def test_people_who_did_not_consent_leave_no_name_or_contact_listed_or_counted(
    client, costa_rica, group
):
    _seats(costa_rica, group, Designation.Role.PRINCIPAL, 1, consent=False, prefix="Oculta")
    _seats(costa_rica, group, Designation.Role.ALTERNATE, 15, consent=False, prefix="Reservado")
    for language in ("es", "en"):
        text = client.get(f"/{language}/directory/countries/cr/").text
        for secret in ("Oculta", "Reservado", "Apellido", "@example.org", "2222", "+506"):
            assert secret not in text
    assert "Designated (name not published)" in client.get(URL).text


def test_the_country_page_makes_the_same_queries_for_2_and_40_seats(
    client, count_queries, django_assert_max_num_queries, costa_rica, group
):
    other = WorkingGroupFactory()
    _seats(costa_rica, group, Designation.Role.ALTERNATE, 2)
    client.get(URL)
    small = count_queries(lambda: client.get(URL))
    _seats(costa_rica, group, Designation.Role.ALTERNATE, 20, prefix="Mas")
    _seats(costa_rica, other, Designation.Role.ADDITIONAL, 18, prefix="Otro")
    assert count_queries(lambda: client.get(URL)) == small
    with django_assert_max_num_queries(8):
        client.get(URL)


def test_the_country_page_lists_a_roles_seats_by_name_whatever_its_accents_and_case(
    client, costa_rica, group
):
    institution = InstitutionFactory(country=costa_rica)
    for given, family in (("Ana", "Zúñiga"), ("Luis", "álvarez"), ("Eva", "Bravo")):
        person = FocalPointFactory(
            institution=institution,
            given_name=given,
            family_name=family,
            public_listing_consent=True,
        )
        DesignationFactory(
            focal_point=person, working_group=group, country=costa_rica, role="alternate"
        )
    page = client.get(URL).content.decode()
    positions = [page.index(name) for name in ("Luis álvarez", "Eva Bravo", "Ana Zúñiga")]
    assert positions == sorted(positions)


def test_the_country_page_reads_its_seats_without_a_history_context(client, costa_rica, group):
    """pghistory puts its context before every statement of a request not beginning with
    SELECT: the seats' statement is a read, written as one."""
    _seats(costa_rica, group, Designation.Role.ALTERNATE, 2)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    (seats,) = [q["sql"] for q in queries.captured_queries if "seat_rank" in q["sql"]]
    assert "pghistory" not in seats


def test_the_group_page_says_who_holds_principal_and_alternate_seats(client, costa_rica, group):
    _seats(costa_rica, group, Designation.Role.ALTERNATE, 5)
    inactive = FocalPointFactory(institution=InstitutionFactory(country=costa_rica))
    DesignationFactory(
        focal_point=inactive, working_group=group, country=costa_rica, role="principal"
    )
    inactive.is_active = False
    inactive.save()
    text = client.get(f"/en/directory/groups/{group.slug}/").text
    row = text[text.index('href="/en/directory/countries/cr/"') :]
    row = row[: row.index("</tr>")]
    assert 'data-role="principal"><span class="badge badge-warn">No' in row
    assert 'data-role="alternate"><span class="badge badge-ok">Yes' in row

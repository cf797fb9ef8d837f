"""Public directory pages: what a visitor reads, in both languages, never a contact detail."""

import datetime
import itertools

import pytest
from django.utils import timezone

from focal_points.models import Country, Designation, Institution
from tests.factories import UserFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    PresidencyFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

PHONE = "+50622223333"
PHONE_NATIONAL = "2222 3333"


@pytest.fixture
def costa_rica():
    return CountryFactory(iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")


@pytest.fixture
def group():
    return WorkingGroupFactory(
        name_es="Grupo de Trabajo sobre Migración Laboral",
        name_en="Working Group on Labour Migration",
        mandate_es="Promover la migración laboral ordenada.",
        mandate_en="Promote orderly labour migration.",
    )


def _seat(country, group, role, *, consent, **person):
    institution = InstitutionFactory(
        country=country, name_es="Dirección de Migración", name_en="Migration Directorate"
    )
    focal_point = FocalPointFactory(
        institution=institution,
        public_listing_consent=consent,
        phone=PHONE,
        mobile="+50688887777",
        **person,
    )
    return DesignationFactory(
        focal_point=focal_point, working_group=group, country=country, role=role
    )


_SEEDED_YEARS = itertools.count(1970)


def _seed(size: int) -> None:
    """Members with institutions, presidencies, groups and size seats in each group."""
    groups = [WorkingGroupFactory() for _ in range(3)]
    for index in range(size):
        country = CountryFactory()
        year = next(_SEEDED_YEARS)
        PresidencyFactory(
            country=country,
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
        )
        for group in groups:
            _seat(country, group, Designation.Role.PRINCIPAL, consent=index % 2 == 0)
            _seat(country, group, Designation.Role.ALTERNATE, consent=True)
        InstitutionFactory(
            country=None, kind=Institution.Kind.INTERNATIONAL_ORGANIZATION, acronym_es=""
        )
    CountryFactory(status=Country.Status.OBSERVER)


# --- Member countries ------------------------------------------------------------------------


def test_countries_page_lists_members_observers_and_observer_organizations(client):
    CountryFactory(iso_code="MX", name_es="México", name_en="Mexico")
    CountryFactory(
        iso_code="CO", name_es="Colombia", name_en="Colombia", status=Country.Status.OBSERVER
    )
    InstitutionFactory(
        country=None,
        kind=Institution.Kind.INTERNATIONAL_ORGANIZATION,
        name_es="Organización Internacional para las Migraciones",
        name_en="International Organization for Migration",
        acronym_es="OIM",
        acronym_en="IOM",
    )
    spanish = client.get("/es/directory/countries/")
    english = client.get("/en/directory/countries/")
    assert spanish.status_code == english.status_code == 200
    assert "México" in spanish.text and "Mexico" in english.text
    assert "Países miembros" in spanish.text and "Member countries" in english.text
    assert "Países observadores" in spanish.text and "Colombia" in spanish.text
    assert "Organización Internacional para las Migraciones (OIM)" in spanish.text
    assert "International Organization for Migration (IOM)" in english.text


def test_countries_sort_by_name_with_accents_in_each_language(client):
    CountryFactory(iso_code="BZ", name_es="Belice", name_en="Belize")
    CountryFactory(iso_code="CA", name_es="Canadá", name_en="Canada")
    CountryFactory(iso_code="US", name_es="Estados Unidos", name_en="United States")
    CountryFactory(iso_code="SV", name_es="El Salvador", name_en="El Salvador")
    CountryFactory(iso_code="PA", name_es="Panamá", name_en="Panama")
    CountryFactory(iso_code="DO", name_es="República Dominicana", name_en="Dominican Republic")

    def order(text, names):
        return sorted(names, key=text.index)

    spanish = client.get("/es/directory/countries/").text
    english = client.get("/en/directory/countries/").text
    # Collation C would put "Canadá" after "Canada"-like names and accented letters last.
    assert order(
        spanish,
        ["Belice", "Canadá", "El Salvador", "Estados Unidos", "Panamá", "República Dominicana"],
    ) == ["Belice", "Canadá", "El Salvador", "Estados Unidos", "Panamá", "República Dominicana"]
    assert order(
        english,
        ["Belize", "Canada", "Dominican Republic", "El Salvador", "Panama", "United States"],
    ) == ["Belize", "Canada", "Dominican Republic", "El Salvador", "Panama", "United States"]


def test_countries_page_marks_the_country_holding_the_presidency(client, costa_rica):
    PresidencyFactory(country=costa_rica)
    response = client.get("/en/directory/countries/")
    assert "Pro-Tempore Presidency" in response.text


# --- A country's page ------------------------------------------------------------------------


def test_country_page_shows_institutions_and_presidencies_held(client, costa_rica):
    InstitutionFactory(
        country=costa_rica,
        name_es="Ministerio de Trabajo y Seguridad Social",
        name_en="Ministry of Labour and Social Security",
        acronym_es="MTSS",
    )
    PresidencyFactory(
        country=costa_rica,
        starts_on=datetime.date(2012, 1, 1),
        ends_on=datetime.date(2012, 12, 31),
        meeting_number="XVII",
        theme_es="Migración y salud",
        theme_en="Migration and health",
    )
    spanish = client.get("/es/directory/countries/cr/")
    english = client.get("/en/directory/countries/cr/")
    assert "Ministerio de Trabajo y Seguridad Social (MTSS)" in spanish.text
    assert "Ministry of Labour and Social Security" in english.text
    assert "XVII Reunión Viceministerial" in spanish.text
    assert "XVII Vice-Ministerial Meeting" in english.text
    assert "Migration and health" in english.text and "2012" in english.text


def test_country_page_names_only_focal_points_who_consented(client, costa_rica, group):
    _seat(
        costa_rica,
        group,
        Designation.Role.PRINCIPAL,
        consent=True,
        given_name="Ángela",
        family_name="Ibáñez Peña",
    )
    _seat(
        costa_rica,
        group,
        Designation.Role.ALTERNATE,
        consent=False,
        given_name="José",
        family_name="Núñez Muñoz",
    )
    response = client.get("/es/directory/countries/cr/")
    assert "Ángela Ibáñez Peña" in response.text
    assert "Director de Asuntos Migratorios" in response.text
    assert "Dirección de Migración" in response.text
    assert "Núñez" not in response.text and "Jacinto" not in response.text
    assert "Designado (nombre no publicado)" in response.text
    english = client.get("/en/directory/countries/cr/")
    assert "Designated (name not published)" in english.text
    assert "Working Group on Labour Migration" in english.text


def test_country_page_never_shows_phones_or_emails(client, costa_rica, group):
    designation = _seat(costa_rica, group, Designation.Role.PRINCIPAL, consent=True)
    focal_point = designation.focal_point
    for language in ("es", "en"):
        text = client.get(f"/{language}/directory/countries/cr/").text
        assert focal_point.full_name in text
        assert focal_point.email not in text
        assert "@example.org" not in text
        for number in (PHONE, PHONE_NATIONAL, "8888 7777", "+50688887777", "2222"):
            assert number not in text
        assert "mailto:" not in text and "tel:" not in text


def test_country_page_leaves_out_ended_and_future_designations(client, costa_rica, group):
    today = timezone.localdate()
    ended = _seat(
        costa_rica,
        group,
        Designation.Role.PRINCIPAL,
        consent=True,
        given_name="Raúl",
        family_name="Anterior",
    )
    ended.starts_on, ended.ends_on = datetime.date(2020, 1, 1), datetime.date(2021, 1, 1)
    ended.save()
    future = _seat(
        costa_rica,
        group,
        Designation.Role.ALTERNATE,
        consent=True,
        given_name="Inés",
        family_name="Futura",
    )
    future.starts_on = today + datetime.timedelta(days=30)
    future.save()
    text = client.get("/es/directory/countries/cr/").text
    assert "Anterior" not in text and "Futura" not in text
    assert "Ningún punto focal designado." in text


def test_country_page_leaves_out_inactive_focal_points(client, costa_rica, group):
    designation = _seat(
        costa_rica,
        group,
        Designation.Role.PRINCIPAL,
        consent=True,
        given_name="Óscar",
        family_name="Retirado",
    )
    designation.focal_point.is_active = False
    designation.focal_point.save()
    assert "Retirado" not in client.get("/es/directory/countries/cr/").text


def test_country_page_answers_404_for_an_unknown_code(client):
    assert client.get("/es/directory/countries/zz/").status_code == 404
    assert client.get("/es/directory/countries/toolong/").status_code == 404


def test_country_page_accepts_an_upper_case_code(client, costa_rica):
    assert client.get("/en/directory/countries/CR/").status_code == 200


# --- Working groups --------------------------------------------------------------------------


def test_groups_page_lists_active_groups_and_the_chair(client, costa_rica, group):
    WorkingGroupFactory(name_es="Grupo disuelto", name_en="Dissolved group", is_active=False)
    PresidencyFactory(country=costa_rica)
    spanish = client.get("/es/directory/groups/")
    english = client.get("/en/directory/groups/")
    assert "Grupo de Trabajo sobre Migración Laboral" in spanish.text
    assert "Working Group on Labour Migration" in english.text
    assert "Dissolved group" not in english.text
    assert "Presidido por la Presidencia Pro Tempore" in spanish.text
    assert "Chaired by the Pro-Tempore Presidency" in english.text
    assert "/en/directory/countries/cr/" in english.text


def test_groups_page_says_when_no_presidency_is_in_office(client, group):
    assert (
        "No Pro-Tempore Presidency is in office today." in client.get("/en/directory/groups/").text
    )


def test_group_page_shows_mandate_chair_and_coverage_of_every_member(client, costa_rica, group):
    mexico = CountryFactory(iso_code="MX", name_es="México", name_en="Mexico")
    CountryFactory(iso_code="CO", name_es="Colombia", status=Country.Status.OBSERVER)
    PresidencyFactory(country=mexico)
    _seat(costa_rica, group, Designation.Role.PRINCIPAL, consent=False)
    _seat(mexico, group, Designation.Role.ALTERNATE, consent=True)
    response = client.get(f"/en/directory/groups/{group.slug}/")
    assert response.status_code == 200
    assert "Promote orderly labour migration." in response.text
    assert "Chaired by the Pro-Tempore Presidency" in response.text
    coverage = {
        row.country.iso_code: (row.has_principal, row.has_alternate)
        for row in response.context["coverage"]
    }
    # Members only (not observers), each with yes/no per role.
    assert coverage == {"CR": (True, False), "MX": (False, True)}
    assert response.text.count('data-role="principal"') == 2
    spanish = client.get(f"/es/directory/groups/{group.slug}/")
    assert "Promover la migración laboral ordenada." in spanish.text
    assert "Sí" in spanish.text and "Titular" in spanish.text


def test_a_group_is_found_at_its_address_name_and_not_at_its_number(client):
    group = WorkingGroupFactory(slug="gtmd", name_en="Working Group on Migration and Development")
    assert group.get_absolute_url() == "/es/directory/groups/gtmd/"
    page = client.get("/en/directory/groups/gtmd/")
    assert page.status_code == 200 and "Working Group on Migration and Development" in page.text
    assert client.get(f"/en/directory/groups/{group.pk}/").status_code == 404
    listing = client.get("/en/directory/groups/")
    assert 'href="/en/directory/groups/gtmd/"' in listing.text


def test_group_page_of_an_inactive_group_answers_404(client):
    group = WorkingGroupFactory(is_active=False)
    assert client.get(f"/es/directory/groups/{group.slug}/").status_code == 404


# --- Home page -------------------------------------------------------------------------------


def test_home_names_the_presidency_in_office(client, costa_rica):
    PresidencyFactory(
        country=costa_rica,
        meeting_number="XXXI",
        theme_es="Migración segura",
        theme_en="Safe migration",
    )
    spanish = client.get("/es/")
    english = client.get("/en/")
    assert "Costa Rica" in spanish.text and "XXXI Reunión Viceministerial" in spanish.text
    assert "Migración segura" in spanish.text
    assert "Safe migration" in english.text and "XXXI Vice-Ministerial Meeting" in english.text
    assert "/en/directory/countries/cr/" in english.text


def test_home_says_when_no_presidency_is_in_office(client, costa_rica):
    PresidencyFactory(
        country=costa_rica, starts_on=datetime.date(2010, 1, 1), ends_on=datetime.date(2010, 12, 31)
    )
    assert "Ninguna Presidencia Pro Tempore está en funciones hoy." in client.get("/es/").text


# --- Navigation and access -------------------------------------------------------------------


def test_nav_links_to_member_countries_and_working_groups(client):
    spanish = client.get("/es/").text
    assert 'href="/es/directory/countries/"' in spanish and "Países miembros" in spanish
    assert 'href="/es/directory/groups/"' in spanish and "Grupos de trabajo" in spanish


def test_public_pages_need_no_sign_in_and_show_signed_in_users_the_same_names(
    client, costa_rica, group
):
    _seat(
        costa_rica,
        group,
        Designation.Role.PRINCIPAL,
        consent=False,
        given_name="Fátima",
        family_name="Oculta",
    )
    anonymous = client.get("/es/directory/countries/cr/").text
    client.force_login(UserFactory())
    signed_in = client.get("/es/directory/countries/cr/").text
    # A public page is public: signing in does not reveal who did not consent.
    assert "Oculta" not in anonymous and "Oculta" not in signed_in


# --- Constant number of queries --------------------------------------------------------------

PAGES = [
    ("countries", lambda: "/es/directory/countries/"),
    ("country", lambda: "/es/directory/countries/cr/"),
    ("groups", lambda: "/es/directory/groups/"),
    ("group", lambda: "/es/directory/groups/{group}/"),
    ("home", lambda: "/es/"),
]


@pytest.mark.parametrize(("name", "url"), PAGES, ids=[name for name, _ in PAGES])
def test_public_pages_make_the_same_queries_at_two_data_sizes(
    client, count_queries, django_assert_max_num_queries, costa_rica, group, name, url
):
    _seat(costa_rica, group, Designation.Role.PRINCIPAL, consent=True)
    path = url().format(group=group.slug)

    def get():
        assert client.get(path).status_code == 200

    _seed(2)
    small = count_queries(get)
    _seed(12)
    large = count_queries(get)
    assert small == large
    with django_assert_max_num_queries(8):
        get()

"""Fixtures of the accounts tests: a working group across three countries (contact lists)."""

import datetime

import pytest

from focal_points.models import Country, Designation
from tests.accounts.factories import FocalPointUserFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)


@pytest.fixture
def contact_group():
    """A group with seats in Panamá, Belice and an observer, out of name order on purpose."""
    group = WorkingGroupFactory(name_es="Grupo de Protección", name_en="Protection Group")
    panama = CountryFactory(iso_code="PA", name_es="Panamá", name_en="Panama")
    belize = CountryFactory(iso_code="BZ", name_es="Belice", name_en="Belize")
    observer = CountryFactory(
        iso_code="QA", name_es="Ártico", name_en="Arctic", status=Country.Status.OBSERVER
    )
    people = {}

    def seat(key, country, role, **person):
        institution = InstitutionFactory(
            country=country,
            name_es=f"Ministerio {key}",
            name_en=f"Ministry {key}",
            address=f"Calle {key}\nCiudad",
        )
        focal_point = FocalPointFactory(institution=institution, **person)
        DesignationFactory(focal_point=focal_point, working_group=group, country=country, role=role)
        people[key] = focal_point
        return focal_point

    # Panamá: an alternate then a principal (the principal comes first in the list).
    seat(
        "pa_alternate",
        panama,
        Designation.Role.ALTERNATE,
        given_name="Beatriz",
        family_name="Zúñiga",
        email="beatriz@example.org",
        phone="+5072000002",
    )
    seat(
        "pa_principal",
        panama,
        Designation.Role.PRINCIPAL,
        honorific="dr",
        given_name="Ángel",
        family_name="Ábrego",
        email="angel@example.org",
        phone="+5072000001",
        mobile="+50760000001",
        fax="+5072000009",
        position_es="Director de Migración",
        position_en="Director of Migration",
        postal_address="Apartado 0816-01234\nPanamá",
        public_listing_consent=False,
        alternate_emails=["angel.alt@example.org"],
        languages=["es", "en"],
    )
    seat(
        "bz_principal",
        belize,
        Designation.Role.PRINCIPAL,
        given_name="Carla",
        family_name="Young",
        email="carla@example.org",
        phone="+5012230001",
        languages=["en"],
    )
    seat(
        "observer",
        observer,
        Designation.Role.PRINCIPAL,
        given_name="Dana",
        family_name="Ice",
        email="dana@example.org",
    )
    # Not in the list: a seat that ended, a person who left, another group.
    ended = seat("ended", belize, Designation.Role.ALTERNATE, email="ended@example.org")
    ended.designations.update(ends_on=datetime.date(2024, 6, 30))
    seat("inactive", belize, Designation.Role.ADDITIONAL, email="gone@example.org", is_active=False)
    DesignationFactory(
        focal_point__email="elsewhere@example.org", working_group=WorkingGroupFactory()
    )
    return {"group": group, "people": people, "panama": panama, "belize": belize}


# The list's order: member countries by name (Belice, Panamá), then observers; in a country
# the principal before the alternate.
EXPECTED_ORDER = [
    "carla@example.org",
    "angel@example.org",
    "beatriz@example.org",
    "dana@example.org",
]


@pytest.fixture
def member(contact_group):
    """A user signed in as Panamá's principal, a member of the group."""
    return FocalPointUserFactory(focal_point=contact_group["people"]["pa_principal"])

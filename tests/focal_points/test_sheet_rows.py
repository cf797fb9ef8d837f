"""Rows of a directory sheet are read and checked against each other without a database."""

import datetime

import pytest
from django.utils import translation

from focal_points.models import Country, Designation, FocalPoint, Institution, WorkingGroup
from focal_points.sheets.cells import Lookups
from focal_points.sheets.plan import Directory, plan_rows
from focal_points.sheets.rows import parse_row, parse_rows
from tests.focal_points.sheet_helpers import sheet_row

# No django_db mark: any query in these tests fails them.


@pytest.fixture(name="lookups")
def lookups_fixture() -> Lookups:
    """Costa Rica with its foreign ministry, an international organization, and the GTMD."""
    costa_rica = Country(pk=1, iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")
    return Lookups.index(
        countries=[costa_rica],
        institutions=[
            Institution(
                pk=10, country=costa_rica, name_es="Ministerio de Relaciones", acronym_es="MREC"
            ),
            Institution(pk=11, country=None, name_es="ACNUR", acronym_es=""),
        ],
        groups=[WorkingGroup(pk=20, name_es="Grupo de Migración", acronym_es="GTMD")],
    )


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_valid_row_gives_the_person_and_the_designation(lookups):
    row = parse_row(1, sheet_row(ends_on="2025-12-31", letter_date="01/02/2025"), lookups=lookups)

    assert row.errors == []
    assert row.line == 2
    # The country served to find the institution and read the phone; it is no field.
    assert "country" not in row.person
    assert row.person["institution"].pk == 10
    # Stored as RFC 3966, the directory's phone format (it keeps extensions).
    assert row.person["phone"] == "tel:+506-2222-3333"
    assert row.person["languages"] == ["es", "en"]
    assert row.person["public_listing_consent"] is True
    assert row.designation.working_group.pk == 20
    assert row.designation.country.iso_code == "CR"
    assert row.designation.role == "principal"
    assert row.designation.starts_on == datetime.date(2025, 1, 15)
    assert row.designation.letter_date == datetime.date(2025, 2, 1)


def test_columns_absent_from_the_file_change_nothing(lookups):
    cells = {key: sheet_row()[key] for key in ("email", "given_name", "family_name")}
    row = parse_row(1, {**cells, "country": "CR", "institution": "MREC"}, lookups=lookups)

    assert set(row.person) == {"email", "given_name", "family_name", "institution"}
    assert row.designation is None


def test_every_problem_of_a_row_is_reported_at_once(lookups):
    row = parse_row(
        1,
        sheet_row(email="nobody@", phone="12", role="boss", starts_on="15.01.2025"),
        lookups=lookups,
    )

    text = " ".join(row.errors)
    assert "“nobody@” is not a valid e-mail address" in text
    assert "“12” is not a valid phone number for CR" in text
    assert "“boss” is not allowed" in text
    assert "“15.01.2025” is not a date" in text
    assert row.designation is None


def test_an_unknown_country_is_the_only_error_of_its_institution_and_phones(lookups):
    row = parse_row(1, sheet_row(country="ZZ", phone="2222 3333"), lookups=lookups)
    assert row.errors == ["Unknown country “ZZ”: use a two-letter ISO code from the template."]


def test_a_person_of_an_international_organization_needs_a_designation_country(lookups):
    row = parse_row(1, sheet_row(country="", institution="acnur", phone=""), lookups=lookups)
    assert row.person["institution"].pk == 11
    assert row.errors == [
        "Designation country (ISO code) is required for a person of an international "
        "organization designated in a group."
    ]


def test_designation_columns_without_a_group_are_refused(lookups):
    row = parse_row(1, sheet_row(group="", starts_on="", ends_on="2025-01-01"), lookups=lookups)
    assert row.errors == ["Role, Ends on given without a working group."]


def test_a_formula_quoted_on_export_reads_back_as_written(lookups):
    row = parse_row(1, sheet_row(given_name="'=Eva", postal_address="'+1 Main St"), lookups=lookups)
    assert (row.person["given_name"], row.person["postal_address"]) == ("=Eva", "+1 Main St")


def test_an_overlong_postal_address_names_the_column_and_the_limit(lookups):
    row = parse_row(1, sheet_row(postal_address="x" * 501), lookups=lookups)
    assert row.errors == ["Postal address: 501 characters, more than the 500 allowed."]


def test_a_phone_extension_is_kept_not_dropped(lookups):
    row = parse_row(1, sheet_row(phone="2222 3333 ext. 3"), lookups=lookups)
    assert row.errors == []
    assert row.person["phone"] == "tel:+506-2222-3333;ext=3"


def test_rows_of_one_person_whose_emails_differ_in_case_agree(lookups):
    rows = parse_rows(
        [
            sheet_row(email="PEDRO@example.org"),
            sheet_row(email="pedro@example.org", role="alternate"),
            sheet_row(email="Pedro@Example.org", given_name="Pedro", role="additional"),
        ],
        lookups=lookups,
    )

    assert rows[1].errors == []
    assert len(rows[2].errors) == 1
    assert "differ from row 2" in rows[2].errors[0]
    assert "the e-mails match ignoring capitals" in rows[2].errors[0]


def test_a_repeated_designation_points_to_the_first_row(lookups):
    rows = parse_rows([sheet_row(), sheet_row()], lookups=lookups)
    assert rows[1].errors == ["This row repeats the designation of row 2 of the file."]


def test_the_plan_of_a_new_directory_marks_each_row_new_and_notes_what_it_adds(lookups):
    rows = parse_rows(
        [sheet_row(), sheet_row(email="ANA.PEREZ@example.org", role="alternate")],
        lookups=lookups,
    )
    plan_rows(rows, directory=Directory(people={}, designations={}, principals={}))

    assert [row.status for row in rows] == ["new", "new"]
    assert rows[0].notes == ["new person", "new designation"]
    assert rows[1].notes == ["new designation"]
    # Both rows add to one record, under the address as the first row wrote it.
    assert rows[0].focal_point is rows[1].focal_point
    assert rows[0].focal_point.email == "ana.perez@example.org"


def test_the_plan_refuses_a_second_principal_for_a_seat_held_in_the_directory(lookups):
    held = Designation(
        pk=30,
        focal_point_id=99,
        working_group_id=20,
        country_id=1,
        role="principal",
        starts_on=datetime.date(2020, 1, 1),
    )
    rows = parse_rows([sheet_row()], lookups=lookups)
    plan_rows(rows, directory=Directory(people={}, designations={}, principals={(1, 20): [held]}))

    assert rows[0].status == "invalid"
    assert "already has a principal focal point" in rows[0].errors[0]


def test_the_plan_accepts_a_new_principal_once_the_file_ends_the_sitting_one(lookups):
    sitting = FocalPoint(
        pk=99,
        email="old@example.org",
        given_name="Old",
        family_name="Principal",
        institution_id=10,
        position_es="",
        position_en="",
        version=3,
    )
    held = Designation(
        pk=30,
        focal_point_id=99,
        working_group_id=20,
        country_id=1,
        role="principal",
        starts_on=datetime.date(2020, 1, 1),
    )
    rows = parse_rows(
        [
            # The new principal comes first: the order of the rows does not matter.
            sheet_row(starts_on="2025-01-15"),
            sheet_row(
                email="old@example.org",
                given_name="Old",
                family_name="Principal",
                position_es="",
                position_en="",
                phone="",
                languages="",
                preferred_language="",
                public_listing_consent="",
                starts_on="2020-01-01",
                ends_on="2025-01-14",
            ),
        ],
        lookups=lookups,
    )
    directory = Directory(
        people={"old@example.org": sitting},
        designations={(99, 20, 1, "principal", datetime.date(2020, 1, 1)): held},
        principals={(1, 20): [held]},
    )
    plan_rows(rows, directory=directory)

    assert [row.errors for row in rows] == [[], []]
    assert [row.status for row in rows] == ["new", "changed"]
    assert rows[1].notes == ["designation changed"]

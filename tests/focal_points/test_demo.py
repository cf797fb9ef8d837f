"""The demo directory: design.md's facts, invented people, a second run that writes nothing."""

import phonenumbers
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from pghistory.models import Event

from focal_points import demo
from focal_points.models import (
    Country,
    Designation,
    FocalPoint,
    Institution,
    Presidency,
    WorkingGroup,
)
from tests.conftest import loaded_for_module

# Every test reads the same demo directory, loaded once for the module (about 1 s a load).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_directory")]


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, demo.load) as lines:
        yield lines


def _row_counts() -> dict[str, int]:
    """Rows of every concrete model, history events included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
    }


def _history_events() -> int:
    return sum(
        model.objects.count()
        for model in apps.get_models()
        if issubclass(model, Event) and not model._meta.proxy and not model._meta.abstract
    )


def test_loading_the_demo_again_changes_nothing(capsys):
    # The directory is loaded; the command adds the other apps' demos, then a run changes nothing.
    call_command("load_demo")
    first_rows, first_events = _row_counts(), _history_events()
    assert first_events > 0

    call_command("load_demo")

    assert _row_counts() == first_rows
    assert _history_events() == first_events


def test_demo_history_events_carry_the_demo_reason():
    focal_point = FocalPoint.objects.order_by("pk").first()
    event = focal_point.events.first()
    assert event.pgh_context.metadata["reason"] == "demo data"


def test_demo_has_the_eleven_members_since_february_1996():
    members = Country.objects.members()
    assert sorted(members.values_list("iso_code", flat=True)) == sorted(
        ["BZ", "CA", "CR", "SV", "US", "GT", "HN", "MX", "NI", "PA", "DO"]
    )
    assert {country.member_since.isoformat() for country in members} == {"1996-02-01"}
    mexico = Country.objects.get(iso_code="MX")
    assert (mexico.name_es, mexico.name_en) == ("México", "Mexico")


def test_demo_observers_are_international_organizations_without_country():
    organizations = Institution.objects.filter(kind=Institution.Kind.INTERNATIONAL_ORGANIZATION)
    acronyms = set(organizations.values_list("acronym_en", flat=True))
    assert {"IACHR", "IOM", "ECLAC-CELADE", "UNHCR", "SICA"} <= acronyms
    assert organizations.filter(name_en__icontains="Special Rapporteur").exists()
    assert not organizations.filter(country__isnull=False).exists()
    secretariat = Institution.objects.get(kind=Institution.Kind.TECHNICAL_SECRETARIAT)
    assert secretariat.parent.acronym_en == "IOM"
    assert "San José" in secretariat.address


def test_demo_gives_every_member_its_ministries_in_both_languages():
    for country in Country.objects.members():
        kinds = set(country.institutions.values_list("kind", flat=True))
        assert {"foreign_affairs", "migration", "labour"} <= kinds
    assert not Institution.objects.filter(name_en="").exists()


def test_demo_working_groups_include_the_one_guatemala_proposed_in_2009():
    group = WorkingGroup.objects.get(name_en="Working Group on Migration and Development")
    assert group.established_on.year == 2009
    assert "Guatemala" in group.mandate_en and "Guatemala" in group.mandate_es
    kinds = list(WorkingGroup.objects.values_list("kind", flat=True))
    assert kinds.count(WorkingGroup.Kind.LIAISON_NETWORK) == 2
    names = set(WorkingGroup.objects.values_list("name_en", flat=True))
    for topic in ("Irregular Migration", "Labour Migration", "Protection", "Border Management"):
        assert f"Working Group on {topic}" in names


def test_demo_presidencies_match_the_record_and_cover_today():
    held = {(p.country.iso_code, p.starts_on.year) for p in Presidency.objects.all()}
    assert {("PA", 2004), ("CA", 2005), ("GT", 2009), ("MX", 2015)} <= held
    assert Presidency.objects.get(starts_on__year=2015).meeting_number == "XX"
    current = Presidency.objects.current()
    assert current is not None
    assert "demo" in current.theme_en and "demostración" in current.theme_es
    previous_year = timezone.localdate().year - 1
    assert Presidency.objects.filter(starts_on__year=previous_year).exists()


def test_demo_people_are_invented_and_reachable_only_at_example_org():
    people = FocalPoint.objects.select_related("institution__country")
    assert people.count() >= 60
    assert all(person.email.endswith("@example.org") for person in people)
    assert any("ñ" in person.full_name for person in people)
    assert any("Á" in person.full_name or "á" in person.full_name for person in people)
    for person in people:
        number = phonenumbers.parse(str(person.phone))
        assert phonenumbers.is_valid_number(number)
        assert phonenumbers.region_code_for_number(number) == person.country.iso_code


def test_demo_mixes_stale_and_fresh_entries_and_both_consents():
    stale = FocalPoint.objects.stale().count()
    assert 0 < stale < FocalPoint.objects.count()
    assert FocalPoint.objects.filter(public_listing_consent=True).exists()
    assert FocalPoint.objects.filter(public_listing_consent=False).exists()


def test_demo_leaves_a_few_seats_empty_so_coverage_shows_gaps():
    seats = len(Country.objects.members()) * WorkingGroup.objects.count()
    current = Designation.objects.current()
    principals = current.principals().count()
    alternates = current.filter(role=Designation.Role.ALTERNATE).count()
    assert seats * 0.8 < principals < seats
    assert seats * 0.6 < alternates < seats
    # Every designation is for the country of the person's institution.
    assert not Designation.objects.exclude(focal_point__institution__country=F("country")).exists()


def test_roman_numerals_number_the_meetings_from_1996():
    assert demo.meeting_number_for(1996) == "I"
    assert demo.meeting_number_for(2004) == "IX"
    assert demo.meeting_number_for(2015) == "XX"
    assert demo.meeting_number_for(2026) == "XXXI"

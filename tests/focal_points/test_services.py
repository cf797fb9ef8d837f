"""The directory's write services."""

import datetime

import pytest

from focal_points.models import Designation, Presidency
from focal_points.services import (
    ConcurrentEditError,
    designation_start,
    focal_point_update,
    presidency_hand_over,
)
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    PresidencyFactory,
)

pytestmark = pytest.mark.django_db


def test_designation_start_ends_the_previous_principal_the_day_before():
    previous = DesignationFactory(starts_on=datetime.date(2023, 1, 1))
    successor = FocalPointFactory(institution=previous.focal_point.institution)
    designation_start(
        focal_point=successor,
        working_group=previous.working_group,
        country=previous.country,
        role=Designation.Role.PRINCIPAL,
        starts_on=datetime.date(2025, 3, 1),
        letter_reference="NV-2025-031",
    )
    previous.refresh_from_db()
    assert previous.ends_on == datetime.date(2025, 2, 28)
    current = Designation.objects.current().principals().get(working_group=previous.working_group)
    assert current.focal_point == successor


def test_focal_point_update_refuses_a_stale_version_and_keeps_the_first_change():
    focal_point = FocalPointFactory(position_es="Director")
    opened_version = focal_point.version
    focal_point_update(
        focal_point=focal_point,
        changes={"position_es": "Directora General"},
        expected_version=opened_version,
    )
    with pytest.raises(ConcurrentEditError):
        focal_point_update(
            focal_point=focal_point,
            changes={"position_es": "Asesor"},
            expected_version=opened_version,
        )
    focal_point.refresh_from_db()
    assert focal_point.position_es == "Directora General"


def test_presidency_hand_over_closes_the_presidency_in_office():
    outgoing = PresidencyFactory(
        starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31)
    )
    incoming = presidency_hand_over(
        country=CountryFactory(iso_code="QZ"),
        starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2027, 6, 30),
        meeting_number="XXXII",
    )
    outgoing.refresh_from_db()
    assert outgoing.ends_on == datetime.date(2026, 6, 30)
    assert Presidency.objects.current(today=datetime.date(2026, 8, 1)) == incoming

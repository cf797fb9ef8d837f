"""A group's half-year with known answers, for the Presidency's report."""

import datetime

from documents.models import Document
from focal_points.models import Country
from meetings.models import Activity, Decision, FollowUpNote, Meeting, MeetingDocument, WorkPlan
from tests.documents.factories import DocumentFactory
from tests.focal_points.factories import (
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)
from tests.meetings.factories import (
    ActivityFactory,
    DecisionFactory,
    IndicatorFactory,
    MeasurementFactory,
    MeetingFactory,
    WorkPlanFactory,
)

D = datetime.date
# The previous GRCM ended on 11 March 2024: the report covers 12 March to 20 September.
PERIOD = (D(2024, 3, 12), D(2024, 9, 20))
VERIFIED = D(2024, 6, 1)


def person(country: Country, *, verified=VERIFIED, **fields):
    return FocalPointFactory(
        institution=InstitutionFactory(country=country), last_verified_on=verified, **fields
    )


def build_report_world(world: dict) -> dict:
    """CR full (alternate stale), PA without alternate, MX and GT vacant; a plan; decisions."""
    cr, pa, mx, gt = (world[k] for k in ("country_a", "country_b", "ppt_country", "former_country"))
    group = WorkingGroupFactory(slug="gtmd-report", name_en="Report Group", name_es="Grupo Informe")
    other_group = WorkingGroupFactory()
    previous = MeetingFactory(
        slug="grcm-previous",
        kind=Meeting.Kind.GRCM,
        host_country=cr,
        starts_on=D(2024, 3, 10),
        ends_on=D(2024, 3, 11),
        status=Meeting.Status.HELD,
    )
    grcm = MeetingFactory(
        slug="grcm-report",
        kind=Meeting.Kind.GRCM,
        host_country=pa,
        title_en="XL GRCM meeting",
        title_es="XL Reunión del GRCM",
        starts_on=D(2024, 9, 20),
        ends_on=D(2024, 9, 21),
        presidency=world["presidency"],
        presidency_chosen=True,
    )
    # Seats: starts and ends exactly on the period's bounds count; the day before or after not.
    DesignationFactory(focal_point=person(cr), working_group=group, starts_on=D(2020, 1, 1))
    DesignationFactory(
        focal_point=person(cr, verified=None),
        working_group=group,
        role="alternate",
        starts_on=PERIOD[0],
    )
    DesignationFactory(
        focal_point=person(pa, verified=D(2024, 9, 1)),
        working_group=group,
        starts_on=D(2019, 1, 1),
        ends_on=PERIOD[1],
    )
    DesignationFactory(
        focal_point=person(pa),
        working_group=group,
        role="alternate",
        starts_on=D(2019, 1, 1),
        ends_on=D(2024, 3, 11),
    )
    DesignationFactory(focal_point=person(gt), working_group=group, starts_on=D(2024, 9, 21))
    DesignationFactory(focal_point=person(mx), working_group=other_group, starts_on=D(2024, 5, 1))
    # Meetings: one held in the period with a restricted and an internal document.
    held = MeetingFactory(
        slug="group-held",
        title_en="Group meeting held",
        host_country=cr,
        starts_on=D(2024, 6, 5),
        ends_on=D(2024, 6, 5),
        working_groups=[group],
        status=Meeting.Status.HELD,
    )
    restricted = DocumentFactory(
        title_en="Minutes of the group", distribution=Document.Distribution.RESTRICTED
    )
    internal = DocumentFactory(
        title_en="Internal note", distribution=Document.Distribution.INTERNAL
    )
    MeetingDocument.objects.create(meeting=held, document=restricted, role="minutes")
    MeetingDocument.objects.create(meeting=held, document=internal, role="other")
    MeetingFactory(
        slug="group-cancelled",
        host_country=cr,
        starts_on=D(2024, 7, 1),
        ends_on=D(2024, 7, 1),
        working_groups=[group],
        status=Meeting.Status.CANCELLED,
    )
    MeetingFactory(
        slug="group-before",
        host_country=cr,
        starts_on=D(2024, 3, 1),
        ends_on=D(2024, 3, 1),
        working_groups=[group],
        status=Meeting.Status.HELD,
    )
    # The plan: three activities, one indicator half-way (a later value is ignored).
    plan = WorkPlanFactory(working_group=group, title_en="Plan 2024-2025")
    WorkPlanFactory(working_group=group, status=WorkPlan.Status.DRAFT, title_en="Draft plan")
    done = ActivityFactory(plan=plan, status=Activity.Status.DONE, title_en="Database")
    ActivityFactory(plan=plan, status=Activity.Status.UNDER_WAY, title_en="Seminar")
    ActivityFactory(plan=plan, status=Activity.Status.PLANNED, title_en="Guide")
    half = IndicatorFactory(activity=done, baseline=2, target=12, description_en="Seats filled")
    MeasurementFactory(indicator=half, measured_on=D(2024, 5, 1), value=4)
    MeasurementFactory(indicator=half, measured_on=D(2024, 9, 1), value=7)
    MeasurementFactory(indicator=half, measured_on=D(2024, 10, 1), value=11)
    unmeasured = IndicatorFactory(activity=done, description_en="Guides printed")
    # Decisions: one addressed to the group (a note in the period), one to another group.
    recommendation = DecisionFactory(
        meeting=previous,
        number=2,
        working_groups=[group],
        text_en="Designate focal points in the ministries of labour.",
        text_es="Designar puntos focales en los ministerios de trabajo.",
        follow_up_status=Decision.FollowUp.IN_PROGRESS,
    )
    FollowUpNote.objects.create(decision=recommendation, noted_on=D(2024, 5, 2), text_es="Avance.")
    FollowUpNote.objects.create(decision=recommendation, noted_on=D(2024, 1, 2), text_es="Antes.")
    DecisionFactory(meeting=previous, number=3, working_groups=[other_group])
    return {
        "group": group, "grcm": grcm, "previous": previous, "plan": plan, "half": half,
        "unmeasured": unmeasured, "recommendation": recommendation, "held": held,
    }  # fmt: skip

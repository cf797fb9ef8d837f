"""Demo work plans with activities, goals and measurements, and a register of decisions."""

from datetime import date, timedelta
from decimal import Decimal

import pghistory
from django.db import transaction
from django.utils import timezone

from documents.models import ThematicAxis
from focal_points.models import Country, WorkingGroup
from meetings import services
from meetings.models import (
    Activity,
    Decision,
    FollowUpNote,
    Indicator,
    Measurement,
    Meeting,
    WorkPlan,
)

DEMO_REASON = "demo data"

# (slug, kind, number, start, end, Spanish title, English title): the meetings the XX CRM's
# concept note cites; only their month is shown.
CITED_MEETINGS = [
    ("grcm-junio-2014", Meeting.Kind.GRCM, "", date(2014, 6, 1), date(2014, 6, 1),
     "Reunión del GRCM, junio de 2014", "GRCM meeting, June 2014"),
    ("xix-crm-2014", Meeting.Kind.VICE_MINISTERIAL, "XIX", date(2014, 6, 1), date(2014, 6, 1),
     "XIX Reunión Viceministerial de la CRM", "XIX Vice-Ministerial Meeting of the RCM"),
]  # fmt: skip

# (axis slug, Spanish title, English title, status, responsible ISO codes,
#  [(Spanish goal, English goal, Spanish unit, English unit, baseline, target, [values])])
GTMD_ACTIVITIES = [
    ("migration-and-development",
     "Base de datos de puntos focales del Grupo", "The Group's focal-point database",
     Activity.Status.DONE, ["GT", "HN"],
     [("Países con titular y alterno designados", "Countries with a principal and an alternate",
       "países", "countries", 3, 11, [5, 8, 10])]),
    ("migration-and-development",
     "Seminario regional sobre remesas y desarrollo productivo",
     "Regional seminar on remittances and productive development",
     Activity.Status.UNDER_WAY, ["MX", "SV"],
     [("Instituciones participantes", "Participating institutions", "instituciones",
       "institutions", 0, 30, [12])]),
    ("human-rights",
     "Guía de buenas prácticas de reintegración", "Guide to good practices in reintegration",
     Activity.Status.PLANNED, ["CR"],
     [("Capítulos redactados", "Chapters drafted", "capítulos", "chapters", 0, 6, [])]),
    ("migration-policy-and-management",
     "Intercambio de información estadística sobre migración laboral",
     "Exchange of statistical information on labour migration",
     Activity.Status.POSTPONED, ["CA", "US"], []),
]  # fmt: skip


def load() -> list[str]:
    """Create the demo plans and decisions where missing; change nothing that exists."""
    with transaction.atomic(), pghistory.context(reason=DEMO_REASON):
        meetings = _cited_meetings()
        plans = _load_plans()
        decisions = _load_decisions(meetings)
    return [f"Work plans: {plans} new demo plans; decisions: {decisions} new demo entries"]


def _cited_meetings() -> dict[str, Meeting]:
    meetings = {}
    for slug, kind, number, starts_on, ends_on, title_es, title_en in CITED_MEETINGS:
        meeting = Meeting.objects.filter(slug=slug).first() or services.meeting_schedule(
            meeting=Meeting(
                slug=slug,
                kind=kind,
                number=number,
                title_es=title_es,
                title_en=title_en,
                starts_on=starts_on,
                ends_on=ends_on,
                date_precision=Meeting.DatePrecision.MONTH,
                status=Meeting.Status.HELD,
            )
        )
        meetings[slug] = meeting
    return meetings


def _axis(slug: str) -> ThematicAxis | None:
    return ThematicAxis.objects.filter(slug=slug).first()


def _load_plans() -> int:
    gtmd = WorkingGroup.objects.filter(slug="gtmd").first()
    if gtmd is None or WorkPlan.objects.filter(working_group=gtmd).exists():
        return 0
    today = timezone.localdate()
    adopted_at = Meeting.objects.filter(slug="grcm-demo-pasada").first()
    plan = WorkPlan(
        working_group=gtmd,
        title_es="Plan de Trabajo del GTMD",
        title_en="Work Plan of the WGMD",
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year + 1, 12, 31),
        status=WorkPlan.Status.ADOPTED,
        adopted_at=adopted_at,
    )
    plan.full_clean()
    plan.save()
    for position, row in enumerate(GTMD_ACTIVITIES, start=1):
        axis, title_es, title_en, status, countries, goals = row
        activity = Activity.objects.create(
            plan=plan,
            position=position,
            title_es=title_es,
            title_en=title_en,
            thematic_axis=_axis(axis),
            status=status,
            planned_start=plan.starts_on + timedelta(days=60 * (position - 1)),
            planned_end=plan.starts_on + timedelta(days=60 * position + 120),
        )
        activity.responsible_countries.set(Country.objects.filter(iso_code__in=countries))
        if adopted_at is not None and status == Activity.Status.DONE:
            activity.meetings.add(adopted_at)
        for goal_es, goal_en, unit_es, unit_en, baseline, target, values in goals:
            indicator = Indicator.objects.create(
                activity=activity,
                description_es=goal_es,
                description_en=goal_en,
                unit_es=unit_es,
                unit_en=unit_en,
                baseline=Decimal(baseline),
                target=Decimal(target),
            )
            for index, value in enumerate(values):
                Measurement.objects.create(
                    indicator=indicator,
                    measured_on=today - timedelta(days=90 * (len(values) - index)),
                    value=Decimal(value),
                )
    consular = WorkingGroup.objects.filter(slug="rfe-pc").first()
    if consular is not None:
        WorkPlan.objects.create(
            working_group=consular,
            title_es="Plan de Trabajo de la Red de Protección Consular (borrador)",
            title_en="Work Plan of the Consular Protection Network (draft)",
            starts_on=date(today.year + 1, 1, 1),
            ends_on=date(today.year + 1, 12, 31),
        )
    return 2 if consular is not None else 1


def _load_decisions(meetings: dict[str, Meeting]) -> int:
    gtmd = WorkingGroup.objects.filter(slug="gtmd").first()
    recent = Meeting.objects.filter(slug="grcm-demo-pasada").first()
    entries = [
        (meetings["grcm-junio-2014"], Decision.Kind.RECOMMENDATION, 2, Decision.FollowUp.DONE,
         "Recomendar a los países miembros que designen puntos focales de migración y "
         "desarrollo en sus ministerios de trabajo, economía y relaciones exteriores.",
         "Recommend that member countries designate migration and development focal points "
         "in their ministries of labour, economy and foreign affairs."),
        (meetings["xix-crm-2014"], Decision.Kind.DECISION, 4, Decision.FollowUp.IN_PROGRESS,
         "Encomendar al Grupo de Trabajo sobre Migración y Desarrollo la preparación de una "
         "guía de reintegración productiva de las personas migrantes retornadas.",
         "Entrust the Working Group on Migration and Development with preparing a guide to "
         "the productive reintegration of returned migrants."),
        (recent, Decision.Kind.RECOMMENDATION, 1, Decision.FollowUp.PENDING,
         "Solicitar a la Presidencia Pro Tempore que presente el avance del Plan de Trabajo "
         "del GTMD en la próxima reunión del GRCM.",
         "Ask the Pro-Tempore Presidency to present the progress of the WGMD Work Plan at the "
         "next GRCM meeting."),
    ]  # fmt: skip
    created = 0
    guide = Activity.objects.filter(title_en__startswith="Guide to good practices").first()
    for meeting, kind, number, status, text_es, text_en in entries:
        if meeting is None or Decision.objects.filter(meeting=meeting, kind=kind, number=number):
            continue
        decision = Decision(
            meeting=meeting,
            kind=kind,
            number=number,
            text_es=text_es,
            text_en=text_en,
            follow_up_status=status,
        )
        decision.full_clean()
        decision.save()
        if gtmd is not None:
            decision.working_groups.add(gtmd)
        if guide is not None and kind == Decision.Kind.DECISION:
            decision.activities.add(guide)
        if status != Decision.FollowUp.PENDING:
            FollowUpNote.objects.create(
                decision=decision,
                noted_on=timezone.localdate() - timedelta(days=30),
                text_es="La Presidencia informó del avance al GRCM.",
                text_en="The Presidency reported progress to the GRCM.",
            )
        created += 1
    return created

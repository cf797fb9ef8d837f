"""The figures of the Presidency's report, each section read in a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone

from focal_points import access
from focal_points.models import Country, Designation, Presidency, WorkingGroup, stale_cutoff
from meetings.models import (
    Activity,
    Decision,
    FollowUpNote,
    Indicator,
    Measurement,
    Meeting,
    MeetingDocument,
    WorkPlan,
    progress_of,
)
from meetings.reports.communication import CommunicationTests, report_communication_tests

# Without a previous GRCM meeting, a report covers the year before the meeting.
DEFAULT_PERIOD_DAYS = 365
SEATS = (Designation.Role.PRINCIPAL, Designation.Role.ALTERNATE)


class SeatState:
    DESIGNATED = "designated"
    STALE = "stale"
    VACANT = "vacant"


@dataclass
class Period:
    starts_on: date
    ends_on: date


@dataclass
class CountryCoverage:
    """A member country's two seats in the group on the report's date."""

    country: Country
    principal: Designation | None = None
    alternate: Designation | None = None
    cutoff: date | None = None

    def _state(self, designation) -> str:
        if designation is None:
            return SeatState.VACANT
        verified = designation.focal_point.last_verified_on
        if verified is None or verified < self.cutoff:
            return SeatState.STALE
        return SeatState.DESIGNATED

    @property
    def principal_state(self) -> str:
        return self._state(self.principal)

    @property
    def alternate_state(self) -> str:
        return self._state(self.alternate)

    @property
    def is_vacant(self) -> bool:
        return self.principal is None and self.alternate is None


@dataclass
class IndicatorProgress:
    indicator: Indicator
    latest: Measurement | None

    @property
    def value(self) -> Decimal | None:
        return self.latest.value if self.latest else None

    @property
    def progress(self) -> float | None:
        return progress_of(
            baseline=self.indicator.baseline, target=self.indicator.target, value=self.value
        )

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else round(self.progress * 100)


@dataclass
class ActivityLine:
    activity: Activity
    indicators: list[IndicatorProgress] = field(default_factory=list)


@dataclass
class PlanSection:
    plan: WorkPlan
    activities: list[ActivityLine] = field(default_factory=list)

    @property
    def by_status(self) -> list[tuple[str, str, int]]:
        counts = Counter(line.activity.status for line in self.activities)
        return [(value, label, counts.get(value, 0)) for value, label in Activity.Status.choices]


@dataclass
class Report:
    working_group: WorkingGroup
    meeting: Meeting
    period: Period
    presidency: Presidency | None
    coverage: list[CountryCoverage]
    started: list[Designation]
    ended: list[Designation]
    meetings: list[Meeting]
    plans: list[PlanSection]
    decisions: list[Decision]
    as_of: date | None = None
    presidency_text: str = ""
    communication: CommunicationTests = field(default_factory=CommunicationTests)

    @property
    def indicators(self) -> list[IndicatorProgress]:
        return [item for plan in self.plans for line in plan.activities for item in line.indicators]

    @property
    def vacant_countries(self) -> int:
        return sum(row.is_vacant for row in self.coverage)

    def summary(self) -> dict:
        """The figures as plain data, kept with a published version."""
        return {
            "period": [self.period.starts_on.isoformat(), self.period.ends_on.isoformat()],
            "coverage": {
                row.country.iso_code: [row.principal_state, row.alternate_state]
                for row in self.coverage
            },
            "designations_started": len(self.started),
            "designations_ended": len(self.ended),
            "meetings": [meeting.slug for meeting in self.meetings],
            "activities": {
                plan.plan.pk: {value: count for value, _label, count in plan.by_status}
                for plan in self.plans
            },
            "indicators": {
                item.indicator.pk: None if item.value is None else str(item.value)
                for item in self.indicators
            },
            "decisions": {decision.pk: decision.follow_up_status for decision in self.decisions},
            "communication_tests": self.communication.summary(),
        }


def grcm_meetings():
    """GRCM meetings, latest first: the meetings a report is presented to."""
    return Meeting.objects.filter(kind=Meeting.Kind.GRCM).order_by("-starts_on", "-pk")


def default_period(meeting: Meeting) -> Period:
    """From the day after the previous GRCM meeting until the meeting starts."""
    previous = grcm_meetings().filter(starts_on__lt=meeting.starts_on).first()
    if previous is not None:
        starts_on = min(previous.ends_on + timedelta(days=1), meeting.starts_on)
    else:
        starts_on = meeting.starts_on - timedelta(days=DEFAULT_PERIOD_DAYS)
    return Period(starts_on=starts_on, ends_on=meeting.starts_on)


def report_coverage(*, working_group, on: date) -> list[CountryCoverage]:
    """Each member country's principal and alternate on a day (two queries)."""
    rows = {
        country.pk: CountryCoverage(country=country, cutoff=stale_cutoff(on))
        for country in Country.objects.members().by_name()
    }
    seats = (
        Designation.objects.current(on)
        .filter(working_group=working_group, role__in=SEATS, focal_point__is_active=True)
        .select_related("focal_point")
        .order_by("starts_on", "pk")
    )
    for designation in seats:
        row = rows.get(designation.country_id)
        if row is not None:
            # The latest start holds the seat (alternates: the newest is shown).
            setattr(row, designation.role, designation)
    return list(rows.values())


def report_changes(*, working_group, period: Period) -> tuple[list, list]:
    """Designations of the group started, and ended, within the period (one query)."""
    within_start = Q(starts_on__gte=period.starts_on, starts_on__lte=period.ends_on)
    within_end = Q(ends_on__gte=period.starts_on, ends_on__lte=period.ends_on)
    rows = list(
        Designation.objects.filter(working_group=working_group)
        .filter(within_start | within_end)
        .select_related("focal_point", "country")
        .order_by("country__iso_code", "starts_on", "pk")
    )
    started = [d for d in rows if period.starts_on <= d.starts_on <= period.ends_on]
    ended = [d for d in rows if d.ends_on and period.starts_on <= d.ends_on <= period.ends_on]
    return started, ended


def report_meetings(*, working_group, period: Period, until: date) -> list[Meeting]:
    """The group's meetings and seminars held in the period, with their documents (two queries)."""
    links = (
        MeetingDocument.objects.filter(document__distribution__in=access.MEMBER_DISTRIBUTIONS)
        .select_related("document")
        .defer("document__search_text", "document__search_vector")
    )
    return list(
        Meeting.objects.filter(
            working_groups=working_group,
            starts_on__gte=period.starts_on,
            starts_on__lte=until,
        )
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.POSTPONED])
        .select_related("host_country")
        .prefetch_related(Prefetch("document_links", queryset=links, to_attr="report_links"))
        .order_by("starts_on", "pk")
    )


def report_plans(*, working_group, period: Period) -> list[PlanSection]:
    """The group's plans in force in the period: activities, indicators, progress (5 queries)."""
    measurements = Measurement.objects.filter(measured_on__lte=period.ends_on).order_by(
        "measured_on", "pk"
    )
    indicators = Indicator.objects.prefetch_related(
        Prefetch("measurements", queryset=measurements, to_attr="known_values")
    )
    activities = Activity.objects.select_related("thematic_axis").prefetch_related(
        "responsible_countries",
        Prefetch("indicators", queryset=indicators, to_attr="report_indicators"),
    )
    plans = (
        WorkPlan.objects.of_group(working_group)
        .exclude(status=WorkPlan.Status.DRAFT)
        .filter(starts_on__lte=period.ends_on, ends_on__gte=period.starts_on)
        .prefetch_related(Prefetch("activities", queryset=activities, to_attr="report_activities"))
        .order_by("starts_on", "pk")
    )
    sections = []
    for plan in plans:
        section = PlanSection(plan=plan)
        for activity in plan.report_activities:
            line = ActivityLine(activity=activity)
            for indicator in activity.report_indicators:
                latest = indicator.known_values[-1] if indicator.known_values else None
                line.indicators.append(IndicatorProgress(indicator=indicator, latest=latest))
            section.activities.append(line)
        sections.append(section)
    return sections


def report_decisions(*, working_group, period: Period) -> list[Decision]:
    """Decisions addressed to the group up to the period's end, with the period's notes."""
    notes = FollowUpNote.objects.filter(
        noted_on__gte=period.starts_on, noted_on__lte=period.ends_on
    ).order_by("noted_on", "pk")
    return list(
        Decision.objects.addressed_to(working_group)
        .filter(meeting__starts_on__lte=period.ends_on)
        .select_related("meeting")
        .prefetch_related(Prefetch("follow_up_notes", queryset=notes, to_attr="period_notes"))
        .order_by("meeting__starts_on", "meeting_id", "kind", "number")
    )


def presidency_report(
    *, working_group, meeting: Meeting, period: Period | None = None, presidency_text: str = ""
) -> Report:
    """Gather every section of the report on a group to a GRCM meeting."""
    period = period or default_period(meeting)
    today = timezone.localdate()
    # A report written before its meeting shows the seats and meetings as they stand today.
    as_of = min(period.ends_on, today)
    started, ended = report_changes(working_group=working_group, period=period)
    presidencies = Presidency.objects.select_related("country")
    if meeting.presidency_id:
        presidency = presidencies.filter(pk=meeting.presidency_id).first()
    else:
        # A meeting not yet held may fall after today's presidency: it writes the report.
        presidency = presidencies.on(min(meeting.starts_on, today)).first()
    return Report(
        working_group=working_group,
        meeting=meeting,
        period=period,
        presidency=presidency,
        coverage=report_coverage(working_group=working_group, on=as_of),
        as_of=as_of,
        started=started,
        ended=ended,
        meetings=report_meetings(working_group=working_group, period=period, until=as_of),
        plans=report_plans(working_group=working_group, period=period),
        decisions=report_decisions(working_group=working_group, period=period),
        presidency_text=presidency_text,
        communication=report_communication_tests(
            working_group=working_group,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            today=today,
        ),
    )

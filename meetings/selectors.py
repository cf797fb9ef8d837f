"""Reads shared by the meeting pages, the calendars and the home page."""

from collections import OrderedDict
from dataclasses import dataclass

from django.contrib.postgres.search import SearchRank
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from core.text import fold
from documents.selectors import document_search_query
from focal_points.models import Designation
from meetings.models import (
    Activity,
    AgendaItem,
    Decision,
    Indicator,
    Measurement,
    Meeting,
    MeetingDocument,
    Participant,
    WorkPlan,
)

HOME_MEETINGS = 3


@dataclass
class MeetingFilters:
    """What a visitor asked the meeting list for (all of it travels in the query string)."""

    kind: str = ""
    year: int | None = None
    country: object = None
    working_group: object = None


def document_model():
    """Return the library's Document model, reached through the relation (no import)."""
    return MeetingDocument._meta.get_field("document").related_model


def visible_documents(user) -> QuerySet:
    """Return the library's documents this user may see, by the library's own rule."""
    return document_model().objects.visible_to(user)


def meeting_list(*, user, filters: MeetingFilters, past: bool = False) -> QuerySet:
    """Return the upcoming (or past) meetings a user may see, filtered as asked."""
    visible = Meeting.objects.visible_to(user)
    queryset = visible.past() if past else visible.upcoming()
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.year:
        queryset = queryset.filter(starts_on__year=filters.year)
    if filters.country is not None:
        queryset = queryset.filter(host_country=filters.country)
    if filters.working_group is not None:
        queryset = queryset.filter(working_groups=filters.working_group)
    return queryset.for_listing()


def meeting_years(*, user) -> list[int]:
    """Return the years in which the user's visible meetings start, latest first."""
    days = Meeting.objects.visible_to(user).order_by().dates("starts_on", "year", order="DESC")
    return [day.year for day in days]


def next_meetings(*, user, limit: int = HOME_MEETINGS) -> list[Meeting]:
    """Return the next meetings the user may see, for the home page."""
    return list(
        Meeting.objects.visible_to(user)
        .upcoming()
        .exclude(status=Meeting.Status.CANCELLED)
        .for_listing()[:limit]
    )


def meeting_agenda(*, meeting: Meeting, user) -> list[AgendaItem]:
    """Return the meeting's agenda, each item with only the documents the user may see."""
    return list(
        meeting.agenda_items.select_related("presenter").prefetch_related(
            Prefetch(
                "documents",
                queryset=visible_documents(user).defer("search_text", "search_vector"),
                to_attr="visible_documents",
            )
        )
    )


def meeting_documents_by_role(*, meeting: Meeting, user) -> list[tuple[str, list]]:
    """Return (role label, documents) pairs of what the user may see, in the roles' order."""
    visible = visible_documents(user).values("pk")
    links = (
        meeting.document_links.filter(document__in=visible)
        .select_related("document")
        .defer("document__search_text", "document__search_vector")
        .order_by("position", "pk")
    )
    grouped: dict[str, list] = OrderedDict((role, []) for role in MeetingDocument.Role.values)
    for link in links:
        grouped[link.role].append(link.document)
    labels = dict(MeetingDocument.Role.choices)
    return [(labels[role], documents) for role, documents in grouped.items() if documents]


def meeting_participants(*, meeting: Meeting, user) -> list[Participant] | None:
    """Return the participants the user may see, by delegation; None if they may see none."""
    rows = Participant.objects.visible_to(user)
    if rows.query.is_empty():
        return None
    return list(
        rows.filter(meeting=meeting)
        .attending()
        .select_related("delegation_country", "focal_point__institution")
        .order_by("delegation_country__iso_code", "delegation_other", "role", "pk")
    )


def group_calendar_meetings(*, working_group) -> QuerySet:
    """Return the public meetings of one working group, for its calendar feed."""
    return Meeting.objects.visible_to(None).filter(working_groups=working_group).for_calendar()


def personal_calendar_meetings(*, focal_point, user) -> QuerySet:
    """Return the meetings of the groups a focal point sits in (members-only ones too)."""
    today = timezone.localdate()
    groups = Designation.objects.open(today).filter(focal_point=focal_point).values("working_group")
    attending = Participant.objects.filter(focal_point=focal_point).values("meeting")
    return (
        Meeting.objects.visible_to(user)
        .filter(Q(working_groups__in=groups) | Q(pk__in=attending))
        .distinct()
        .for_calendar()
    )


# -- work plans and the register of decisions ------------------------------------------------


@dataclass
class DecisionFilters:
    """What a visitor asked the register for (all of it travels in the query string)."""

    text: str = ""
    kind: str = ""
    follow_up: str = ""
    working_group: object = None


def group_plans(*, user, working_group) -> list[WorkPlan]:
    """Return the group's work plans the user may read, latest first."""
    return list(
        WorkPlan.objects.visible_to(user)
        .of_group(working_group)
        .select_related("adopted_at")
        .order_by("-starts_on", "-pk")
    )


def plan_activities(*, plan: WorkPlan) -> list[Activity]:
    """Return a plan's activities with their axis, countries and indicators' latest values."""
    measurements = Measurement.objects.order_by("measured_on", "pk")
    indicators = Indicator.objects.prefetch_related(
        Prefetch("measurements", queryset=measurements, to_attr="known_values")
    )
    return list(
        plan.activities.select_related("thematic_axis").prefetch_related(
            "responsible_countries",
            Prefetch("indicators", queryset=indicators, to_attr="plan_indicators"),
        )
    )


def decision_register(*, user, filters: DecisionFilters) -> QuerySet:
    """Return the decisions a user may see, searched (accent-insensitive) and filtered."""
    queryset = Decision.objects.visible_to(user).select_related("meeting")
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.follow_up:
        queryset = queryset.filter(follow_up_status=filters.follow_up)
    if filters.working_group is not None:
        queryset = queryset.filter(working_groups=filters.working_group)
    if fold(filters.text.strip()):
        query = document_search_query(filters.text)
        queryset = (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-meeting__starts_on", "kind", "number")
        )
    else:
        queryset = queryset.order_by("-meeting__starts_on", "meeting_id", "kind", "number")
    return queryset.prefetch_related("working_groups")


def meeting_decisions(*, meeting: Meeting, user) -> list[Decision]:
    """Return a meeting's decisions and recommendations the user may see, in order."""
    return list(
        Decision.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("meeting")
        .order_by("kind", "number")
    )

"""Resolve a circular's criteria to people: each once, those without an e-mail apart."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from focal_points.models import Designation, FocalPoint
from meetings.models import Circular, Invitation


@dataclass
class Recipients:
    """The people a circular would go to, and those it cannot reach (no e-mail)."""

    people: list[FocalPoint] = field(default_factory=list)
    without_email: list[FocalPoint] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.people)


def _criteria(circular: Circular) -> tuple[list[int], list[int]]:
    if circular.pk is None:
        return [], []
    groups = list(circular.working_groups.values_list("pk", flat=True))
    countries = list(circular.countries.values_list("pk", flat=True))
    return groups, countries


def recipients_filter(circular: Circular, *, today: date | None = None) -> Q | None:
    """Return the Q of the focal points a circular's criteria choose, or None for nobody."""
    groups, countries = _criteria(circular)
    roles = [role for role in circular.roles if role in Designation.Role.values]
    chosen = None
    # Seats: the groups', countries' and roles' current designations, whichever are chosen
    # (countries alone mean every seat of those countries, unless a meeting narrows them).
    if groups or roles or (countries and circular.meeting_id is None):
        seats = Designation.objects.current(today)
        if groups:
            seats = seats.filter(working_group_id__in=groups)
        if countries:
            seats = seats.filter(country_id__in=countries)
        if roles:
            seats = seats.filter(role__in=roles)
        chosen = Q(pk__in=seats.values("focal_point_id"))
    if circular.meeting_id is not None:
        invitees = Invitation.objects.filter(meeting_id=circular.meeting_id)
        if countries:
            invitees = invitees.filter(
                Q(country_id__in=countries) | Q(focal_point__institution__country_id__in=countries)
            )
        invited = Q(pk__in=invitees.values("focal_point_id"))
        chosen = invited if chosen is None else chosen | invited
    return chosen


def circular_recipients(circular: Circular, *, today: date | None = None) -> Recipients:
    """Return who a circular would reach now: active people chosen by its criteria."""
    chosen = recipients_filter(circular, today=today)
    if chosen is None:
        return Recipients()
    people = list(
        FocalPoint.objects.active().filter(chosen).select_related("institution__country").by_name()
    )
    return Recipients(
        people=[p for p in people if p.email.strip()],
        without_email=[p for p in people if not p.email.strip()],
    )

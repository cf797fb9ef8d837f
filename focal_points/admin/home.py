"""The staff home: what needs attention today, counted within what the user may read."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import ngettext

from focal_points import access
from focal_points.admin.filters import DUE_WITHIN
from focal_points.models import (
    ChangeRequest,
    Country,
    Designation,
    FocalPoint,
    WorkingGroup,
    stale_cutoff,
)


@dataclass(frozen=True)
class AttentionItem:
    key: str
    count: int
    label: str
    url: str


def _seats(user) -> tuple[int, int]:
    """Return (seats, seats with a principal in office) of member countries in active groups."""
    country_id = access.coordinator_country_id(user)
    members = Country.objects.members()
    if country_id is not None:
        members = members.filter(pk=country_id)
    groups = WorkingGroup.objects.active()
    seats = members.count() * groups.count()
    filled = (
        Designation.objects.visible_to(user)
        .current()
        .principals()
        .filter(country__in=members, working_group__in=groups)
        .values("country_id", "working_group_id")
        .distinct()
        .count()
    )
    return seats, filled


def attention_items(user) -> list[AttentionItem]:
    """Count vacant seats, stale or unreachable entries, verifications due, change requests."""
    items: list[AttentionItem] = []
    if user.has_perm("focal_points.view_designation"):
        seats, filled = _seats(user)
        vacant = seats - filled
        items.append(
            AttentionItem(
                "vacant",
                vacant,
                ngettext("seat without a principal", "seats without a principal", vacant),
                reverse("admin:focal_points_coverage"),
            )
        )
    if user.has_perm("focal_points.view_focalpoint"):
        cutoff = stale_cutoff()
        due_soon = Q(last_verified_on__gte=cutoff, last_verified_on__lt=cutoff + DUE_WITHIN)
        counts = (
            FocalPoint.objects.visible_to(user)
            .active()
            .aggregate(
                stale=Count(
                    "pk", filter=Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=cutoff)
                ),
                due=Count("pk", filter=due_soon),
                unreachable=Count("pk", filter=Q(unreachable_since__isnull=False)),
            )
        )
        people = reverse("admin:focal_points_focalpoint_changelist")
        items += [
            AttentionItem(
                "stale",
                counts["stale"],
                ngettext(
                    "entry not verified in 12 months",
                    "entries not verified in 12 months",
                    counts["stale"],
                ),
                f"{people}?is_active__exact=1&stale=yes",
            ),
            AttentionItem(
                "due",
                counts["due"],
                ngettext(
                    "verification due within 30 days",
                    "verifications due within 30 days",
                    counts["due"],
                ),
                f"{people}?is_active__exact=1&stale=due",
            ),
            AttentionItem(
                "unreachable",
                counts["unreachable"],
                ngettext(
                    "person unreachable in a communication test",
                    "people unreachable in a communication test",
                    counts["unreachable"],
                ),
                f"{people}?is_active__exact=1&unreachable=yes",
            ),
        ]
    if user.has_perm("focal_points.view_changerequest"):
        waiting = ChangeRequest.objects.visible_to(user).open().count()
        items.append(
            AttentionItem(
                "requests",
                waiting,
                ngettext("change request waiting", "change requests waiting", waiting),
                reverse("admin:focal_points_changerequest_changelist") + "?handled=no",
            )
        )
    return items

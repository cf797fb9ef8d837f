"""Reads of the invitation flow: who would be invited, per delegation; the reply board."""

from dataclasses import dataclass, field

from core.models import localized_sort_key
from focal_points.models import Country, Designation, FocalPoint
from meetings.models import Invitation, Meeting, Participant

INVITED_ROLES = (Designation.Role.PRINCIPAL, Designation.Role.ALTERNATE)


@dataclass
class Invitee:
    """One person the preview proposes, with the seat they are invited for."""

    focal_point: FocalPoint
    country: Country | None
    roles: list[str] = field(default_factory=list)
    already_invited: bool = False


@dataclass
class Delegation:
    """A country (or no country) and the people of it."""

    country: Country | None
    invitees: list[Invitee] = field(default_factory=list)

    @property
    def new_invitees(self) -> list[Invitee]:
        return [invitee for invitee in self.invitees if not invitee.already_invited]


@dataclass
class InvitationPlan:
    """What confirming would do: new invitees by delegation, and who has nobody to invite."""

    delegations: list[Delegation]
    countries_without_anyone: list[Country]

    @property
    def new_invitees(self) -> list[tuple[int, int | None]]:
        """Return (focal point id, delegation country id) of each person not yet invited."""
        return [
            (i.focal_point.pk, i.country.pk if i.country else None)
            for d in self.delegations
            for i in d.new_invitees
        ]

    @property
    def already_invited_count(self) -> int:
        return sum(1 for d in self.delegations for i in d.invitees if i.already_invited)


def _members() -> list[Country]:
    return list(Country.objects.members().order_by(localized_sort_key("name"), "pk"))


def _group(invitees: dict[int, Invitee], members: list[Country]) -> InvitationPlan:
    by_country: dict[int | None, Delegation] = {}
    for invitee in sorted(invitees.values(), key=lambda i: i.focal_point.full_name.lower()):
        key = invitee.country.pk if invitee.country else None
        by_country.setdefault(key, Delegation(invitee.country)).invitees.append(invitee)
    ordered = [by_country.pop(country.pk) for country in members if country.pk in by_country]
    # Observers and people without a country come after the member countries.
    ordered += sorted(by_country.values(), key=lambda d: str(d.country or "~"))
    covered = {d.country.pk for d in ordered if d.country}
    return InvitationPlan(ordered, [country for country in members if country.pk not in covered])


def invitation_plan(
    *, meeting: Meeting, roles=INVITED_ROLES, focal_points=None, today=None
) -> InvitationPlan:
    """Return who would be invited: the seats of the meeting's groups, or the people chosen."""
    invited = set(meeting.invitations.values_list("focal_point_id", flat=True))
    invitees: dict[int, Invitee] = {}
    if focal_points is None:
        seats = (
            Designation.objects.current(today)
            .filter(
                working_group__in=meeting.working_groups.all(),
                role__in=roles,
                focal_point__is_active=True,
            )
            .select_related("focal_point", "country")
            .order_by("pk")
        )
        for seat in seats:
            invitee = invitees.setdefault(
                seat.focal_point_id,
                Invitee(seat.focal_point, seat.country, [], seat.focal_point_id in invited),
            )
            label = seat.get_role_display()
            if label not in invitee.roles:
                invitee.roles.append(label)
    else:
        people = FocalPoint.objects.active().filter(pk__in=[p.pk for p in focal_points])
        for person in people.select_related("institution__country"):
            invitees[person.pk] = Invitee(person, person.country, [], person.pk in invited)
    return _group(invitees, _members())


@dataclass
class BoardLine:
    """One invitation as the reply board shows it."""

    invitation: Invitation
    substitute: Participant | None


@dataclass
class BoardDelegation:
    country: Country | None
    lines: list[BoardLine]
    coming: list[str]

    @property
    def answered(self) -> bool:
        return any(line.invitation.answer for line in self.lines)


@dataclass
class ReplyBoard:
    delegations: list[BoardDelegation]
    counts: dict[str, int]
    countries_not_answered: list[Country]
    countries_not_invited: list[Country]


def reply_board(*, meeting: Meeting, user) -> ReplyBoard:
    """Return the answers per delegation: who comes, who has not answered, who was not asked."""
    invitations = list(
        Invitation.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("focal_point__institution", "country", "substitute__focal_point")
        .order_by("country_id", "pk")
    )
    coming_by_country: dict[int | None, list[str]] = {}
    attending = (
        meeting.participants.attending()
        .select_related("focal_point", "delegation_country")
        .order_by("pk")
    )
    for participant in attending:
        coming_by_country.setdefault(participant.delegation_country_id, []).append(participant.name)
    counts = {"invited": len(invitations), "unanswered": 0, "failed": 0, "pending": 0}
    counts |= dict.fromkeys(Invitation.Answer.values, 0)
    by_country: dict[int | None, BoardDelegation] = {}
    for invitation in invitations:
        counts[invitation.answer or "unanswered"] += 1
        if invitation.state == Invitation.State.QUEUED:
            counts["pending"] += 1
        elif invitation.state != Invitation.State.SENT:  # failed, or bounced by the server
            counts["failed"] += 1
        delegation = by_country.setdefault(
            invitation.country_id,
            BoardDelegation(
                invitation.country, [], coming_by_country.get(invitation.country_id, [])
            ),
        )
        delegation.lines.append(BoardLine(invitation, invitation.substitute))
    members = _members()
    ordered = [by_country.pop(country.pk) for country in members if country.pk in by_country]
    ordered += list(by_country.values())
    invited_ids = {d.country.pk for d in ordered if d.country}
    return ReplyBoard(
        delegations=ordered,
        counts=counts,
        countries_not_answered=[d.country for d in ordered if d.country and not d.answered],
        countries_not_invited=[c for c in members if c.pk not in invited_ids],
    )

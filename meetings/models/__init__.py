"""The CRM's meetings: their dates and place, agendas, documents and delegations.

meeting.py  the meeting itself and its QuerySet (upcoming, past, visible_to)
parts.py    agenda items and the meeting's documents by role
people.py   participants (focal points or guests, by delegation) and calendar addresses
invitations.py  invitations: sending state, answers and reminders
"""

from meetings.models.invitations import Invitation
from meetings.models.meeting import (
    MEETING_ENDS_AFTER_START,
    NUMBERED_KINDS,
    Meeting,
    MeetingQuerySet,
    new_calendar_uid,
)
from meetings.models.parts import AgendaItem, MeetingDocument
from meetings.models.people import CalendarToken, Participant

__all__ = [
    "MEETING_ENDS_AFTER_START",
    "NUMBERED_KINDS",
    "AgendaItem",
    "CalendarToken",
    "Invitation",
    "Meeting",
    "MeetingDocument",
    "MeetingQuerySet",
    "Participant",
    "new_calendar_uid",
]

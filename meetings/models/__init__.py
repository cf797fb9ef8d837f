"""The CRM's meetings: their dates and place, agendas, documents and delegations.

meeting.py  the meeting itself and its QuerySet (upcoming, past, visible_to)
parts.py    agenda items and the meeting's documents by role
people.py   participants (focal points or guests, by delegation) and calendar addresses
invitations.py  invitations: sending state, answers and reminders
plans.py    work plans: activities, indicators (goals) and their measurements
decisions.py the register of decisions and recommendations, with follow-up notes
reports.py  the Presidency's published reports (frozen versions in the library)
circulars.py circulars and their delivery rows (one per recipient)
"""

from meetings.models.circulars import Circular, CircularDelivery
from meetings.models.decisions import Decision, FollowUpNote
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
from meetings.models.plans import Activity, Indicator, Measurement, WorkPlan, progress_of
from meetings.models.reports import ReportPublication

__all__ = [
    "Activity",
    "Circular",
    "CircularDelivery",
    "Decision",
    "FollowUpNote",
    "Indicator",
    "Measurement",
    "ReportPublication",
    "WorkPlan",
    "progress_of",
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

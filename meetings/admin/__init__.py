"""Meetings in the admin, for the Secretariat, the PPT in office and country coordinators.

base.py          history and revert for meeting records, the guarded inline form
meetings.py      meetings with their agenda, documents and participants inline; the copy
participants.py  the participant list, where coordinators manage their own delegation
plans.py         work plans, activities, indicators, decisions and published reports
circulars.py     circulars: compose, preview, send, progress and the delivery record
circular_deliveries.py  each recipient's row: mark bounced, send again
"""

from meetings.admin import (  # noqa: F401
    circular_deliveries,
    circulars,
    meetings,
    participants,
    plans,
)

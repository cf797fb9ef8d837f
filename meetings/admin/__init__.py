"""Meetings in the admin, for the Secretariat, the PPT in office and country coordinators.

base.py          history and revert for meeting records, the guarded inline form
meetings.py      meetings with their agenda, documents and participants inline; the copy
participants.py  the participant list, where coordinators manage their own delegation
plans.py         work plans, activities, indicators, decisions and published reports
"""

from meetings.admin import meetings, participants, plans  # noqa: F401

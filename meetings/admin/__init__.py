"""Meetings in the admin, for the Secretariat, the PPT in office and country coordinators.

base.py          history and revert for meeting records, the guarded inline form
meetings.py      meetings with their agenda, documents and participants inline; the copy
participants.py  the participant list, where coordinators manage their own delegation
plans.py         work plans, activities, indicators, decisions and published reports
circulars.py     circulars: compose, preview, send, progress; the delivery rows
"""

from meetings.admin import circulars, meetings, participants, plans  # noqa: F401

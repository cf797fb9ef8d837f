"""Meetings in the admin, for the Secretariat, the PPT in office and country coordinators.

base.py          history and revert for meeting records, the guarded inline form
meetings.py      meetings with their agenda, documents and participants inline; the copy
participants.py  the participant list, where coordinators manage their own delegation
"""

from meetings.admin import meetings, participants  # noqa: F401

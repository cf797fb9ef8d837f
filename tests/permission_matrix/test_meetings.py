"""Meetings, calendars, invitations, work plans and the Presidency's report, per role.

Rows for a new page of the meetings app, public or admin, go in PAGES below.
"""

import pytest
from django.urls import reverse

from meetings.circulars.links import circular_confirm_token
from tests.permission_matrix.roles import (
    CIRCULAR_COUNTS,
    CIRCULAR_READ,
    CIRCULAR_SEND,
    DIRECTORY_EDITORS,
    DRAFT_PLAN,
    FOCAL_POINT_ONLY,
    MEETING_EDIT,
    NOT_FOUND,
    OWN_CIRCULAR,
    PUBLIC,
    REPORT_PRODUCERS,
    RESTRICTED,
    STAFF_ADMIN_READ,
    STAFF_ROLES,
    cases,
    check_page,
    row,
    url,
)

pytestmark = pytest.mark.django_db

# fmt: off
PAGES = [
    # Meetings: public ones for everyone; a members-only meeting does not exist for visitors
    # (404, in lists and feeds too). Participants are listed to members and staff, their
    # contact details shown to staff only.
    row("meetings", url("meetings:list"), *PUBLIC),
    row("past meetings", url("meetings:past"), *PUBLIC),
    row("public meeting", url("meetings:detail", "meeting_public", attribute="slug"), *PUBLIC,
        sees_a=STAFF_ROLES),
    row("members-only meeting", url("meetings:detail", "meeting_closed", attribute="slug"),
        *RESTRICTED, sees_a=STAFF_ROLES),
    row("public meeting .ics", url("meetings:ics", "meeting_public", attribute="slug"), *PUBLIC),
    row("members-only meeting .ics", url("meetings:ics", "meeting_closed", attribute="slug"),
        *RESTRICTED),
    row("meetings calendar", url("meetings:calendar"), *PUBLIC),
    row("calendar of A's group", url("meetings:group_calendar", "group_a", attribute="slug"),
        *PUBLIC),
    row("my calendar address", url("meetings:calendar_address"), *FOCAL_POINT_ONLY),
    # The personal feed answers its secret address, whoever asks; revoked, it is gone.
    row("personal calendar of A",
        url("meetings:personal_calendar", "calendar_token_a", attribute="token"), *PUBLIC,
        capability=True),
    row("revoked calendar of A",
        url("meetings:personal_calendar", "revoked_calendar_token_a", attribute="token"),
        *NOT_FOUND),
    row("forged calendar address",
        lambda world: reverse("meetings:personal_calendar", args=["forged-" + "x" * 37]),
        *NOT_FOUND, url_name="meetings:personal_calendar"),
    # "Copy this meeting" for the next edition: those who edit meetings.
    row("admin copy of the public meeting", url("admin:meetings_meeting_copy", "meeting_public"),
        *MEETING_EDIT, sees_a=STAFF_ROLES),
    row("admin copy of the members-only meeting",
        url("admin:meetings_meeting_copy", "meeting_closed"), *MEETING_EDIT, sees_a=STAFF_ROLES),
    row("admin members-only meeting", url("admin:meetings_meeting_change", "meeting_closed"),
        *STAFF_ADMIN_READ, sees_a=STAFF_ROLES),
    # Invitations: the answer page opens with its secret key, whoever holds it; a forged key
    # is not found. Editors invite and import the attendance; every staff role reads replies.
    row("invitation reply of A",
        url("meetings:invitation_reply", "invitation_a", attribute="token"), *PUBLIC,
        capability=True),
    row("forged invitation reply",
        lambda world: reverse("meetings:invitation_reply", args=["forged-" + "x" * 36]),
        *NOT_FOUND, url_name="meetings:invitation_reply"),
    row("admin invite to the public meeting",
        url("admin:meetings_meeting_invite", "meeting_public"), *MEETING_EDIT),
    row("admin replies to the public meeting",
        url("admin:meetings_meeting_replies", "meeting_public"), *STAFF_ADMIN_READ),
    row("admin attendance list of the public meeting",
        url("admin:meetings_meeting_attendance", "meeting_public"), *MEETING_EDIT),
    # A guest comes for no country: every staff role reads the row, with the e-mail.
    row("admin guest participant", url("admin:meetings_participant_change", "guest"),
        *STAFF_ADMIN_READ, sees_a=STAFF_ROLES),
    # Work plans: adopted ones public; a draft for the group's members and staff.
    row("work plans of A's group", url("meetings:plan_list", "group_a", attribute="slug"),
        *PUBLIC),
    row("adopted plan of A's group", lambda world: world["plan_adopted"].get_absolute_url(),
        *PUBLIC, url_name="meetings:plan_detail"),
    row("draft plan of A's group", lambda world: world["plan_draft"].get_absolute_url(),
        *DRAFT_PLAN, url_name="meetings:plan_detail"),
    row("decisions and recommendations", url("meetings:decisions"), *PUBLIC),
    # The Presidency's report and the handover: the PPT in office and the Secretariat.
    row("reports of the presidency", url("meetings:report_index"), *REPORT_PRODUCERS),
    row("report on A's group",
        lambda world: reverse("meetings:report", args=[world["group_a"].slug])
        + f"?meeting={world['meeting_grcm'].slug}&language=en",
        *REPORT_PRODUCERS, sees_a=DIRECTORY_EDITORS, url_name="meetings:report"),
    row("report on A's group as PDF",
        lambda world: reverse("meetings:report_pdf", args=[world["group_a"].slug])
        + f"?meeting={world['meeting_grcm'].slug}",
        *REPORT_PRODUCERS, sees_a=DIRECTORY_EDITORS, url_name="meetings:report_pdf"),
    row("handover package", url("meetings:handover"), *REPORT_PRODUCERS,
        sees_a=DIRECTORY_EDITORS),
    # Circulars (tests/meetings/test_circulars_access.py has the pages' own answers).
    row("my circulars", url("meetings:circular_archive"), *FOCAL_POINT_ONLY),
    row("circular sent to A in the archive",
        url("meetings:circular_archive_detail", "circular_sent"), *OWN_CIRCULAR),
    row("confirm link of A's circular",
        lambda world: reverse("meetings:circular_confirm",
                              args=[circular_confirm_token(world["circular_delivery_a"])]),
        *PUBLIC, capability=True, url_name="meetings:circular_confirm"),
    row("forged confirm link", lambda world: reverse("meetings:circular_confirm", args=["x:y"]),
        *NOT_FOUND, url_name="meetings:circular_confirm"),
    row("admin preview of a draft circular",
        url("admin:meetings_circular_preview", "circular_draft"), *CIRCULAR_SEND),
    row("admin progress of the circular sent to A",
        url("admin:meetings_circular_progress", "circular_sent"), *CIRCULAR_READ),
    row("admin progress counts of the circular sent to A",
        url("admin:meetings_circular_progress_json", "circular_sent"), *CIRCULAR_COUNTS),
]
# fmt: on


@pytest.mark.parametrize(("page", "role"), cases(PAGES))
def test_page_answers_each_role_as_expected_and_refusals_leak_nothing(client, world, page, role):
    check_page(client, world, page, role)

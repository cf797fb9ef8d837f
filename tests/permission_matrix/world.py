"""The matrix's world: two countries' focal points, their coordinators, the PPT then and now,
the Secretariat, and one object of every kind the pages open, with a session per role.

The role groups carry the permissions the roles migration (accounts 0003) gives them.
"""

from datetime import date, timedelta
from uuid import uuid4

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from accounts.models import ContactExport
from documents.models import Document
from focal_points.access import COORDINATOR_GROUP, PPT_STAFF_GROUP, SECRETARIAT_GROUP
from focal_points.models import ChangeRequest, VerificationRequest
from focal_points.services import change_request_submit
from meetings.models import (
    CalendarToken,
    Circular,
    CircularDelivery,
    Invitation,
    Meeting,
    MeetingDocument,
    Participant,
    ReportPublication,
    WorkPlan,
)
from tests.accounts.factories import FocalPointUserFactory
from tests.documents.factories import DocumentFactory, DocumentFileFactory, ThematicAxisFactory
from tests.factories import StaffUserFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    PresidencyFactory,
    WorkingGroupFactory,
)
from tests.meetings.factories import (
    ActivityFactory,
    AgendaItemFactory,
    DecisionFactory,
    GuestFactory,
    IndicatorFactory,
    MeasurementFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    ParticipantFactory,
    WorkPlanFactory,
)
from tests.permission_matrix.roles import (
    A_EMAIL,
    A_PHONE,
    CLOSED_SLUG,
    CLOSED_TITLES,
    GUEST_EMAIL,
    GUEST_NAME,
    INTERNAL_TITLES,
    RESTRICTED_TITLES,
    VIRTUAL_LINK,
)


def axes_row(model, *, aged: bool = True):
    def make(world: dict):
        # Aged (fresh per case) and world rows differ: attempts are unique per agent and IP.
        agent = "matrix, aged" if aged else "matrix"
        fields = {"user_agent": agent, "ip_address": "203.0.113.9", "username": "someone"}
        fields |= {"http_accept": "*/*", "path_info": "/es/accounts/staff-sign-in/"}
        if model is AccessAttempt:
            fields |= {"get_data": "", "post_data": "", "failures_since_start": 1}
        obj = model.objects.create(**fields)
        if aged:
            # Older than the cool-off: the cleanup action would remove it if it ran (so would
            # a sign-in: axes cleans up on each; the cases reuse the world's sessions).
            model.objects.filter(pk=obj.pk).update(attempt_time=timezone.now() - timedelta(days=2))
        return obj

    return make


def queue_row(kind: str):
    def make(world: dict):
        # The task queue's tables (django-q2): a schedule, a queued message, a finished task.
        from django_q.models import OrmQ, Schedule, Task

        if kind == "schedule":
            return Schedule.objects.create(func="math.floor", args="1", name=f"matrix {uuid4()}")
        if kind == "ormq":
            return OrmQ.objects.create(key="matrix", payload="matrix", lock=None)
        return Task.objects.create(
            id=uuid4().hex,
            name=f"matrix {uuid4()}",
            func="math.floor",
            started=timezone.now(),
            stopped=timezone.now(),
            success=kind == "success",
        )

    return make


def role_group(name: str) -> Group:
    # Created with its permissions by the roles migration: fail loudly if it is missing.
    return Group.objects.get(name=name)


def staff(group_name: str, country) -> object:
    user = StaffUserFactory(country=country)
    user.groups.add(role_group(group_name))
    return user


def circular(**fields):
    return Circular.objects.create(
        subject_es="Circular de la matriz", body_es="Texto", single_language=True, **fields
    )


def circular_delivery(world: dict, state: str, circular_sent=None):
    sent = {"sent_at": timezone.now()} if state == "sent" else {}
    circular_sent = circular_sent or circular(status="sending", queued_at=timezone.now())
    return CircularDelivery.objects.create(
        circular=circular_sent, focal_point=world["focal_point_a"], email=A_EMAIL, language="es",
        state=state, **sent,
    )  # fmt: skip


def _circulars(focal_point_a) -> dict:
    """A communication test sent to A (their row sent), and a draft."""
    sent = circular(
        status="sent", queued_at=timezone.now(), finished_at=timezone.now(),
        asks_confirmation=True, confirm_within_days=7,
    )  # fmt: skip
    delivery = circular_delivery({"focal_point_a": focal_point_a}, "sent", circular_sent=sent)
    return {"circular_sent": sent, "circular_delivery_a": delivery, "circular_draft": circular()}


def build_world() -> dict:
    """Two countries' focal points, their coordinators, the PPT then and now, the ST."""
    country_a = CountryFactory(iso_code="CR")
    country_b = CountryFactory(iso_code="PA")
    ppt_country = CountryFactory(iso_code="MX")
    former_ppt_country = CountryFactory(iso_code="GT")
    presidency = PresidencyFactory(country=ppt_country)
    PresidencyFactory(
        country=former_ppt_country, starts_on=date(2015, 1, 1), ends_on=date(2015, 12, 31)
    )
    institution_a = InstitutionFactory(country=country_a)
    focal_point_a = FocalPointFactory(institution=institution_a, email=A_EMAIL, phone=A_PHONE)
    focal_point_b = FocalPointFactory(institution=InstitutionFactory(country=country_b))
    group_a = WorkingGroupFactory()
    designation_a = DesignationFactory(focal_point=focal_point_a, working_group=group_a)
    designation_a.letter_file.save("oficio.pdf", ContentFile(b"%PDF-1.4 letter"))
    DesignationFactory(focal_point=focal_point_b, working_group=WorkingGroupFactory())
    change_request_a = change_request_submit(
        focal_point=focal_point_a, kind=ChangeRequest.Kind.LEFT_POST, successor_name="Sucesor"
    )
    verification_request_a = VerificationRequest.objects.create(
        focal_point=focal_point_a, sent_to=A_EMAIL
    )
    restricted_file = DocumentFileFactory(
        document__distribution=Document.Distribution.RESTRICTED,
        document__title_es=RESTRICTED_TITLES[0],
        document__title_en=RESTRICTED_TITLES[1],
    )
    internal_file = DocumentFileFactory(
        document__distribution=Document.Distribution.INTERNAL,
        document__title_es=INTERNAL_TITLES[0],
        document__title_en=INTERNAL_TITLES[1],
    )
    secretariat = staff(SECRETARIAT_GROUP, None)
    export_of_secretariat = ContactExport.objects.create(
        requested_by=secretariat,
        scope=ContactExport.Scope.GROUP,
        working_group=group_a,
        status=ContactExport.Status.READY,
        file=ContentFile(f"{A_EMAIL} {A_PHONE}".encode(), name="contacts.pdf"),
    )
    meetings = build_meetings(
        group_a=group_a,
        focal_point_a=focal_point_a,
        focal_point_b=focal_point_b,
        documents=[restricted_file.document, internal_file.document],
    )
    return {
        **meetings,
        "restricted_document": restricted_file.document,
        "internal_document": internal_file.document,
        "country_a": country_a,
        "institution_a": institution_a,
        "group_a": group_a,
        "focal_point_a": focal_point_a,
        "designation_a": designation_a,
        "presidency": presidency,
        "change_request_a": change_request_a,
        "verification_request_a": verification_request_a,
        "export_of_secretariat": export_of_secretariat,
        # Objects of the admins outside the directory, one each.
        "thematic_axis": ThematicAxisFactory(),
        "staff_user": StaffUserFactory(),
        "auth_group": Group.objects.create(name="Matrix readers"),
        "access_attempt": axes_row(AccessAttempt, aged=False)({}),
        "access_log": axes_row(AccessLog, aged=False)({}),
        "access_failure_log": axes_row(AccessFailureLog, aged=False)({}),
        "queue_schedule": queue_row("schedule")({}),
        "queue_message": queue_row("ormq")({}),
        "queue_success": queue_row("success")({}),
        "queue_failure": queue_row("failure")({}),
        **_circulars(focal_point_a),
        "users": {
            "anonymous": None,
            "focal_point_a": FocalPointUserFactory(focal_point=focal_point_a),
            "focal_point_b": FocalPointUserFactory(focal_point=focal_point_b),
            "coordinator_of_a": staff(COORDINATOR_GROUP, country_a),
            "coordinator_other": staff(COORDINATOR_GROUP, country_b),
            "ppt_current": staff(PPT_STAFF_GROUP, ppt_country),
            "ppt_former": staff(PPT_STAFF_GROUP, former_ppt_country),
            "secretariat": secretariat,
        },
    }


def build_meetings(*, group_a, focal_point_a, focal_point_b, documents) -> dict:
    """A public meeting of A's group with its people and documents, a members-only one."""
    today = timezone.localdate()
    restricted, internal = documents
    public = MeetingFactory(
        slug="reunion-publica-de-la-matriz",
        host_country=focal_point_a.institution.country,
        starts_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=11),
        working_groups=[group_a],
        modality=Meeting.Modality.HYBRID,
        virtual_link=VIRTUAL_LINK,
    )
    closed = MeetingFactory(
        slug=CLOSED_SLUG,
        title_es=CLOSED_TITLES[0],
        title_en=CLOSED_TITLES[1],
        distribution=Meeting.Distribution.MEMBERS,
        host_country=focal_point_b.institution.country,
        starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=20),
        working_groups=[group_a],
    )
    # The library's documents in the meeting, each shown to whoever may read it.
    MeetingDocumentFactory(meeting=public, document=restricted, role=MeetingDocument.Role.REPORT)
    MeetingDocumentFactory(meeting=public, document=internal, role=MeetingDocument.Role.MINUTES)
    AgendaItemFactory(meeting=public, position=1).documents.set([restricted, internal])
    participant_a = ParticipantFactory(
        meeting=public, focal_point=focal_point_a, role=Participant.Role.HEAD_OF_DELEGATION
    )
    ParticipantFactory(meeting=public, focal_point=focal_point_b)
    ParticipantFactory(meeting=closed, focal_point=focal_point_a)
    guest = GuestFactory(meeting=public, guest_name=GUEST_NAME, guest_email=GUEST_EMAIL)
    # A was invited and answered "attending": still on the public list of participants.
    invitation_a = Invitation.objects.create(
        meeting=public,
        focal_point=focal_point_a,
        country=focal_point_a.institution.country,
        participant=participant_a,
        state=Invitation.State.SENT,
        sent_at=timezone.now(),
        answer=Invitation.Answer.ATTENDING,
        answered_at=timezone.now(),
    )
    grcm = MeetingFactory(
        slug="grcm-de-la-matriz", kind=Meeting.Kind.GRCM,
        host_country=focal_point_a.institution.country,
        starts_on=date(2024, 9, 20), ends_on=date(2024, 9, 21),
    )  # fmt: skip
    plan = WorkPlanFactory(working_group=group_a)
    activity = ActivityFactory(plan=plan)
    indicator = IndicatorFactory(activity=activity)
    MeasurementFactory(indicator=indicator)
    decision = DecisionFactory(meeting=grcm, working_groups=[group_a])
    return {
        "invitation_a": invitation_a,
        "meeting_grcm": grcm,
        "plan_adopted": plan,
        "plan_draft": WorkPlanFactory(working_group=group_a, status=WorkPlan.Status.DRAFT),
        "activity": activity,
        "indicator": indicator,
        "decision": decision,
        "report_publication": ReportPublication.objects.create(
            working_group=group_a,
            meeting=grcm,
            version=1,
            period_start=date(2024, 1, 1),
            period_end=date(2024, 6, 30),
            document=DocumentFactory(distribution=Document.Distribution.RESTRICTED),
        ),
        "meeting_public": public,
        "meeting_closed": closed,
        "participant_a": participant_a,
        "guest": guest,
        "calendar_token_a": CalendarToken.objects.create(focal_point=focal_point_a),
        "revoked_calendar_token_a": CalendarToken.objects.create(
            focal_point=focal_point_a, revoked_at=timezone.now()
        ),
    }


def build_world_signed_in() -> dict:
    """The world, with one session per role opened once: a sign-in per case costs more."""
    data = build_world()
    data["sessions"] = {}
    for role, user in data["users"].items():
        if user is not None:
            browser = Client()
            browser.force_login(user)
            data["sessions"][role] = browser.cookies[settings.SESSION_COOKIE_NAME].value
    return data

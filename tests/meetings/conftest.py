"""A small world for the meetings: two countries, their people, every role, some meetings."""

import datetime

import pytest
from django.contrib.auth.models import Group

from documents.models import Document
from focal_points.access import COORDINATOR_GROUP, PPT_STAFF_GROUP, SECRETARIAT_GROUP
from meetings.models import Meeting, MeetingDocument, Participant
from tests.accounts.factories import FocalPointUserFactory
from tests.documents.factories import DocumentFactory
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
    AgendaItemFactory,
    GuestFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    ParticipantFactory,
)

A_EMAIL = "punto.focal.a@example.org"
GUEST_EMAIL = "invitada.osc@example.org"


def staff(group_name: str, country) -> object:
    user = StaffUserFactory(country=country)
    # The roles migration created the groups and post_migrate granted the meetings' rights.
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def world(db) -> dict:
    """Focal points A (CR) and B (PA), coordinators, the PPT now (MX) and before (GT), the ST."""
    country_a = CountryFactory(iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")
    country_b = CountryFactory(iso_code="PA", name_es="Panamá", name_en="Panama")
    ppt_country = CountryFactory(iso_code="MX", name_es="México", name_en="Mexico")
    former_country = CountryFactory(iso_code="GT", name_es="Guatemala", name_en="Guatemala")
    presidency = PresidencyFactory(country=ppt_country)
    PresidencyFactory(
        country=former_country,
        starts_on=datetime.date(2015, 1, 1),
        ends_on=datetime.date(2015, 12, 31),
    )
    group_a = WorkingGroupFactory(slug="gtmd")
    focal_point_a = FocalPointFactory(
        institution=InstitutionFactory(country=country_a), email=A_EMAIL
    )
    focal_point_b = FocalPointFactory(institution=InstitutionFactory(country=country_b))
    DesignationFactory(focal_point=focal_point_a, working_group=group_a)
    DesignationFactory(focal_point=focal_point_b, working_group=WorkingGroupFactory())

    today = datetime.date.today()
    public = MeetingFactory(
        slug="public-meeting",
        title_es="Reunión pública del grupo",
        title_en="Public meeting of the group",
        host_country=country_a,
        starts_on=today + datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=11),
        working_groups=[group_a],
        virtual_link="https://meet.example.org/secret-room",
        modality=Meeting.Modality.HYBRID,
    )
    closed = MeetingFactory(
        slug="closed-meeting",
        title_es="Sesión a puerta cerrada",
        title_en="Closed-door session",
        distribution=Meeting.Distribution.MEMBERS,
        host_country=country_b,
        starts_on=today + datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=20),
        working_groups=[group_a],
    )
    past = MeetingFactory(
        slug="past-meeting",
        kind=Meeting.Kind.SEMINAR,
        title_es="Seminario pasado",
        title_en="Past seminar",
        host_country=country_b,
        starts_on=datetime.date(2015, 5, 4),
        ends_on=datetime.date(2015, 5, 5),
        status=Meeting.Status.HELD,
    )
    AgendaItemFactory(meeting=public, position=1, title_es="Apertura", title_en="Opening")
    AgendaItemFactory(meeting=public, position=2, title_es="Informe", title_en="Report")
    participant_a = ParticipantFactory(
        meeting=public, focal_point=focal_point_a, role=Participant.Role.HEAD_OF_DELEGATION
    )
    participant_b = ParticipantFactory(meeting=public, focal_point=focal_point_b)
    guest = GuestFactory(meeting=public, guest_email=GUEST_EMAIL, guest_name="Invitada OSC")
    ParticipantFactory(meeting=closed, focal_point=focal_point_a)
    documents = {
        distribution: DocumentFactory(
            distribution=distribution,
            title_es=f"Documento {distribution}",
            title_en=f"Document {distribution}",
        )
        for distribution in Document.Distribution.values
    }
    MeetingDocumentFactory(
        meeting=public, document=documents["public"], role=MeetingDocument.Role.CONCEPT_NOTE
    )
    MeetingDocumentFactory(
        meeting=public, document=documents["restricted"], role=MeetingDocument.Role.REPORT
    )
    MeetingDocumentFactory(
        meeting=public, document=documents["internal"], role=MeetingDocument.Role.MINUTES
    )
    return {
        "country_a": country_a,
        "country_b": country_b,
        "group_a": group_a,
        "presidency": presidency,
        "ppt_country": ppt_country,
        "former_country": former_country,
        "focal_point_a": focal_point_a,
        "focal_point_b": focal_point_b,
        "public": public,
        "closed": closed,
        "past": past,
        "participant_a": participant_a,
        "participant_b": participant_b,
        "guest": guest,
        "documents": documents,
        "users": {
            "anonymous": None,
            "focal_point_a": FocalPointUserFactory(focal_point=focal_point_a),
            "focal_point_b": FocalPointUserFactory(focal_point=focal_point_b),
            "coordinator_of_a": staff(COORDINATOR_GROUP, country_a),
            "coordinator_other": staff(COORDINATOR_GROUP, country_b),
            "ppt_current": staff(PPT_STAFF_GROUP, ppt_country),
            "ppt_former": staff(PPT_STAFF_GROUP, former_country),
            "secretariat": staff(SECRETARIAT_GROUP, None),
        },
    }


@pytest.fixture
def login(client):
    """Sign the test client in as a user (None stays anonymous) and return it."""

    def sign_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def plan_records(world) -> dict:
    """A plan with an activity, a measured goal, a decision with a note, a published report."""
    from meetings.models import FollowUpNote, ReportPublication
    from tests.meetings.factories import DecisionFactory, MeasurementFactory

    measurement = MeasurementFactory(indicator__activity__plan__working_group=world["group_a"])
    decision = DecisionFactory(meeting=world["public"], working_groups=[world["group_a"]])
    FollowUpNote.objects.create(
        decision=decision, noted_on=datetime.date(2024, 1, 1), text_es="Nota."
    )
    publication = ReportPublication.objects.create(
        working_group=world["group_a"],
        meeting=world["public"],
        version=1,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 6, 30),
        document=DocumentFactory(distribution=Document.Distribution.RESTRICTED),
    )
    return {"measurement": measurement, "decision": decision, "publication": publication}

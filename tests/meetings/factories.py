"""Factories for the meetings' models."""

import datetime

import factory

from meetings.models import (
    Activity,
    AgendaItem,
    Decision,
    Indicator,
    Measurement,
    Meeting,
    MeetingDocument,
    Participant,
    WorkPlan,
)
from tests.documents.factories import DocumentFactory
from tests.focal_points.factories import CountryFactory, FocalPointFactory, WorkingGroupFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    kind = Meeting.Kind.WORKING_GROUP
    title_es = factory.Sequence(lambda n: f"Reunión del grupo de trabajo {n}")
    title_en = factory.Sequence(lambda n: f"Working group meeting {n}")
    theme_es = "Migración y desarrollo"
    theme_en = "Migration and development"
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    starts_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda meeting: meeting.starts_on + datetime.timedelta(days=1))
    city = "San José"
    host_country = factory.SubFactory(CountryFactory)
    venue = "Hotel Ficticio"
    distribution = Meeting.Distribution.PUBLIC

    @factory.post_generation
    def working_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.working_groups.set(extracted)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n)
    title_es = factory.Sequence(lambda n: f"Punto de agenda {n}")
    title_en = factory.Sequence(lambda n: f"Agenda item {n}")


class MeetingDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingDocument

    meeting = factory.SubFactory(MeetingFactory)
    document = factory.SubFactory(DocumentFactory)
    role = MeetingDocument.Role.REPORT


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    meeting = factory.SubFactory(MeetingFactory)
    focal_point = factory.SubFactory(FocalPointFactory)
    delegation_country = factory.LazyAttribute(
        lambda participant: (
            participant.focal_point.institution.country if participant.focal_point else None
        )
    )
    role = Participant.Role.DELEGATE


class GuestFactory(ParticipantFactory):
    focal_point = None
    guest_name = factory.Sequence(lambda n: f"Invitada Ficticia {n}")
    guest_institution = "Red Regional de Organizaciones Civiles"
    guest_email = factory.Sequence(lambda n: f"guest{n}@example.org")
    delegation_country = None
    delegation_other = "RROCM"
    role = Participant.Role.CIVIL_SOCIETY


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan

    working_group = factory.SubFactory(WorkingGroupFactory)
    title_es = factory.Sequence(lambda n: f"Plan de Trabajo {n}")
    title_en = factory.Sequence(lambda n: f"Work Plan {n}")
    starts_on = datetime.date(2024, 1, 1)
    ends_on = datetime.date(2025, 12, 31)
    status = WorkPlan.Status.ADOPTED


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    plan = factory.SubFactory(WorkPlanFactory)
    position = factory.Sequence(lambda n: n)
    title_es = factory.Sequence(lambda n: f"Actividad {n}")
    title_en = factory.Sequence(lambda n: f"Activity {n}")
    status = Activity.Status.PLANNED


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    activity = factory.SubFactory(ActivityFactory)
    description_es = factory.Sequence(lambda n: f"Meta {n}")
    description_en = factory.Sequence(lambda n: f"Goal {n}")
    unit_es = "países"
    unit_en = "countries"
    baseline = 0
    target = 10


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = datetime.date(2024, 6, 1)
    value = 5


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory, kind=Meeting.Kind.GRCM)
    kind = Decision.Kind.RECOMMENDATION
    number = factory.Sequence(lambda n: n + 1)
    text_es = factory.Sequence(lambda n: f"Recomendación número {n} sobre reintegración.")
    text_en = factory.Sequence(lambda n: f"Recommendation number {n} on reintegration.")

    @factory.post_generation
    def working_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.working_groups.set(extracted)

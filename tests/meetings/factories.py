"""Factories for the meetings' models."""

import datetime

import factory

from meetings.models import AgendaItem, Meeting, MeetingDocument, Participant
from tests.documents.factories import DocumentFactory
from tests.focal_points.factories import CountryFactory, FocalPointFactory


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

"""Factories for the directory's models."""

import datetime

import factory

from focal_points.models import (
    Country,
    Designation,
    FocalPoint,
    Institution,
    Presidency,
    WorkingGroup,
)

ISO_CODES = [f"{a}{b}" for a in "QWXZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("iso_code",)

    iso_code = factory.Sequence(lambda n: ISO_CODES[n % len(ISO_CODES)])
    name_es = factory.LazyAttribute(lambda country: f"País {country.iso_code}")
    name_en = factory.LazyAttribute(lambda country: f"Country {country.iso_code}")
    status = Country.Status.MEMBER
    member_since = datetime.date(1996, 2, 1)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name_es = factory.Sequence(lambda n: f"Ministerio de Relaciones Exteriores {n}")
    name_en = factory.Sequence(lambda n: f"Ministry of Foreign Affairs {n}")
    acronym_es = factory.Sequence(lambda n: f"MRE{n}")
    kind = Institution.Kind.FOREIGN_AFFAIRS
    country = factory.SubFactory(CountryFactory)


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name_es = factory.Sequence(lambda n: f"Grupo de Trabajo {n}")
    name_en = factory.Sequence(lambda n: f"Working Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    kind = WorkingGroup.Kind.WORKING_GROUP
    mandate_es = "Mandato del grupo."
    mandate_en = "Mandate of the group."
    is_active = True


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    given_name = factory.Sequence(lambda n: f"José {n}")
    family_name = factory.Sequence(lambda n: f"Núñez {n}")
    position_es = "Director de Asuntos Migratorios"
    position_en = "Director of Migration Affairs"
    institution = factory.SubFactory(InstitutionFactory)
    email = factory.Sequence(lambda n: f"focal.point{n}@example.org")
    languages = factory.LazyFunction(lambda: ["es", "en"])
    last_verified_on = factory.LazyFunction(datetime.date.today)
    is_active = True


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Designation

    focal_point = factory.SubFactory(FocalPointFactory)
    working_group = factory.SubFactory(WorkingGroupFactory)
    country = factory.LazyAttribute(lambda d: d.focal_point.institution.country)
    role = Designation.Role.PRINCIPAL
    starts_on = datetime.date(2024, 1, 1)


class PresidencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presidency

    country = factory.SubFactory(CountryFactory)
    starts_on = factory.LazyFunction(lambda: datetime.date(datetime.date.today().year, 1, 1))
    ends_on = factory.LazyFunction(lambda: datetime.date(datetime.date.today().year, 12, 31))
    meeting_number = "XXXI"
    theme_es = "Migración y desarrollo"
    theme_en = "Migration and development"

"""Documents: constraints in the database, the access rule, display in each language."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from documents.models import Document, ThematicAxis
from tests.documents.conftest import ROLES, VISIBLE
from tests.documents.factories import DocumentFactory, DocumentFileFactory
from tests.focal_points.factories import CountryFactory, PresidencyFactory

pytestmark = pytest.mark.django_db


def test_the_three_axes_of_the_plan_of_action_exist_in_both_languages():
    axes = list(ThematicAxis.objects.all())
    assert [axis.slug for axis in axes] == [
        "migration-policy-and-management",
        "human-rights",
        "migration-and-development",
    ]
    with translation.override("en"):
        assert str(axes[1]) == "Human Rights"
    with translation.override("es"):
        assert str(axes[2]) == "Migración y Desarrollo"


def test_a_symbol_is_unique_whatever_its_case_but_many_documents_have_none():
    DocumentFactory(symbol="A/63/265")
    DocumentFactory(symbol="")
    DocumentFactory(symbol="")
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(symbol="a/63/265")


def test_symbol_uniqueness_is_reported_as_a_form_error_not_a_crash():
    DocumentFactory(symbol="SCPF/13")
    duplicate = DocumentFactory.build(symbol="scpf/13")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean(exclude=["search_vector"])
    assert "Another document already has this symbol." in str(error.value) or (
        "Ya existe otro documento con esta signatura." in str(error.value)
    )


@pytest.mark.parametrize(
    "kind, fields_set",
    [
        ("country", ["author_institution"]),
        ("institution", []),
        ("presidency", ["author_country"]),
        ("secretariat", ["author_country"]),
    ],
)
def test_the_author_must_match_its_kind(kind, fields_set):
    country = CountryFactory()
    values = {"author_country": country} if "author_country" in fields_set else {}
    if "author_institution" in fields_set:
        from tests.focal_points.factories import InstitutionFactory

        values["author_institution"] = InstitutionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(author_kind=kind, **values)


def test_an_author_of_each_kind_is_named_in_the_visitors_language():
    country = CountryFactory(iso_code="MX", name_es="México", name_en="Mexico")
    presidency = PresidencyFactory(
        country=country, starts_on=datetime.date(2015, 1, 1), ends_on=datetime.date(2015, 12, 31)
    )
    by_presidency = DocumentFactory(author_kind="presidency", author_presidency=presidency)
    by_country = DocumentFactory(author_kind="country", author_country=country)
    by_secretariat = DocumentFactory(author_kind="secretariat")
    with translation.override("en"):
        assert by_presidency.author_display == "Pro-Tempore Presidency of Mexico (2015)"
        assert by_country.author_display == "Mexico"
        assert by_secretariat.author_display == "Technical Secretariat of the CRM"
    with translation.override("es"):
        assert by_presidency.author_display == "Presidencia Pro Tempore de México (2015)"


def test_a_language_version_exists_once_per_language():
    version = DocumentFileFactory(language="es")
    DocumentFileFactory(document=version.document, language="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFileFactory(document=version.document, language="es")


@pytest.mark.parametrize("role", ROLES)
def test_visible_to_follows_the_distribution_rule_for_every_role(users, role):
    documents = {
        level: DocumentFactory(distribution=level) for level in ("public", "restricted", "internal")
    }
    user = users[role] or AnonymousUser()
    visible = set(Document.objects.visible_to(user).values_list("distribution", flat=True))
    assert visible == VISIBLE[role]
    assert Document.objects.visible_to(user).count() == len(VISIBLE[role])
    assert set(documents) >= visible


def test_an_english_visitor_sees_the_spanish_title_marked_as_such_when_none_in_english():
    document = DocumentFactory(title_es="Nota conceptual", title_en="", summary_en="")
    with translation.override("en"):
        assert document.title == "Nota conceptual"
        assert document.shown_in_spanish_fallback
        assert document.summary_in_spanish_fallback
    with translation.override("es"):
        assert not document.shown_in_spanish_fallback


def test_the_date_is_shown_as_precisely_as_it_is_known():
    document = DocumentFactory(date=datetime.date(2009, 1, 1), date_precision="year")
    assert document.date_display == "2009"
    document.date_precision = "day"
    with translation.override("en"):
        assert "2009" in document.date_display and "1" in document.date_display

"""Two staff editing one record: the second save is refused and the first change survives."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.documents.factories import DocumentFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    InstitutionFactory,
    PresidencyFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def _post_value(value):
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(getattr(item, "pk", item)) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(getattr(value, "pk", value))


def _form_values(form) -> dict:
    data = {}
    for name in form.fields:
        value = _post_value(form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value
    return data


def change_page_data(response) -> dict:
    """Return the POST data the change page would send unchanged, as a browser does."""
    data = _form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update(
            {management.add_prefix(key): str(value) for key, value in management.initial.items()}
        )
        for form in formset.initial_forms:
            data.update(_form_values(form))
    return data


class _FormFields(HTMLParser):
    """Collect what a browser would submit from a page's inputs, selects and text areas."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n")


def rendered_form_data(response) -> dict:
    """Return exactly what the page's rendered form fields would submit unchanged."""
    parser = _FormFields()
    parser.feed(response.content.decode())
    # The page's empty inline template row is never submitted by the admin's JavaScript.
    return {k: v for k, v in parser.data.items() if "__prefix__" not in k}


# (admin URL name, factory, field to change, first editor's value, second editor's value)
RECORDS = [
    ("focal_points_country", CountryFactory, "name_en", "Costa Rica (1)", "Costa Rica (2)"),
    ("focal_points_institution", InstitutionFactory, "name_es", "Ministerio 1", "Ministerio 2"),
    ("focal_points_workinggroup", WorkingGroupFactory, "mandate_es", "Mandato 1", "Mandato 2"),
    ("focal_points_presidency", PresidencyFactory, "theme_es", "Tema 1", "Tema 2"),
    ("focal_points_designation", DesignationFactory, "letter_reference", "Nota 1", "Nota 2"),
    ("documents_document", DocumentFactory, "title_es", "Título 1", "Título 2"),
]


@pytest.mark.parametrize(
    ("url_name", "factory", "field", "first", "second"),
    RECORDS,
    ids=[record[0] for record in RECORDS],
)
def test_the_second_of_two_editors_is_refused_and_the_first_change_survives(
    admin_client, url_name, factory, field, first, second
):
    record = factory()
    url = reverse(f"admin:{url_name}_change", args=[record.pk]).replace("/es/", "/en/")
    # Both editors open the page before either saves.
    opened_by_first = change_page_data(admin_client.get(url))
    opened_by_second = change_page_data(admin_client.get(url))

    saved = admin_client.post(url, {**opened_by_first, field: first})
    refused = admin_client.post(url, {**opened_by_second, field: second})

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert "Someone else changed this entry after you opened it." in refused.text
    record.refresh_from_db()
    assert getattr(record, field) == first


def test_an_editor_who_reloads_after_the_refusal_can_save(admin_client):
    institution = InstitutionFactory(name_es="Ministerio")
    url = reverse("admin:focal_points_institution_change", args=[institution.pk])
    stale = change_page_data(admin_client.get(url))
    admin_client.post(url, {**change_page_data(admin_client.get(url)), "name_es": "Primero"})
    assert admin_client.post(url, {**stale, "name_es": "Segundo"}).status_code == 200

    reloaded = change_page_data(admin_client.get(url))
    assert admin_client.post(url, {**reloaded, "name_es": "Segundo"}).status_code == 302
    institution.refresh_from_db()
    assert institution.name_es == "Segundo"


def test_a_designation_saved_on_its_own_page_is_not_reverted_by_the_persons_page(admin_client):
    # Staff A opens the person's page; staff B changes one of the person's designations on
    # the designation's own page; A then changes only the postal address and saves.
    designation = DesignationFactory(letter_reference="Nota original")
    person = designation.focal_point
    person_url = reverse("admin:focal_points_focalpoint_change", args=[person.pk])
    designation_url = reverse("admin:focal_points_designation_change", args=[designation.pk])
    # What the browser sends: only the fields the page rendered (inline rows included).
    opened_by_a = rendered_form_data(admin_client.get(person_url))

    opened_by_b = change_page_data(admin_client.get(designation_url))
    saved_by_b = admin_client.post(
        designation_url, {**opened_by_b, "letter_reference": "Nota de B"}
    )
    assert saved_by_b.status_code == 302

    refused = admin_client.post(person_url, {**opened_by_a, "postal_address": "Otra dirección"})

    assert refused.status_code == 200
    assert "Otra persona modificó esta entrada después de que usted la abrió." in refused.text
    designation.refresh_from_db()
    person.refresh_from_db()
    assert designation.letter_reference == "Nota de B"
    assert person.postal_address != "Otra dirección"

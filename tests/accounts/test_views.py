"""The focal points' own pages: my entry, leaving the post, verification, contacts."""

import datetime

import pytest
from django.utils import timezone

from focal_points.models import ChangeRequest, FocalPoint
from focal_points.services import focal_point_update
from tests.accounts.factories import FocalPointUserFactory, coordinator_user
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    """A Costa Rican focal point, signed in with their link-only account."""
    country = CountryFactory(iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")
    focal_point = FocalPointFactory(
        institution=InstitutionFactory(country=country),
        email="maria.solis@example.org",
        phone="+50622223333",
    )
    return FocalPointUserFactory(focal_point=focal_point)


def entry_data(focal_point: FocalPoint, **overrides) -> dict:
    data = {
        "version": focal_point.version,
        "position_es": focal_point.position_es,
        "position_en": focal_point.position_en,
        "phone": str(focal_point.phone or ""),
        "mobile": "",
        "fax": "",
        "alternate_emails": "",
        "postal_address": "",
        "languages": ["es", "en"],
        "preferred_language": "es",
    }
    data.update(overrides)
    return data


def test_my_entry_shows_the_person_their_entry_with_fixed_fields_read_only(client, person):
    DesignationFactory(focal_point=person.focal_point, working_group__name_es="Red de Enlace")
    client.force_login(person)
    response = client.get("/es/accounts/my-entry/")
    assert response.status_code == 200
    assert "maria.solis@example.org" in response.text
    assert "Red de Enlace" in response.text
    form = response.context["form"]
    # Country, institution, name, primary e-mail and groups are not editable here.
    for fixed in ("email", "institution", "given_name", "family_name", "country"):
        assert fixed not in form.fields


def test_focal_point_saves_a_new_phone_written_the_national_way(client, person):
    client.force_login(person)
    focal_point = person.focal_point
    response = client.post(
        "/es/accounts/my-entry/",
        entry_data(focal_point, phone="2233 4455", alternate_emails="Casa@Example.org"),
    )
    assert response.status_code == 302
    focal_point.refresh_from_db()
    assert str(focal_point.phone) == "+50622334455"
    assert focal_point.alternate_emails == ["casa@example.org"]
    assert focal_point.version == 2
    page = client.get(response["Location"])
    assert "Sus datos se han guardado." in page.text


@pytest.mark.parametrize(
    ("language", "message"),
    [("es", "Ingrese un número de teléfono válido"), ("en", "Enter a valid phone number")],
)
def test_an_invalid_phone_is_explained_next_to_the_field_and_nothing_is_saved(
    client, person, language, message
):
    client.force_login(person)
    focal_point = person.focal_point
    response = client.post(
        f"/{language}/accounts/my-entry/",
        entry_data(focal_point, phone="call me", position_en="Changed too"),
    )
    assert response.status_code == 400
    assert message in response.text
    assert 'id="id_phone-errors"' in response.text
    focal_point.refresh_from_db()
    assert focal_point.position_en == "Director of Migration Affairs"
    assert focal_point.version == 1


def test_an_invalid_alternate_e_mail_is_refused_in_the_person_s_language(client, person):
    client.force_login(person)
    response = client.post(
        "/es/accounts/my-entry/",
        entry_data(person.focal_point, alternate_emails="ok@example.org\nnot-an-address"),
    )
    assert response.status_code == 400
    assert "Dirección de correo electrónico no válida: not-an-address" in response.text


def test_another_person_s_address_cannot_be_added_as_an_alternate(client, person):
    FocalPointFactory(email="someone.else@example.org")
    client.force_login(person)
    response = client.post(
        "/en/accounts/my-entry/",
        entry_data(person.focal_point, alternate_emails="Someone.Else@example.org"),
    )
    assert response.status_code == 400
    assert "belongs to another focal point" in response.text


@pytest.mark.parametrize(
    ("language", "subject", "line"),
    [
        (
            "es",
            "Se cambiaron las direcciones de correo",
            "Otras direcciones: casa.maria@example.org",
        ),
        ("en", "addresses of your CRM directory entry were changed", "Other addresses:"),
    ],
)
def test_a_new_alternate_address_is_announced_to_the_main_one(
    client, person, mailoutbox, language, subject, line
):
    # An alternate address can receive sign-in links: its owner must hear of it.
    client.force_login(person)
    response = client.post(
        "/es/accounts/my-entry/",
        entry_data(
            person.focal_point,
            alternate_emails="casa.maria@example.org",
            preferred_language=language,
        ),
    )

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    notice = mailoutbox[0]
    assert notice.to == ["maria.solis@example.org"]
    assert subject in notice.subject
    assert line in notice.body and "casa.maria@example.org" in notice.body
    html = notice.alternatives[0][0]
    assert "casa.maria@example.org" in html and "/accounts/my-entry/" in html


def test_a_change_that_leaves_the_addresses_alone_sends_no_notice(client, person, mailoutbox):
    client.force_login(person)
    client.post("/es/accounts/my-entry/", entry_data(person.focal_point, mobile="8888 7777"))
    assert mailoutbox == []


def test_a_change_saved_by_someone_else_meanwhile_is_not_overwritten(client, person):
    client.force_login(person)
    focal_point = person.focal_point
    stale_form = entry_data(focal_point, position_en="My version")
    focal_point_update(focal_point=focal_point, changes={"position_en": "Staff version"})

    response = client.post("/en/accounts/my-entry/", stale_form)

    assert response.status_code == 409
    assert "Someone else changed this entry" in response.text
    focal_point.refresh_from_db()
    assert focal_point.position_en == "Staff version"


def test_self_service_change_is_in_the_history_with_the_person_as_actor(client, person):
    client.force_login(person)
    focal_point = person.focal_point
    client.post("/es/accounts/my-entry/", entry_data(focal_point, phone="+50688887777"))

    event = focal_point.events.order_by("-pgh_id").first()
    assert str(event.phone) == "+50688887777"
    assert event.pgh_context.metadata["user"] == person.pk
    assert event.pgh_context.metadata["reason"] == "self-service"


def test_leaving_the_post_queues_a_request_for_the_staff(client, person):
    client.force_login(person)
    response = client.post(
        "/es/accounts/my-entry/left-post/",
        {
            "left_on": "2026-10-31",
            "successor_name": "Laura Mora",
            "successor_email": "laura.mora@example.org",
            "successor_position": "Directora",
            "message": "",
        },
    )
    assert response.status_code == 302
    request = ChangeRequest.objects.get()
    assert request.focal_point == person.focal_point
    assert request.kind == ChangeRequest.Kind.LEFT_POST
    assert request.successor_email == "laura.mora@example.org"
    assert request.submitted_by == person
    assert request.handled_at is None
    # The entry itself is untouched until the staff act.
    assert FocalPoint.objects.get(pk=person.focal_point.pk).is_active


def test_leaving_the_post_with_a_bad_successor_address_explains_and_saves_nothing(client, person):
    client.force_login(person)
    response = client.post(
        "/en/accounts/my-entry/left-post/", {"successor_email": "laura at example"}
    )
    assert response.status_code == 400
    assert "Enter a valid email address." in response.text
    assert not ChangeRequest.objects.exists()


def test_still_correct_records_today_and_the_person_in_history(client, person):
    focal_point = person.focal_point
    FocalPoint.objects.filter(pk=focal_point.pk).update(last_verified_on=datetime.date(2020, 1, 1))
    client.force_login(person)
    response = client.post("/es/accounts/verify/", {"action": "confirm"})
    assert response.status_code == 302
    focal_point.refresh_from_db()
    assert focal_point.last_verified_on == timezone.localdate()
    event = focal_point.events.order_by("-pgh_id").first()
    assert event.pgh_context.metadata["user"] == person.pk


def test_update_button_opens_my_entry_without_verifying(client, person):
    FocalPoint.objects.filter(pk=person.focal_point.pk).update(last_verified_on=None)
    client.force_login(person)
    response = client.post("/es/accounts/verify/", {"action": "update"})
    assert response["Location"] == "/es/accounts/my-entry/"
    assert FocalPoint.objects.get(pk=person.focal_point.pk).last_verified_on is None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/es/accounts/my-entry/")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/accounts/sign-in/")


def test_signed_in_staff_without_an_entry_are_refused_my_entry(client):
    client.force_login(coordinator_user())
    assert client.get("/es/accounts/my-entry/").status_code == 403


def test_nav_offers_my_entry_to_focal_points_and_sign_in_to_visitors(client, person):
    anonymous = client.get("/en/")
    assert "/en/accounts/sign-in/" in anonymous.text
    assert "/en/accounts/my-entry/" not in anonymous.text
    client.force_login(person)
    signed_in = client.get("/en/")
    assert 'href="/en/accounts/my-entry/"' in signed_in.text
    assert "My entry" in signed_in.text


@pytest.fixture
def two_groups(person):
    """The person sits in `mine`; `theirs` is a group they are not in."""
    mine = WorkingGroupFactory(name_en="Labour Migration")
    theirs = WorkingGroupFactory(name_en="Protection")
    DesignationFactory(focal_point=person.focal_point, working_group=mine)
    colleague = DesignationFactory(
        working_group=mine,
        focal_point__email="colleague@example.org",
        focal_point__phone="+50244445555",
    )
    former = DesignationFactory(
        working_group=mine,
        focal_point__email="former@example.org",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    stranger = DesignationFactory(working_group=theirs, focal_point__email="stranger@example.org")
    return mine, theirs, colleague, former, stranger


def test_contacts_list_only_the_person_s_own_groups(client, person, two_groups):
    mine, theirs, *_ = two_groups
    client.force_login(person)
    response = client.get("/en/accounts/contacts/")
    assert response.status_code == 200
    assert "Labour Migration" in response.text
    assert "Protection" not in response.text


def test_group_contacts_show_current_members_only(client, person, two_groups):
    mine, theirs, colleague, former, stranger = two_groups
    client.force_login(person)
    response = client.get(f"/en/accounts/contacts/{mine.pk}/")
    assert response.status_code == 200
    assert "colleague@example.org" in response.text
    assert colleague.focal_point.institution.name_en in response.text
    assert "former@example.org" not in response.text
    assert "stranger@example.org" not in response.text


def test_group_contacts_give_phones_in_international_format_and_tappable(
    client, person, two_groups
):
    mine, *_ = two_groups
    client.force_login(person)
    response = client.get(f"/es/accounts/contacts/{mine.pk}/")
    # Guatemala's number with its country code, whatever the reader's country.
    assert '<a href="tel:+50244445555" class="phone">+502 4444 5555</a>' in response.text
    assert 'data-label="Teléfono"' in response.text


def test_a_group_the_person_is_not_in_does_not_exist_for_them(client, person, two_groups):
    mine, theirs, *_ = two_groups
    client.force_login(person)
    response = client.get(f"/en/accounts/contacts/{theirs.pk}/")
    assert response.status_code == 404
    assert "stranger@example.org" not in response.text


def test_group_contacts_take_the_same_queries_for_3_or_30_members(
    client, person, two_groups, count_queries
):
    mine = two_groups[0]
    client.force_login(person)
    url = f"/en/accounts/contacts/{mine.pk}/"
    client.get(url)  # warm the session

    small = count_queries(lambda: client.get(url))
    for _ in range(27):
        DesignationFactory(working_group=mine, role="additional")
    large = count_queries(lambda: client.get(url))
    assert large == small


# Length limits: an oversized field is explained in the person's language and nothing is saved.


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The postal address can have at most 500 characters (it has 1000000)."),
        ("es", "La dirección postal puede tener como máximo 500 caracteres (tiene 1000000)."),
    ],
)
def test_an_overlong_postal_address_is_refused_and_nothing_is_saved(
    client, person, language, message
):
    client.force_login(person)
    focal_point = person.focal_point
    response = client.post(
        f"/{language}/accounts/my-entry/",
        entry_data(focal_point, postal_address="x" * 1_000_000, position_en="Changed too"),
    )
    assert response.status_code == 400
    assert message in response.text
    focal_point.refresh_from_db()
    assert focal_point.postal_address == ""
    assert focal_point.version == 1


def test_a_postal_address_of_500_characters_is_accepted(client, person):
    client.force_login(person)
    response = client.post(
        "/en/accounts/my-entry/", entry_data(person.focal_point, postal_address="x" * 500)
    )
    assert response.status_code == 302
    person.focal_point.refresh_from_db()
    assert len(person.focal_point.postal_address) == 500


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Enter at most 10 alternate e-mail addresses."),
        ("es", "Ingrese como máximo 10 direcciones de correo electrónico alternativas."),
    ],
)
@pytest.mark.parametrize("count", [11, 2000])
def test_too_many_alternate_addresses_are_refused_and_nothing_is_saved(
    client, person, language, message, count
):
    client.force_login(person)
    addresses = "\n".join(f"person{number}@example.org" for number in range(count))
    response = client.post(
        f"/{language}/accounts/my-entry/",
        entry_data(person.focal_point, alternate_emails=addresses),
    )
    assert response.status_code == 400
    assert message in response.text
    person.focal_point.refresh_from_db()
    assert person.focal_point.alternate_emails == []
    assert person.focal_point.version == 1


def test_a_megabyte_of_alternate_address_text_is_refused_before_it_is_split(client, person):
    client.force_login(person)
    response = client.post(
        "/en/accounts/my-entry/",
        entry_data(person.focal_point, alternate_emails="a" * 1_000_000 + "@example.org"),
    )
    assert response.status_code == 400
    assert "Enter at most 10 alternate e-mail addresses." in response.text
    person.focal_point.refresh_from_db()
    assert person.focal_point.alternate_emails == []


def test_ten_alternate_addresses_are_accepted(client, person):
    client.force_login(person)
    addresses = "\n".join(f"person{number}@example.org" for number in range(10))
    response = client.post(
        "/en/accounts/my-entry/", entry_data(person.focal_point, alternate_emails=addresses)
    )
    assert response.status_code == 302
    person.focal_point.refresh_from_db()
    assert len(person.focal_point.alternate_emails) == 10


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The message can have at most 5000 characters (it has 2000000)."),
        ("es", "El mensaje puede tener como máximo 5000 caracteres (tiene 2000000)."),
    ],
)
def test_an_overlong_left_post_message_is_refused_and_nothing_is_saved(
    client, person, language, message
):
    client.force_login(person)
    response = client.post(
        f"/{language}/accounts/my-entry/left-post/",
        {"successor_name": "Laura Mora", "message": "x" * 2_000_000},
    )
    assert response.status_code == 400
    assert message in response.text
    assert not ChangeRequest.objects.exists()


def test_a_left_post_message_of_5000_characters_is_accepted(client, person):
    client.force_login(person)
    response = client.post(
        "/en/accounts/my-entry/left-post/", {"successor_name": "Laura", "message": "x" * 5000}
    )
    assert response.status_code == 302
    assert len(ChangeRequest.objects.get().message) == 5000

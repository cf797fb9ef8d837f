"""Who may see and change which directory records in the admin; every refusal is tested."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from focal_points.models import Country, FocalPoint
from tests.focal_points.admin_forms import focal_point_form_data
from tests.focal_points.factories import (
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_entry(home_country):
    return FocalPointFactory(
        institution=InstitutionFactory(country=home_country),
        given_name="Ana",
        family_name="Quintero",
    )


@pytest.fixture
def other_entry(other_country):
    return FocalPointFactory(
        institution=InstitutionFactory(country=other_country),
        given_name="Bruno",
        family_name="Borrás",
    )


def change_url(entry):
    return reverse("admin:focal_points_focalpoint_change", args=[entry.pk])


def post_new_position(client, entry, text="Nuevo cargo"):
    return client.post(change_url(entry), focal_point_form_data(entry, position_es=text))


CHANGELIST = reverse("admin:focal_points_focalpoint_changelist")


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:focal_points_focalpoint_changelist",
        "admin:focal_points_coverage",
        "admin:focal_points_recent_changes",
    ],
)
def test_anonymous_visitors_and_focal_points_are_sent_to_the_admin_sign_in(
    client, focal_point_user, url_name
):
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(focal_point_user)
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_focal_point_cannot_post_a_change_to_an_entry(client, focal_point_user, home_entry):
    client.force_login(focal_point_user)
    response = post_new_position(client, home_entry)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    home_entry.refresh_from_db()
    assert home_entry.position_es != "Nuevo cargo"


def test_coordinator_lists_only_their_own_countrys_focal_points(
    client, coordinator, home_entry, other_entry
):
    client.force_login(coordinator)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert "Quintero" in response.text
    assert "Borrás" not in response.text


def test_coordinator_edits_their_own_countrys_focal_point(client, coordinator, home_entry):
    client.force_login(coordinator)
    response = post_new_position(client, home_entry)
    assert response.status_code == 302, response.context and response.context["errors"]
    home_entry.refresh_from_db()
    assert home_entry.position_es == "Nuevo cargo"


def test_coordinator_of_another_country_can_neither_open_nor_change_nor_delete_an_entry(
    client, other_coordinator, home_entry
):
    client.force_login(other_coordinator)
    # The entry is outside their queryset: the admin answers as if it did not exist.
    opened = client.get(change_url(home_entry))
    assert opened.status_code == 302
    assert change_url(home_entry) not in opened["Location"]
    post_new_position(client, home_entry)
    client.post(
        reverse("admin:focal_points_focalpoint_delete", args=[home_entry.pk]), {"post": "yes"}
    )
    home_entry.refresh_from_db()
    assert home_entry.position_es != "Nuevo cargo"
    assert home_entry.is_active


def test_coordinator_cannot_move_their_focal_point_to_another_countrys_institution(
    client, coordinator, home_entry, other_entry
):
    client.force_login(coordinator)
    response = client.post(
        change_url(home_entry),
        focal_point_form_data(home_entry, institution=other_entry.institution_id),
    )
    assert response.status_code == 200
    assert "institution" in response.context["adminform"].form.errors
    home_entry.refresh_from_db()
    assert home_entry.institution.country.iso_code == "QA"


def test_coordinator_cannot_designate_for_another_country(
    client, coordinator, home_entry, other_country
):
    client.force_login(coordinator)
    group = DesignationFactory().working_group
    data = focal_point_form_data(
        home_entry,
        **{
            "designations-TOTAL_FORMS": 1,
            "designations-0-focal_point": home_entry.pk,
            "designations-0-working_group": group.pk,
            "designations-0-country": other_country.pk,
            "designations-0-role": "principal",
            "designations-0-starts_on": "2025-01-01",
        },
    )
    response = client.post(change_url(home_entry), data)
    assert response.status_code == 200
    assert not home_entry.designations.exists()


def test_coordinator_reads_reference_data_but_cannot_change_it(client, coordinator, home_country):
    client.force_login(coordinator)
    url = reverse("admin:focal_points_country_change", args=[home_country.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"iso_code": "QA", "name_es": "Cambiado", "status": "member"})
    assert response.status_code == 403
    assert Country.objects.get(pk=home_country.pk).name_es == "Quimera"


def test_coordinator_sees_only_their_countrys_row_of_the_coverage(
    client, coordinator, home_entry, other_entry
):
    DesignationFactory(focal_point=home_entry)
    DesignationFactory(focal_point=other_entry)
    client.force_login(coordinator)
    response = client.get(reverse("admin:focal_points_coverage"))
    assert response.status_code == 200
    assert "Quimera" in response.text
    assert "Bórea" not in response.text


def test_seat_history_and_letters_of_another_country_are_refused_to_a_coordinator(
    client, other_coordinator, home_entry
):
    designation = DesignationFactory(focal_point=home_entry)
    designation.letter_file.save("oficio.pdf", ContentFile(b"%PDF-1.4 letter"))
    client.force_login(other_coordinator)
    seat = reverse(
        "admin:focal_points_seat_history",
        args=[designation.country_id, designation.working_group_id, "principal"],
    )
    assert client.get(seat).status_code == 403
    letter = reverse("admin:focal_points_designation_letter", args=[designation.pk])
    assert client.get(letter).status_code == 403


def test_staff_download_a_designation_letter_and_visitors_cannot(
    client, secretariat_user, home_entry
):
    designation = DesignationFactory(focal_point=home_entry)
    designation.letter_file.save("oficio.pdf", ContentFile(b"%PDF-1.4 letter"))
    letter = reverse("admin:focal_points_designation_letter", args=[designation.pk])
    assert client.get(letter).status_code == 302
    client.force_login(secretariat_user)
    response = client.get(letter)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 letter"
    assert "attachment" in response["Content-Disposition"]


def test_former_ppt_staff_read_the_directory_but_cannot_change_it(
    client, former_ppt_user, home_entry
):
    client.force_login(former_ppt_user)
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(change_url(home_entry)).status_code == 200
    response = post_new_position(client, home_entry)
    assert response.status_code == 403
    home_entry.refresh_from_db()
    assert home_entry.position_es != "Nuevo cargo"
    assert client.get(reverse("admin:focal_points_coverage")).status_code == 200
    revert = client.post(reverse("admin:focal_points_recent_changes_revert"), {"event": "x:1"})
    assert revert.status_code == 403


def test_current_ppt_staff_edit_any_countrys_focal_point(client, ppt_user, other_entry):
    client.force_login(ppt_user)
    response = post_new_position(client, other_entry)
    assert response.status_code == 302
    other_entry.refresh_from_db()
    assert other_entry.position_es == "Nuevo cargo"


def test_secretariat_edits_and_sees_every_country(
    client, secretariat_user, home_entry, other_entry
):
    client.force_login(secretariat_user)
    listing = client.get(CHANGELIST)
    assert "Quintero" in listing.text and "Borrás" in listing.text
    assert post_new_position(client, home_entry).status_code == 302
    assert FocalPoint.objects.get(pk=home_entry.pk).position_es == "Nuevo cargo"


def test_letter_links_in_forms_go_through_the_checked_download_not_media(admin_client, home_entry):
    designation = DesignationFactory(focal_point=home_entry)
    designation.letter_file.save("oficio.pdf", ContentFile(b"%PDF-1.4 letter"))
    letter = reverse("admin:focal_points_designation_letter", args=[designation.pk])
    for url in (
        reverse("admin:focal_points_designation_change", args=[designation.pk]),
        change_url(home_entry),
    ):
        page = admin_client.get(url)
        assert letter in page.text
        assert f'href="{designation.letter_file.url}"' not in page.text

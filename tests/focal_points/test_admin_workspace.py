"""The admin as staff read it: who they are signed in as, tick boxes, icons, labels."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from core.history.labels import DEMO_DATA, SELF_SERVICE, reason_label
from focal_points.access import SECRETARIAT_GROUP
from tests.focal_points.factories import FocalPointFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fixture", "role"),
    [
        ("secretariat_user", "Secretaría Técnica"),
        ("ppt_user", "Personal de la PPT (en funciones)"),
        ("former_ppt_user", "Personal de una PPT anterior (solo lectura)"),
        ("coordinator", "Coordinador nacional"),
    ],
)
def test_the_admin_greets_staff_by_name_and_role(client, request, fixture, role):
    user = request.getfixturevalue(fixture)
    user.first_name, user.last_name = "Rosa", "Quintanilla"
    user.save()
    client.force_login(user)
    response = client.get("/es/admin/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Bienvenido/a," in text
    assert "<strong>Rosa Quintanilla</strong>" in text
    assert f'<span class="crm-role">{role}</span>' in text


def test_languages_spoken_are_tick_boxes_on_a_person_page(admin_client):
    person = FocalPointFactory(languages=["en"])
    response = admin_client.get(reverse("admin:focal_points_focalpoint_change", args=[person.pk]))
    text = response.content.decode()
    assert 'type="checkbox" name="languages" value="es"' in text
    assert 'type="checkbox" name="languages" value="en"' in text
    assert 'value="en" id="id_languages_1" checked' in text


def test_yes_no_icons_say_yes_and_no_in_the_page_language(admin_client):
    FocalPointFactory(is_active=True)
    spanish = admin_client.get("/es/admin/focal_points/focalpoint/").content.decode()
    english = admin_client.get("/en/admin/focal_points/focalpoint/").content.decode()
    assert 'alt="Sí"' in spanish
    assert 'alt="Yes"' in english
    assert 'alt="True"' not in spanish + english


def test_hidden_version_fields_carry_no_label(admin_client):
    person = FocalPointFactory()
    text = admin_client.get(
        reverse("admin:focal_points_focalpoint_change", args=[person.pk])
    ).content.decode()
    assert "Expected version" not in text and "Opened version" not in text
    assert "Versión esperada" not in text


def test_reasons_the_portal_writes_read_in_the_reader_language():
    with translation.override("es"):
        assert reason_label(SELF_SERVICE) == "Autoservicio"
        assert reason_label(DEMO_DATA) == "Datos de demostración"
        assert reason_label("Cambio pedido por nota verbal") == "Cambio pedido por nota verbal"
    with translation.override("en"):
        assert reason_label(SELF_SERVICE) == "Self-service"


def test_role_groups_and_permissions_are_named_in_the_reader_language():
    group = Group.objects.get(name=SECRETARIAT_GROUP)
    permission = Permission.objects.get(codename="add_focalpoint")
    history_permission = Permission.objects.get(codename="view_focalpointevent")
    with translation.override("es"):
        assert str(group) == "Secretaría Técnica"
        assert str(permission) == "Directorio de puntos focales | punto focal | Puede añadir"
        assert str(history_permission).endswith("punto focal (historial) | Puede ver")
    with translation.override("en"):
        assert str(group) == "Technical Secretariat"


def test_admin_pages_give_the_side_bar_s_width_to_the_content(admin_client):
    text = admin_client.get("/es/admin/focal_points/focalpoint/").content.decode()
    assert 'id="nav-sidebar"' not in text

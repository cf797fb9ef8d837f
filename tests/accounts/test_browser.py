"""A focal point signs in with an e-mailed link, updates their phone and signs out."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from accounts.models import User
from tests.focal_points.factories import CountryFactory, FocalPointFactory, InstitutionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focal_point_signs_in_by_link_updates_phone_and_the_link_dies(page):
    country = CountryFactory(iso_code="SV", name_es="El Salvador", name_en="El Salvador")
    focal_point = FocalPointFactory(
        institution=InstitutionFactory(country=country),
        email="carmen.rivas@example.org",
        phone="+50321112222",
    )

    # Ask for a link.
    page.goto("/es/accounts/sign-in/")
    page.fill("input[name=email]", "carmen.rivas@example.org")
    page.click("text=Enviarme un enlace de acceso")
    page.wait_for_url("**/es/accounts/sign-in/sent/")
    assert "Revise su buzón" in page.locator("h1").inner_text()

    # Open it from the mailbox and confirm.
    assert len(mail.outbox) == 1
    url = re.search(r"https?://\S+sesame=[A-Za-z0-9_-]+", mail.outbox[0].body)[0]
    parts = urlsplit(url)
    link = f"{parts.path}?{parts.query}"
    page.goto(link)
    page.click("text=Iniciar sesión en el portal")
    page.wait_for_url("**/es/accounts/my-entry/")

    # Change the phone, save, see it kept.
    page.fill("input[name=phone]", "2555 6666")
    page.click("text=Guardar mis datos")
    page.wait_for_url("**/es/accounts/my-entry/")
    assert "Sus datos se han guardado." in page.locator(".messages").inner_text()
    assert page.input_value("input[name=phone]").replace(" ", "").endswith("25556666")

    # Sign out.
    page.click("nav.main-nav >> text=Cerrar sesión")
    page.wait_for_url("**/es/")
    assert page.locator("nav.main-nav >> text=Iniciar sesión").is_visible()

    # The change is in the entry's history, made by the person.
    focal_point.refresh_from_db()
    assert str(focal_point.phone) == "+50325556666"
    user = User.objects.get(focal_point=focal_point)
    event = focal_point.events.order_by("-pgh_id").first()
    assert str(event.phone) == "+50325556666"
    assert event.pgh_context.metadata["user"] == user.pk

    # The same link again is refused.
    page.goto(link)
    assert "Este enlace ya no funciona" in page.locator("h1").inner_text()

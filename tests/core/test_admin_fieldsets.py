"""The admin's forms drawn by Jinja2 (core.forms, core/jinja2) are the pages Django would draw.

Every admin add and change page, in both languages, and forms with errors, are requested
twice: as the portal draws them (widgets and labels through Jinja2, the fieldsets through
core/jinja2/core/admin_fieldset.html) and as Django alone would (its own form renderer and
admin/includes/fieldset.html). The fieldsets must be the same byte for byte; Django's Jinja2
copies of its widget templates place a few line breaks differently (inside a tick box's
label, between options), and Jinja2 writes a quote as &#39; or &#34; where Django writes
&#x27; or &quot;: whole pages are compared with white space and those entities made one.
"""

import contextlib
import re
from pathlib import Path

import django.contrib.admin
import pytest
import time_machine
from django.contrib import admin
from django.forms.renderers import get_default_renderer
from django.template import engines
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.demo import run_loaders
from core.forms import FormRenderer
from core.templatetags import admin_fieldsets
from tests.conftest import loaded_for_module
from tests.factories import SuperUserFactory

pytestmark = pytest.mark.django_db

DJANGO_FIELDSET = (
    Path(django.contrib.admin.__file__).parent / "templates/admin/includes/fieldset.html"
)
# A fresh CSRF mask on every page, and a fresh identifier on an unsaved meeting.
_VARIES = re.compile(
    r'name="csrfmiddlewaretoken" value="[^"]+"'
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


@pytest.fixture(scope="module")
def demo_admin(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, run_loaders), django_db_blocker.unblock():
        yield SuperUserFactory()


@pytest.fixture
def client_of(demo_admin):
    # Frozen: a schedule's add page proposes "now" as its first run, to the second.
    with time_machine.travel(timezone.now(), tick=False):
        client = Client()
        client.force_login(demo_admin)
        yield client


def _as_django_draws_it(monkeypatch, *, widgets: bool):
    """Draw fieldsets with Django's own template, and widgets with its renderer if asked."""
    # Without its last line break: the portal's admin/includes/fieldset.html ends with it.
    template = engines["django"].from_string(DJANGO_FIELDSET.read_text().removesuffix("\n"))
    monkeypatch.setattr(admin_fieldsets, "render_fieldset", template.render)
    renderer = "django.forms.renderers.DjangoTemplates" if widgets else "core.forms.FormRenderer"
    return override_settings(FORM_RENDERER=renderer)


def _page(client, url, data=None, *, spaces: bool) -> tuple[int, str]:
    response = client.post(url, data) if data is not None else client.get(url)
    html = _VARIES.sub("", response.content.decode())
    if not spaces:
        html = re.sub(r"\s*(<|>)\s*", r"\1", re.sub(r"\s+", " ", html))
        html = html.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")
    return response.status_code, html


def _both(client, monkeypatch, url, data=None, *, widgets=True) -> tuple[tuple, tuple]:
    """The page as the portal draws it and as Django would (with its widgets if widgets)."""
    ours = _page(client, url, data, spaces=not widgets)
    with monkeypatch.context() as patch, _as_django_draws_it(patch, widgets=widgets):
        theirs = _page(client, url, data, spaces=not widgets)
    return ours, theirs


def _admin_pages() -> list[str]:
    urls = []
    for model in sorted(admin.site._registry, key=str):
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse(f"{name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{name}_change", args=[first.pk]))
    return urls


def test_the_portal_draws_its_forms_with_jinja2():
    assert isinstance(get_default_renderer(), FormRenderer)
    renderer = FormRenderer()
    assert renderer.get_template("django/forms/widgets/input.html").backend.name == "jinja2"
    # The admin's own wrappers exist only for Django's engine.
    wrapper = renderer.get_template("admin/widgets/related_widget_wrapper.html")
    assert wrapper.backend.name == "django"


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_admin_form_page_is_the_page_django_would_draw(client_of, monkeypatch, language):
    compared = 0
    for url in _admin_pages():
        url = url.replace("/es/", f"/{language}/", 1)
        for widgets in (False, True):
            ours, theirs = _both(client_of, monkeypatch, url, widgets=widgets)
            assert ours[0] == theirs[0], url
            assert ours[1] == theirs[1], (url, "widgets" if widgets else "fieldsets")
        compared += ours[0] == 200 and "<fieldset" in ours[1]
    # The directory's, the library's and the meetings' admins, add and change pages.
    assert compared >= 40


def test_forms_with_errors_are_drawn_as_django_would(client_of, monkeypatch):
    person = reverse("admin:focal_points_focalpoint_add")
    # A malformed e-mail and phone, a missing name: errors on single and shared lines.
    data = {
        "given_name": "",
        "family_name": "Pérez",
        "email": "not-an-e-mail",
        "phone": "12",
        "designations-TOTAL_FORMS": "1",
        "designations-INITIAL_FORMS": "0",
        "designations-0-role": "principal",
        "designations-0-starts_on": "not a date",
    }
    for widgets in (False, True):
        ours, theirs = _both(client_of, monkeypatch, person, data, widgets=widgets)
        assert ours[0] == 200  # drawn again with its errors, nothing saved
        assert "errorlist" in ours[1]
        assert ours == theirs
    for url in (
        reverse("admin:documents_document_add"),
        reverse("admin:meetings_meeting_add"),
        reverse("admin:focal_points_institution_add"),
    ):
        ours, theirs = _both(client_of, monkeypatch, url, {})
        assert ours[0] == 200, url
        assert "errorlist" in ours[1], url
        assert ours == theirs, url


def test_public_forms_are_drawn_as_django_would(monkeypatch):
    visitor = Client()
    for url in ("/es/documents/?q=migraci%C3%B3n&type=report", "/en/accounts/sign-in/"):
        ours, theirs = _both(visitor, monkeypatch, url)
        assert ours[0] == 200, url
        assert ours == theirs, url


def test_a_jinja2_fieldset_escapes_what_it_is_given(client_of, demo_admin):
    from focal_points.models import Institution

    institution = Institution.objects.order_by("pk").first()
    institution.name_es = '<script>alert("x")</script>'
    institution.save()
    page = client_of.get(reverse("admin:focal_points_institution_change", args=[institution.pk]))
    assert b'<script>alert("x")</script>' not in page.content
    assert b"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page.content


def test_an_admin_page_builds_the_list_of_apps_only_where_it_shows_it(client_of, monkeypatch):
    from django.contrib.admin import AdminSite

    built = []
    real = AdminSite.get_app_list

    def counted(site, request, app_label=None):
        built.append(app_label)
        return real(site, request, app_label)

    monkeypatch.setattr(AdminSite, "get_app_list", counted)
    # A list and an edit page: no side bar (crm_portal/urls.py), no list of apps.
    assert client_of.get(reverse("admin:focal_points_country_changelist")).status_code == 200
    assert client_of.get(reverse("admin:focal_points_focalpoint_add")).status_code == 200
    assert built == []
    # The index and an app's page draw it, every model the user may reach.
    index = client_of.get(reverse("admin:index"))
    assert built and reverse("admin:focal_points_focalpoint_changelist") in index.text
    app = client_of.get(reverse("admin:app_list", args=["documents"]))
    assert reverse("admin:documents_document_add") in app.text

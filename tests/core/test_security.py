"""Content-Security-Policy: our own origin only, on public pages and the admin alike."""

import re
from base64 import b64encode
from hashlib import sha256
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tests.conftest import watch_page
from tests.factories import SuperUserFactory

ROOT = Path(__file__).resolve().parents[2]


def _policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/es/", "/en/admin/login/"])
def test_pages_carry_a_policy_without_inline_scripts(client, url):
    policy = _policy(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_500_page_style_allowed_by_hash_is_the_one_in_its_template():
    # Editing templates/500.html's <style> without updating the setting would leave the page
    # unstyled under the policy.
    template = (ROOT / "templates/500.html").read_text(encoding="utf-8")
    inline = re.search(r"<style>(.*?)</style>", template, re.S).group(1)
    assert inline == settings.CSP_500_STYLE
    digest = b64encode(sha256(inline.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_browser_watch_reports_what_the_policy_blocks(browser, live_server):
    # The page fixtures fail a test on these reports: prove that a violation is reported.
    context = browser.new_context(base_url=live_server.url)
    problems: list[str] = []
    page = context.new_page()
    watch_page(page, problems)
    page.goto("/es/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected") is None  # blocked
    context.close()
    # Chromium words these "Refused to execute inline script" or, lately, "Executing inline
    # script violates the following Content Security Policy directive".
    assert any("inline script" in problem for problem in problems), problems
    assert any("inline style" in problem for problem in problems), problems


def _admin_pages() -> list[str]:
    pages = ["/es/admin/", "/en/admin/password_change/"]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        for view in ("changelist", "add"):
            try:
                pages.append(reverse("admin:{}_{}_{}".format(*info, view)))
            except NoReverseMatch:
                continue
    for view in ("import", "export"):
        pages.append(reverse(f"admin:focal_points_focalpoint_{view}"))
    return pages


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_admin_list_and_add_page_runs_under_the_policy(page):
    # The page fixture fails this test on any CSP report, JS error or missing static file.
    SuperUserFactory(username="csp-admin", password="test-password-123")
    page.goto("/es/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "test-password-123")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    visited = 0
    for url in _admin_pages():
        response = page.goto(url)
        assert response.status < 500, url
        assert "content-security-policy" in response.headers, url
        visited += 1
    assert visited > 10

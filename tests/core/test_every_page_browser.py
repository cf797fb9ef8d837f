"""Every page of the portal, in both languages, as Chromium shows it at a laptop's width.

For each page: it opens, axe-core finds no critical or serious WCAG 2.1 A/AA rule, the
document is no wider than the window, and no UI string of the other language shows.
"""

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from core.demo import run_loaders
from tests.catalogue_language import wrong_language_phrases
from tests.site_pages import ANONYMOUS, FOCAL_POINT, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 1280
LOCALES = {"es": "es-ES", "en": "en-GB"}
# What a person reads: the text, and the words given to images, buttons and fields.
# Content marked as written in another language (lang="en" on a Spanish page) is not UI.
VISIBLE_TEXT = """(language) => {
    const foreign = [...document.querySelectorAll("body [lang]")].filter(
        (element) => !element.lang.startsWith(language));
    foreign.forEach((element) => { element.style.display = "none"; });
    const words = [document.title, document.body.innerText];
    foreign.forEach((element) => { element.style.display = ""; });
    for (const element of document.querySelectorAll(
        "img[alt], [aria-label], [title], input[placeholder], input[type=submit], button")) {
        if (element.closest("[hidden], .hidden, .empty-form")) continue;
        if (foreign.some((part) => part.contains(element))) continue;
        for (const name of ["alt", "aria-label", "title", "placeholder", "value"]) {
            const value = element.getAttribute(name);
            if (value && (name !== "value" || element.type === "submit")) words.push(value);
        }
    }
    return words.join("\\n");
}"""
# Data that happens to equal a catalogue string: free text typed by people, not UI.
DATA_NOT_UI = {
    # meetings.demo: a participant's delegation typed as "Secretaría Técnica".
    "admin changelist meetings.participant": {"Secretaría Técnica"},
}
ENGLISH_VALUE_ALTS = "() => [...document.querySelectorAll('img[alt]')].map((i) => i.alt)"


def _session_cookie(user, base_url: str) -> dict:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": base_url}


def _check(page, axe, site_page, language: str) -> list[str]:
    problems = []
    response = page.goto(site_page.url)
    if response is None or response.status >= 400:
        return [f"status {response and response.status}"]
    page.wait_for_load_state("load")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > WIDTH:
        problems.append(f"document {width} px wide at {WIDTH} px")
    problems.extend(f"axe: {finding}" for finding in axe(page))
    foreign = [
        phrase
        for phrase in wrong_language_phrases(page.evaluate(VISIBLE_TEXT, language), language)
        if phrase not in DATA_NOT_UI.get(site_page.kind, ())
    ]
    if foreign:
        problems.append(f"other language: {foreign}")
    alts = [alt for alt in page.evaluate(ENGLISH_VALUE_ALTS) if alt in ("True", "False", "None")]
    if alts:
        problems.append(f"untranslated alt texts: {sorted(set(alts))}")
    return problems


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_page_is_accessible_fits_and_speaks_one_language(browser, live_server, axe, language):
    run_loaders()
    staff = User.objects.get(username="secretariat")
    focal_point_user = User.objects.filter(focal_point__isnull=False).order_by("pk").first()
    contexts = {}
    for who, user in ((ANONYMOUS, None), (FOCAL_POINT, focal_point_user), ("staff", staff)):
        context = browser.new_context(
            locale=LOCALES[language],
            base_url=live_server.url,
            viewport={"width": WIDTH, "height": 800},
        )
        if user is not None:
            context.add_cookies([_session_cookie(user, live_server.url)])
        contexts[who] = context.new_page()

    failures = {}
    pages = site_pages(language, focal_point_user=focal_point_user, staff_user=staff)
    for site_page in pages:
        problems = _check(contexts[site_page.who], axe, site_page, language)
        if problems:
            failures[f"{site_page.kind} {site_page.url}"] = problems
    for page in contexts.values():
        page.context.close()

    assert len(pages) > 60
    assert not failures, "\n".join(f"{where}: {problems}" for where, problems in failures.items())


PHONE_PAGES = (
    "home",
    "library",
    "group contacts",
    "my entry",
    "admin index",
    "admin changelist focal_points.focalpoint",
    "admin change focal_points.focalpoint",
    "coverage",
)


def test_pages_people_open_on_a_phone_fit_375_px(browser, live_server):
    run_loaders()
    staff = User.objects.get(username="secretariat")
    focal_point_user = User.objects.filter(focal_point__isnull=False).order_by("pk").first()
    users = {ANONYMOUS: None, FOCAL_POINT: focal_point_user, "staff": staff}
    pages = [
        p
        for p in site_pages("es", focal_point_user=focal_point_user, staff_user=staff)
        if p.kind in PHONE_PAGES
    ]
    assert {p.kind for p in pages} == set(PHONE_PAGES)
    too_wide = {}
    for site_page in pages:
        context = browser.new_context(
            locale="es-ES", base_url=live_server.url, viewport={"width": 375, "height": 800}
        )
        if users[site_page.who] is not None:
            context.add_cookies([_session_cookie(users[site_page.who], live_server.url)])
        page = context.new_page()
        page.goto(site_page.url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 375:
            too_wide[site_page.kind] = width
        context.close()
    assert not too_wide

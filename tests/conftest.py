"""Fixtures every test package reuses: browser, page per language, query counting."""

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CRM_CHROMIUM", "/usr/bin/chromium")
# CI sets CRM_REQUIRE_BROWSER=1 so a missing Chromium fails the run instead of skipping.
REQUIRE_BROWSER = os.environ.get("CRM_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Start every test in Spanish: a request to /en/ leaves English active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium once per session (never a downloaded browser)."""
    if not (os.path.exists(CHROMIUM_PATH) or shutil.which(CHROMIUM_PATH)):
        message = f"Chromium not found at {CHROMIUM_PATH} (apt-get install chromium)"
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def watch_page(page, problems: list[str]) -> None:
    """Append to problems every JS error, CSP violation and failed request the page meets."""
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    # Chromium reports what the Content-Security-Policy blocked only on the console.
    page.on(
        "console",
        lambda message: (
            problems.append(f"CSP violation on {page.url}: {message.text}")
            if message.type == "error"
            and ("Refused to" in message.text or "Content Security Policy" in message.text)
            else None
        ),
    )
    # A request the page itself cancelled by navigating away (ERR_ABORTED) is no fault.
    page.on(
        "requestfailed",
        lambda request: (
            problems.append(f"request failed: {request.url} ({request.failure})")
            if "ERR_ABORTED" not in (request.failure or "")
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} for {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )


@pytest.fixture
def page_factory(browser, live_server) -> Iterator[Callable]:
    """Open pages in a fresh context; a JS error, CSP violation or failed static request fails."""
    contexts = []
    problems: list[str] = []

    def open_page(locale: str = "es-ES", viewport: tuple[int, int] = (1280, 800)):
        context = browser.new_context(
            locale=locale,
            base_url=live_server.url,
            viewport={"width": viewport[0], "height": viewport[1]},
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        watch_page(page, problems)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not problems, problems


@pytest.fixture
def page(page_factory):
    """A Spanish-speaking browser page at desktop width."""
    return page_factory()


AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_FAILING_IMPACTS = ("critical", "serious")


@pytest.fixture(scope="session")
def axe() -> Callable:
    """Return a helper that runs axe-core on a page and returns its serious findings.

    The script is evaluated through DevTools (page.evaluate), which the portal's
    Content-Security-Policy does not govern; a <script> tag added to the page would be refused.
    """
    source = AXE_SCRIPT.read_text(encoding="utf-8")

    def run(page) -> list[str]:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(source)
        violations = page.evaluate(
            """async (tags) => {
                const result = await window.axe.run(document, {
                    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
                });
                return result.violations.map((v) => ({
                    id: v.id, impact: v.impact,
                    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
                    count: v.nodes.length,
                }));
            }""",
            AXE_TAGS,
        )
        return [
            f"{v['impact']} {v['id']} ({v['count']}x: {', '.join(v['targets'])})"
            for v in violations
            if v["impact"] in AXE_FAILING_IMPACTS
        ]

    return run


@pytest.fixture
def count_queries() -> Callable[[Callable[[], object]], int]:
    """Return a helper that runs a callable and returns how many SQL queries it made."""

    def run(action: Callable[[], object]) -> int:
        with CaptureQueriesContext(connection) as captured:
            action()
        return len(captured.captured_queries)

    return run


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Rate-limit counters and searched pages live in caches: every test starts with none."""
    from django.core.cache import caches

    for alias in ("default", "search_results"):
        caches[alias].clear()
    yield
    for alias in ("default", "search_results"):
        caches[alias].clear()


@contextmanager
def loaded_for_module(django_db_blocker, load: Callable[[], object]) -> Iterator[object]:
    """Run load() once in a transaction that a module's tests share, rolled back at the end.

    For a module-scoped fixture (with django_db_setup): each test's own transaction nests
    inside as a savepoint, so a test still sees only its own writes on top of the data.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield load()
        transaction.set_rollback(True)

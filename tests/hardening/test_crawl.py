"""Crawl the portal as a visitor, a focal point and the Secretariat, then feed every parameter of
every page NUL, letters, huge numbers and overlong text: no answer may be a server error.

The crawl starts from the home page and the admin index and follows the portal's own links
(list filters, pages, records), one page per URL shape (numbers stand for ids), so every list
filter, search box and record page is reached the way a person reaches it. Each page found is
then requested again with each query parameter, and each id or slug in its path, replaced by
every bad value.
"""

import logging
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.test import Client

from core.demo import run_loaders
from focal_points.models import FocalPoint
from tests.accounts.factories import FocalPointUserFactory
from tests.conftest import loaded_for_module
from tests.factories import SuperUserFactory

pytestmark = pytest.mark.django_db

BAD_VALUES = ("\x00", "abc", "9" * 25, "x" * 5_000)
START_PAGES = ("/es/", "/en/", "/es/admin/", "/en/admin/")
MAX_SHAPES_PER_ROLE = 220
# Links whose GET changes state or leaves the portal are not followed.
NOT_FOLLOWED = re.compile(r"^/(static|media)/|/logout/|/sign-out")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith("/") and not href.startswith("//"):
            self.links.append(href.replace("&amp;", "&"))


def _shape(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/{n}", parts.path)
    params = sorted({key for key, _value in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{path}?{'&'.join(params)}"


def _links_of(response) -> list[str]:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = _Links()
    parser.feed(response.content.decode(errors="replace"))
    return parser.links


def _mutations(url: str) -> list[str]:
    """The same page with each query value, and each id or slug of its path, made bad."""
    parts = urlsplit(url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    variants = []
    for index, (key, _value) in enumerate(params):
        for bad in BAD_VALUES:
            changed = [*params[:index], (key, bad), *params[index + 1 :]]
            variants.append(f"{parts.path}?{urlencode(changed)}")
    segments = parts.path.split("/")
    for index, segment in enumerate(segments):
        # Ids and slugs: numbers, and lower-case words with a hyphen or digits, after the
        # language prefix (admin's fixed words stay).
        if index < 2 or not re.fullmatch(r"\d+|[a-z0-9]+(-[a-z0-9]+)+|[A-Z]{2}", segment):
            continue
        for bad in ("%00", "abc", "9" * 25, "x" * 300):
            variants.append("/".join([*segments[:index], bad, *segments[index + 1 :]]))
    return variants


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, run_loaders):
        with django_db_blocker.unblock():
            focal_point = FocalPoint.objects.filter(is_active=True, user__isnull=True).first()
            users = {
                "visitor": None,
                "focal point": FocalPointUserFactory(focal_point=focal_point),
                "secretariat": SuperUserFactory(),
            }
        yield users


@pytest.mark.parametrize("role", ["visitor", "focal point", "secretariat"])
def test_no_parameter_of_any_page_gives_a_server_error(settings, demo_world, role):
    settings.DEBUG = False
    # Thousands of refused requests: keep the 404 warnings out of the output (500s still log).
    logging.getLogger("django.request").setLevel(logging.ERROR)
    logging.getLogger("django.security").setLevel(logging.CRITICAL)
    client = Client(raise_request_exception=False)
    if demo_world[role] is not None:
        client.force_login(demo_world[role])

    # Crawl: one page per URL shape.
    seen_shapes: dict[str, str] = {}
    queue = deque(START_PAGES)
    server_errors = []
    while queue and len(seen_shapes) < MAX_SHAPES_PER_ROLE:
        url = queue.popleft()
        shape = _shape(url)
        if shape in seen_shapes or NOT_FOLLOWED.search(urlsplit(url).path):
            continue
        seen_shapes[shape] = url
        response = client.get(url)
        if response.status_code >= 500:
            server_errors.append((url, response.status_code))
        queue.extend(_links_of(response))

    # Feed every parameter bad values.
    tried = 0
    parameters = set()
    for url in seen_shapes.values():
        for variant in _mutations(url):
            tried += 1
            parameters.add(_shape(url) + "|" + variant.split("?")[-1].split("=")[0])
            response = client.get(variant)
            if response.status_code >= 500:
                server_errors.append((variant[:200], response.status_code))

    print(  # noqa: T201  (the figures the hardening note quotes: pytest -s)
        f"\n{role}: {len(seen_shapes)} pages, {len(parameters)} parameters, "
        f"{tried} bad requests, {len(server_errors)} server errors"
    )
    assert len(seen_shapes) > 20, "the crawl found too few pages: the links changed?"
    assert not server_errors, server_errors[:20]

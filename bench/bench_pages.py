"""Every page against a floor measured in the same run, at the demo size and at scale.

The demo data is loaded and copied to a database of its own; the bench's database then
grows to a middle set (1,000 people, 10,000 documents: a search fills its page and its
candidates as at scale), copied too, and on to about 10,000 people, 20,000 current
designations and 100,000 documents. Each set is served by its own gunicorn (2 sync
workers, as in production, on 127.0.0.1), and for each page the floor (bench/floor.py:
SELECT 1 and a tiny template through the whole middleware stack) and the page are
requested in turn over HTTP, from one set then the others, so that all see the same
machine load. The figure that counts is the median of the ratios page/floor over the
pairs; a growth is the ratio of two sets' ratios. BENCH_REPEAT sets the pairs per page and
set (default 25).
"""

import itertools
import os
import random
import statistics
import time
from contextlib import ExitStack, contextmanager
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.utils import timezone

from bench.bench_documents import SEED
from bench.bench_documents import generate as generate_documents
from bench.floor import FLOOR_PATH
from bench.harness import report
from bench.server import gunicorn, opener
from core.demo import run_loaders
from documents.models import Document
from documents.services import document_search_index_refresh
from focal_points import demo
from focal_points.models import Country, Designation, FocalPoint, Institution, WorkingGroup

PEOPLE = 10_000
DOCUMENTS = 100_000
BATCH = 2_000
ADMIN = "/es/admin/"
REPEAT = int(os.environ.get("BENCH_REPEAT", "25"))
# The copies of the smaller sets: their databases' names are the bench database's and this.
DEMO_SUFFIX, MIDDLE_SUFFIX = "demo", "middle"
# The middle set: a library twice the search's window, a tenth of the directory.
MIDDLE_PEOPLE, MIDDLE_DOCUMENTS = 1_000, 10_000
# The goals, as ratios to the floor.
PUBLIC_MEDIAN_GOAL, SEARCH_P95_GOAL, ADMIN_MEDIAN_GOAL, GROWTH_GOAL = 8, 20, 25, 1.3


def pages(group_slug: str, document_pk: int, person_pk: int) -> list[tuple[str, str, str]]:
    """(kind, label, url) of every page measured."""
    return [
        ("public", "home", "/es/"),
        ("public", "countries list", "/es/directory/countries/"),
        ("public", "country page (MX)", "/es/directory/countries/mx/"),
        ("public", "groups list", "/en/directory/groups/"),
        ("public", "group page", f"/en/directory/groups/{group_slug}/"),
        ("public", "library list", "/es/documents/"),
        ("search", 'library search "migration"', "/en/documents/?q=migration"),
        ("search", 'library search "migración"', "/es/documents/?q=migraci%C3%B3n"),
        ("search", 'library search "remesas desarrollo"', "/es/documents/?q=remesas+desarrollo"),
        # The same search, never asked before: an extra parameter (ignored by the page, part
        # of the kept page's name) makes every request a first one.
        ("search", '"migración", first time', "/es/documents/?q=migraci%C3%B3n&n={n}"),
        ("search", '"remesas desarrollo", first time', "/es/documents/?q=remesas+desarrollo&n={n}"),
        ("search", 'library search symbol "A/63/265"', "/es/documents/?q=A%2F63%2F265"),
        ("public", "document page", f"/es/documents/{document_pk}/"),
        ("admin", "focal point list", "/es/admin/focal_points/focalpoint/"),
        ("admin", 'admin search "nunez"', "/es/admin/focal_points/focalpoint/?q=nunez"),
        ("admin", "coverage", "/es/admin/focal_points/focalpoint/coverage/"),
        ("admin", "designation list", "/es/admin/focal_points/designation/"),
        ("admin", 'designation search "nunez"', "/es/admin/focal_points/designation/?q=nunez"),
        ("admin", "recent changes", "/es/admin/focal_points/focalpoint/recent-changes/"),
        ("admin", "a person's page (admin)", f"{ADMIN}focal_points/focalpoint/{person_pk}/change/"),
        ("admin", "document list (admin)", "/es/admin/documents/document/"),
        ("admin", 'document search (admin) "informe"', "/es/admin/documents/document/?q=informe"),
        ("admin", "a document's page (admin)", f"{ADMIN}documents/document/{document_pk}/change/"),
    ]


def _get(client, url: str) -> float:
    started = time.perf_counter()
    with client.open(url, timeout=60) as response:
        response.read()
        status = response.status
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        raise AssertionError(f"{url} answered {status}")
    return elapsed


_FRESH = itertools.count()


def _fresh(url: str) -> str:
    """The url, with its "{n}" (if any) replaced by a number never used before."""
    return url.format(n=next(_FRESH))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _queries_and_size(client: Client, url: str) -> tuple[int, int]:
    """SQL queries and bytes of one request, served in this process by the test client."""
    queries = []

    def count(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    # Django empties connection.queries when a request starts: count with a wrapper instead.
    with connection.execute_wrapper(count):
        response = client.get(_fresh(url))
    if response.status_code != 200:
        raise AssertionError(f"{url} answered {response.status_code}")
    return len(queries), len(response.content)


def measure_both(bases: dict, floor_client, client, url: str) -> dict:
    """Request the floor and the page of each set in turn REPEAT times: figures per set.

    bases: each set's server, by name. Both sets are served at once and requested one
    after the other, so that their growth compares requests made under the same load (two
    runs minutes apart differed by a fifth on this machine, the floor included). A url
    with "{n}" is a new one at every request (n counts them, across runs too).
    """
    for _ in range(2):
        for base in bases.values():
            _get(floor_client, base + FLOOR_PATH)
            _get(client, base + _fresh(url))
    samples = {name: ([], []) for name in bases}
    for _ in range(REPEAT):
        for name, base in bases.items():
            floor, page = samples[name]
            floor.append(_get(floor_client, base + FLOOR_PATH))
            page.append(_get(client, base + _fresh(url)))
    return {
        name: {
            "floor_samples": floor,
            "page_samples": page,
            "floor": statistics.median(floor),
            "median": statistics.median(page),
            "p95": _p95(page),
        }
        for name, (floor, page) in samples.items()
    }


def top_up_directory(total: int) -> None:
    """Add people to the demo members until there are total: two current seats each."""
    existing = FocalPoint.objects.count()
    today = timezone.localdate()
    countries = list(Country.objects.members().order_by("pk"))
    institutions = {
        country.pk: list(Institution.objects.in_country(country).order_by("pk"))
        for country in countries
    }
    groups = list(WorkingGroup.objects.active().order_by("pk"))
    for start in range(existing, total, BATCH):
        people = []
        for n in range(start, min(start + BATCH, total)):
            country = countries[n % len(countries)]
            people.append(
                FocalPoint(
                    given_name=demo.GIVEN_NAMES[n % len(demo.GIVEN_NAMES)],
                    family_name=f"{demo.FAMILY_NAMES[(n * 7) % len(demo.FAMILY_NAMES)]} {n}",
                    position_es="Analista de Asuntos Migratorios",
                    position_en="Migration Affairs Analyst",
                    institution=institutions[country.pk][n % len(institutions[country.pk])],
                    email=f"bench.{n}@example.org",
                    phone="+50688887777",
                    public_listing_consent=n % 2 == 0,
                    last_verified_on=today - timedelta(days=n % 700),
                )
            )
        FocalPoint.objects.bulk_create(people)
        seats = []
        for n, person in enumerate(people, start=start):
            for k, role in enumerate((Designation.Role.ALTERNATE, Designation.Role.ADDITIONAL)):
                seats.append(
                    Designation(
                        focal_point=person,
                        working_group=groups[(n + k) % len(groups)],
                        country_id=person.institution.country_id,
                        role=role,
                        starts_on=date(2020, 1, 1) + timedelta(days=n % 1500),
                    )
                )
            if n % 4 == 0:  # history the pages must not read
                seats.append(
                    Designation(
                        focal_point=person,
                        working_group=groups[(n + 2) % len(groups)],
                        country_id=person.institution.country_id,
                        role=Designation.Role.ALTERNATE,
                        starts_on=date(2015, 1, 1),
                        ends_on=date(2019, 12, 31),
                    )
                )
        Designation.objects.bulk_create(seats, batch_size=5000)


@contextmanager
def using_database(name: str):
    """Point this process's connection at another database of the cluster for a while."""
    kept = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    caches["search_results"].clear()  # pages kept from the other set
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = kept
        caches["search_results"].clear()


def describe_data() -> str:
    """Say how big the connected database's directory and library are."""
    people = FocalPoint.objects.count()
    current = Designation.objects.current().count()
    documents = Document.objects.count()
    return f"{people:,} people, {current:,} current designations, {documents:,} documents"


def run_sizes(sessions: dict, targets, databases: dict) -> dict:
    """Serve every set with gunicorn, measure every page on all at once; print the figures.

    databases: each set's database, by label. Returns each set's figures, by label.
    """
    figures = {label: {} for label in databases}
    described = {}
    for label, name in databases.items():
        with using_database(name):
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            described[label] = describe_data()
    with ExitStack() as servers:
        bases = {
            label: servers.enter_context(gunicorn(database=name, floor=True))
            for label, name in databases.items()
        }
        load = os.getloadavg()
        floor_client = opener()
        for kind, name, url in targets:
            client = opener(sessions["admin"] if kind == "admin" else "")
            measured = measure_both(bases, floor_client, client, url)
            for label in databases:
                figures[label][name] = {**measured[label], "kind": kind}
    for label, database in databases.items():
        with using_database(database):
            for kind, name, url in targets:
                test_client = sessions["admin_client" if kind == "admin" else "public_client"]
                figures[label][name]["queries"], size = _queries_and_size(test_client, url)
                figures[label][name]["kb"] = size / 1024
        print_figures(
            label, f"{described[label]}; load average {load[0]:.2f} {load[1]:.2f}", figures[label]
        )
    return figures


def print_figures(label: str, description: str, figures: dict) -> None:
    """Print one set's pages against the floor, and keep each page's ratios in figures."""
    # Each page request is divided by the floor request just before it: on a shared machine
    # whose load moves during the run, only neighbours see the same load.
    floor = statistics.median(x for f in figures.values() for x in f["floor_samples"])
    rows = [
        f"{description} ({os.cpu_count()} cores); gunicorn 2 sync workers for each set",
        f"{'page':<38} {'floor':>7} {'median':>8} {'p95':>8} {'x floor':>8} {'p95 x':>6}"
        f" {'SQL':>4} {'KB':>6}",
    ]
    for name, f in figures.items():
        samples = zip(f["page_samples"], f["floor_samples"], strict=True)
        pairs = [page / base for page, base in samples]
        f["ratio"], f["p95_ratio"] = statistics.median(pairs), _p95(pairs)
        rows.append(
            f"{name:<38} {f['floor']:6.1f}ms {f['median']:6.1f}ms {f['p95']:6.1f}ms"
            f" {f['ratio']:7.1f}x {f['p95_ratio']:5.1f}x {f['queries']:>4} {f['kb']:6.0f}"
        )
    rows.append(
        f"floor median over the run: {floor:.2f} ms; x floor = median of page/floor over the"
        " pairs, p95 x = their 95th percentile"
    )
    report(f"Pages against the floor: {label}", rows)


def explain_admin_search(admin) -> list[str]:
    """EXPLAIN ANALYZE the slowest query of the focal-point admin search: which indexes."""
    from django.contrib.admin import site
    from django.test import RequestFactory

    model_admin = site._registry[FocalPoint]
    request = RequestFactory().get("/es/admin/focal_points/focalpoint/", {"q": "nunez"})
    request.user = admin
    captured = []

    def keep(execute, sql, params, many, context):
        started = time.perf_counter()
        result = execute(sql, params, many, context)
        captured.append((time.perf_counter() - started, sql, params))
        return result

    with connection.execute_wrapper(keep):
        queryset, _ = model_admin.get_search_results(request, FocalPoint.objects.all(), "nunez")
        list(queryset.order_by(*model_admin.get_ordering(request))[:100])
        queryset.count()
    rows = []
    for _seconds, sql, params in captured:
        if "focal_points_focalpoint" not in sql.split("FROM", 1)[-1][:40]:
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
            plan = [line for (line,) in cursor.fetchall()]
        rows.append(sql[:90] + " ...")
        rows += [f"  {line.strip()}" for line in plan if "Scan" in line or "Execution" in line]
    return rows


def explain_library_search(text: str) -> list[str]:
    """EXPLAIN ANALYZE a first-time library search's statement: which text index it reads."""
    from django.contrib.auth.models import AnonymousUser

    from documents.selectors import LibraryFilters, document_filtered, document_search_ids

    queryset = document_filtered(user=AnonymousUser(), filters=LibraryFilters(q=text))
    captured = []

    def keep(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        document_search_ids(queryset, text)
    sql, params = captured[-1]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
        plan = [line for (line,) in cursor.fetchall()]
    # "(never executed)" marks the part before the window that a common word never needs.
    return [f"  {line.strip()}" for line in plan if "Scan on" in line or "Time:" in line]


def grow(label: str, people: int, documents: int, rng: random.Random) -> None:
    """Add people and documents up to these totals, as production would index them."""
    started = time.perf_counter()
    top_up_directory(people)
    directory_seconds = time.perf_counter() - started
    started = time.perf_counter()
    existing = Document.objects.count()
    generate_documents(documents - existing, rng, first=existing)
    documents_seconds = time.perf_counter() - started
    # What the queue's nightly task (and migrate) does in production after the library grew.
    recent_index = document_search_index_refresh()
    print(
        f"\n{label} built: directory {directory_seconds:.1f} s, documents"
        f" {documents_seconds:.1f} s; newest documents' text index: {recent_index.name}"
    )
    cache.clear()  # the figures cached for the smaller set (the bulk loads sent no signal)


def verdicts(small: dict, middle: dict, large: dict) -> list[str]:
    """Growth of each page's ratio to the floor, from each smaller set, and the goals."""
    rows = [f"{'page':<38} {'from demo':>9} {'from middle':>11}  goals (large set)"]
    for name, f in large.items():
        growth = f["ratio"] / small[name]["ratio"]
        from_middle = f["ratio"] / middle[name]["ratio"]
        checks = []
        if f["kind"] in ("public", "search"):
            checks.append(("median <= 8x", f["ratio"] <= PUBLIC_MEDIAN_GOAL))
            checks.append(("growth <= 1.3", growth <= GROWTH_GOAL))
            if f["kind"] == "search":
                checks.append(("p95 <= 20x", f["p95_ratio"] <= SEARCH_P95_GOAL))
        else:
            checks.append(("median <= 25x", f["ratio"] <= ADMIN_MEDIAN_GOAL))
        marks = ", ".join(f"{text} {'ok' if ok else 'MISSED'}" for text, ok in checks)
        rows.append(f"{name:<38} {growth:8.2f}x {from_middle:10.2f}x  {marks}")
    return rows


def run() -> None:
    """Load the demo, grow to a middle and a large set (copies kept); measure them together."""
    run_loaders()
    admin = get_user_model().objects.create_superuser("bench-pages", "pages@example.org", "x")
    admin_client = Client()
    admin_client.force_login(admin)
    sessions = {
        "admin": f"sessionid={admin_client.cookies['sessionid'].value}",
        "admin_client": admin_client,
        "public_client": Client(),
    }
    group = WorkingGroup.objects.active().order_by("pk").first()
    document = Document.objects.filter(distribution="public").order_by("pk").first()
    person = Designation.objects.current().order_by("pk").first().focal_point
    targets = pages(group.slug, document.pk, person.pk)
    # The demo data and a middle set kept in databases of their own, served beside the
    # large set: from the middle set on, a search fills its page and its candidates as at
    # scale, so middle to large shows what grows with the data alone.
    copies = {
        label: connection.creation.get_test_db_clone_settings(suffix)["NAME"]
        for label, suffix in (("demo data", DEMO_SUFFIX), ("middle set", MIDDLE_SUFFIX))
    }
    copied = []
    try:
        connection.creation.clone_test_db(suffix=DEMO_SUFFIX, verbosity=0)
        copied.append(DEMO_SUFFIX)
        rng = random.Random(SEED)
        grow("middle set", MIDDLE_PEOPLE, MIDDLE_DOCUMENTS, rng)
        connection.creation.clone_test_db(suffix=MIDDLE_SUFFIX, verbosity=0)
        copied.append(MIDDLE_SUFFIX)
        grow("large set", PEOPLE, DOCUMENTS, rng)
        sizes = run_sizes(
            sessions, targets, {**copies, "large set": connection.settings_dict["NAME"]}
        )
    finally:
        if not os.environ.get("BENCH_KEEP_DB"):
            for suffix in copied:
                connection.creation.destroy_test_db(suffix=suffix, verbosity=0)
    report('Plan of the admin search "nunez" (large set)', explain_admin_search(admin))
    report(
        'Plan of the library search "remesas desarrollo" (large set): the text indexes read',
        explain_library_search("remesas desarrollo"),
    )
    report(
        "Growth to the large set (ratio of ratios, measured side by side)",
        verdicts(sizes["demo data"], sizes["middle set"], sizes["large set"]),
    )

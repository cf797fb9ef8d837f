"""Staff directory admin at 10,000 focal points: changelist, coverage and search."""

import datetime
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.harness import get_ok, report, time_calls
from focal_points.models import Country, Designation, FocalPoint, Institution, WorkingGroup

CHANGELIST = "/es/admin/focal_points/focalpoint/"
COVERAGE = "/es/admin/focal_points/focalpoint/coverage/"
SEARCH = CHANGELIST + "?q=nunez"
GIVEN = ["José", "María", "Ángel", "Lucía", "Raúl", "Inés", "Óscar", "Sofía"]
FAMILY = ["Núñez", "Pérez", "Gómez", "Ibáñez", "Muñoz", "Ávila", "Ortiz", "Peña"]


def seed_reference() -> tuple[list, list, list]:
    """Eleven member countries, twenty institutions each, eight active groups."""
    countries = Country.objects.bulk_create(
        Country(iso_code=f"Q{chr(65 + i)}", name_es=f"País {i}", name_en=f"Country {i}")
        for i in range(11)
    )
    institutions = Institution.objects.bulk_create(
        Institution(
            name_es=f"Ministerio {i} de {country.name_es}",
            name_en=f"Ministry {i} of {country.name_en}",
            kind=Institution.Kind.FOREIGN_AFFAIRS,
            country=country,
        )
        for country in countries
        for i in range(20)
    )
    groups = WorkingGroup.objects.bulk_create(
        WorkingGroup(
            name_es=f"Grupo {i}",
            name_en=f"Group {i}",
            slug=f"group-{i}",
            kind=WorkingGroup.Kind.WORKING_GROUP,
        )
        for i in range(8)
    )
    return countries, institutions, groups


def seed_people(start: int, stop: int, institutions: list, groups: list) -> None:
    """Focal points start..stop, two designations each; the first of each seat is principal."""
    today = datetime.date.today()
    people = FocalPoint.objects.bulk_create(
        (
            FocalPoint(
                given_name=GIVEN[i % len(GIVEN)],
                family_name=f"{FAMILY[i % len(FAMILY)]} {i}",
                position_es="Director de Asuntos Migratorios",
                position_en="Director of Migration Affairs",
                institution=institutions[i % len(institutions)],
                email=f"person{i}@example.org",
                last_verified_on=today - datetime.timedelta(days=i % 700),
            )
            for i in range(start, stop)
        ),
        batch_size=2000,
    )
    seats_taken = set(
        Designation.objects.principals().values_list("country_id", "working_group_id")
    )
    designations = []
    for offset, person in enumerate(people):
        i = start + offset
        country_id = institutions[i % len(institutions)].country_id
        for k in range(2):
            group = groups[(i + k) % len(groups)]
            if (country_id, group.pk) not in seats_taken and k == 0:
                role = Designation.Role.PRINCIPAL
                seats_taken.add((country_id, group.pk))
            else:
                role = Designation.Role.ALTERNATE if k == 0 else Designation.Role.ADDITIONAL
            designations.append(
                Designation(
                    focal_point=person,
                    working_group=group,
                    country_id=country_id,
                    role=role,
                    starts_on=datetime.date(2023, 1, 1),
                    letter_reference=f"NV-{i}",
                )
            )
    Designation.objects.bulk_create(designations, batch_size=5000)


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


EXPLAIN = False


def explain(client) -> None:
    """Print the plan of the slowest query of each page (set EXPLAIN = True)."""
    for url in (CHANGELIST, COVERAGE, SEARCH):
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        for query in captured.captured_queries:
            if float(query["time"]) > 0.05:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN ANALYZE " + query["sql"])
                    print(url, query["time"], query["sql"][:300])
                    print("\n".join(row[0] for row in cursor.fetchall()))


def run() -> None:
    """Seed 10,000 focal points and 20,000 designations, then time the staff pages."""
    _, institutions, groups = seed_reference()
    admin = get_user_model().objects.create_superuser("bench-admin", "bench@example.org", "x")
    client = Client()
    client.force_login(admin)

    seed_people(0, 100, institutions, groups)
    at_100 = count_queries(client, CHANGELIST)
    started = time.perf_counter()
    seed_people(100, 10_000, institutions, groups)
    seeded_in = time.perf_counter() - started
    # Autovacuum would analyse the new rows within a minute; do it now so the planner knows.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    at_10000 = count_queries(client, CHANGELIST)
    if EXPLAIN:
        explain(client)

    rows = [
        f"seeded {FocalPoint.objects.count():,} focal points and "
        f"{Designation.objects.count():,} designations in {seeded_in:.1f} s (bulk_create)",
        f"changelist SQL queries: {at_100} at 100 rows, {at_10000} at 10,000 rows"
        + (" (equal)" if at_100 == at_10000 else " (DIFFERENT!)"),
    ]
    for label, url in (
        ("focal point changelist", CHANGELIST),
        ("coverage page (11 x 8)", COVERAGE),
        ('accent-insensitive search "nunez"', SEARCH),
    ):
        figures = time_calls(get_ok(client, url), repeat=15)
        rows.append(
            f"{label}: median {figures['median_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms,"
            f" {figures['queries']} SQL queries"
        )
    report("Directory admin (10,000 focal points)", rows)

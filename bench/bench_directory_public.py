"""Public directory pages at 100 and 10,000 focal points: SQL queries and median time."""

from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from bench.harness import get_ok, report, time_calls
from focal_points import demo
from focal_points.models import Country, Designation, FocalPoint, Institution, WorkingGroup

SIZES = (100, 10_000)
BATCH = 2_000


def _top_up(total: int) -> None:
    """Add invented focal points, each with one designation, until there are total of them."""
    existing = FocalPoint.objects.count()
    if existing >= total:
        return
    today = timezone.localdate()
    countries = list(Country.objects.members().order_by("pk"))
    institutions = {
        country.pk: list(Institution.objects.in_country(country).order_by("pk"))
        for country in countries
    }
    groups = list(WorkingGroup.objects.order_by("pk"))
    for start in range(existing, total, BATCH):
        people, seats = [], []
        for n in range(start, min(start + BATCH, total)):
            country = countries[n % len(countries)]
            people.append(
                FocalPoint(
                    given_name=demo.GIVEN_NAMES[n % len(demo.GIVEN_NAMES)],
                    family_name=demo.FAMILY_NAMES[(n * 7) % len(demo.FAMILY_NAMES)],
                    position_es="Analista",
                    position_en="Analyst",
                    institution=institutions[country.pk][n % 3],
                    email=f"bench.{n}@example.org",
                    public_listing_consent=n % 2 == 0,
                    last_verified_on=today - timedelta(days=n % 700),
                )
            )
        FocalPoint.objects.bulk_create(people)
        for n, person in enumerate(people, start=start):
            # One in five seats is current; the rest are history the pages must not read.
            current = n % 5 == 0
            seats.append(
                Designation(
                    focal_point=person,
                    working_group=groups[n % len(groups)],
                    country_id=person.institution.country_id,
                    role=Designation.Role.ADDITIONAL if n % 2 else Designation.Role.ALTERNATE,
                    starts_on=date(2015, 1, 1),
                    ends_on=None if current else date(2020, 1, 1),
                )
            )
        Designation.objects.bulk_create(seats)


def run() -> None:
    """Time the countries list, a country page, the groups list and a group page."""
    demo.load()
    client = Client()
    group = WorkingGroup.objects.order_by("pk").first()
    pages = [
        ("countries list", "/es/directory/countries/"),
        ("country page (MX)", "/es/directory/countries/mx/"),
        ("groups list", "/en/directory/groups/"),
        ("group page", f"/en/directory/groups/{group.slug}/"),
    ]
    rows = []
    queries: dict[str, set[int]] = {}
    for size in SIZES:
        _top_up(size)
        current = Designation.objects.current().count()
        rows.append(
            f"{FocalPoint.objects.count():,} focal points, {Designation.objects.count():,}"
            f" designations ({current:,} current)"
        )
        for label, url in pages:
            figures = time_calls(get_ok(client, url), repeat=20)
            queries.setdefault(label, set()).add(figures["queries"])
            rows.append(
                f"  {label:<18} median {figures['median_ms']:7.1f} ms,"
                f" p95 {figures['p95_ms']:7.1f} ms, {figures['queries']} SQL queries"
            )
    constant = all(len(counts) == 1 for counts in queries.values())
    rows.append(f"query counts equal at both sizes: {'yes' if constant else 'NO'}")
    report("Public directory pages", rows)
    if not constant:
        raise AssertionError(f"query counts differ between sizes: {queries}")

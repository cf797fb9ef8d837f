"""Home page at the demo data size: median time and SQL query count."""

from django.test import Client

from bench.harness import get_ok, report, time_calls
from core.demo import run_loaders


def run() -> None:
    """Load the demo data, then time the home page in both languages."""
    run_loaders()
    client = Client()
    rows = []
    for language in ("es", "en"):
        figures = time_calls(get_ok(client, f"/{language}/"), repeat=50)
        rows.append(
            f"/{language}/ median {figures['median_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms,"
            f" {figures['queries']} SQL queries"
        )
    report("Home page (demo data)", rows)

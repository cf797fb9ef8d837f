"""Shared tools for `make bench`: a throw-away database, timers, query counts, memory."""

import os
import statistics
import time
import tracemalloc
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext


@contextmanager
def bench_database():
    """Create a fresh database for one benchmark run and drop it afterwards."""
    # No setup_test_environment(): it instruments template rendering so that the test client
    # can copy every template context, which production does not pay for. The bench settings
    # already allow the test client's host and keep e-mails in memory.
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        if os.environ.get("BENCH_KEEP_DB"):
            # For EXPLAIN by hand afterwards; the next run replaces it.
            print(f"kept database {connection.settings_dict['NAME']}")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def time_calls(action: Callable[[], object], repeat: int = 20, warmup: int = 2) -> dict:
    """Run action repeatedly; return median and p95 in milliseconds and the query count."""
    for _ in range(warmup):
        action()
    with CaptureQueriesContext(connection) as captured:
        action()
    queries = len(captured.captured_queries)
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        durations.append((time.perf_counter() - started) * 1000)
    reset_queries()
    durations.sort()
    p95_index = max(0, round(0.95 * len(durations)) - 1)
    return {
        "median_ms": statistics.median(durations),
        "p95_ms": durations[p95_index],
        "queries": queries,
    }


@contextmanager
def measure(label: str, results: list):
    """Time a block and its peak Python memory; append a result row."""
    tracemalloc.start()
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    results.append(f"{label}: {elapsed:.2f} s, peak Python memory {peak / 2**20:.1f} MiB")


def get_ok(client, url: str, **headers) -> Callable[[], object]:
    """Return an action that GETs url and fails loudly unless it answers 200."""

    def action():
        response = client.get(url, **headers)
        if response.status_code != 200:
            raise AssertionError(f"{url} answered {response.status_code}")
        return response

    return action


def report(title: str, rows: list[str]) -> None:
    """Print one benchmark's figures."""
    print(f"\n== {title}")
    for row in rows:
        print(f"   {row}")

"""`make load`: locust against gunicorn on 127.0.0.1 for a bounded time, on bench data.

    .venv/bin/python -m bench.load                      # 50 users, 3 minutes, large set
    .venv/bin/python -m bench.load --short              # 10 users, 20 s, demo data
    .venv/bin/python -m bench.load --users 80 --seconds 60 --worker-class gthread --workers 2

Builds a throw-away database on the bench cluster (the demo data, then unless --short the
large set of bench_pages), serves it with gunicorn bound to loopback only, runs the mix of
bench/locustfile.py headless and prints requests/s, errors, median, p95 and p99.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.server import BIN, gunicorn

ADMIN_USER, ADMIN_PASSWORD = "load-admin", "load-admin-password"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="10 users, 20 s, demo data")
    parser.add_argument("--users", type=int)
    parser.add_argument("--seconds", type=int)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--conn-max-age", type=int, default=60)
    parser.add_argument(
        "--compare",
        metavar="CONFIGS",
        help="several servers on the same data, one after the other, e.g."
        " sync:3:0,sync:3:60,gthread:2x4:60 (class:workers[xthreads]:CONN_MAX_AGE)",
    )
    arguments = parser.parse_args()
    arguments.users = arguments.users or (10 if arguments.short else 50)
    arguments.seconds = arguments.seconds or (20 if arguments.short else 180)
    return arguments


def _prepare(short: bool) -> dict:
    """Fill the throw-away database; return what the locustfile needs to know."""
    import random

    from django.contrib.auth import get_user_model

    from bench.bench_documents import SEED, generate
    from bench.bench_pages import DOCUMENTS, PEOPLE, top_up_directory
    from core.demo import run_loaders
    from documents.models import Document
    from focal_points.models import WorkingGroup

    run_loaders()
    if not short:
        top_up_directory(PEOPLE)
        existing = Document.objects.count()
        generate(DOCUMENTS - existing, random.Random(SEED), first=existing)
    get_user_model().objects.create_superuser(ADMIN_USER, "load@example.org", ADMIN_PASSWORD)
    public = Document.objects.public()
    return {
        "LOAD_GROUPS": ",".join(WorkingGroup.objects.active().values_list("slug", flat=True)),
        "LOAD_DOCUMENTS": ",".join(
            str(pk) for pk in public.order_by("-date").values_list("pk", flat=True)[:50]
        ),
        "LOAD_LIBRARY_PAGES": str(max(1, -(-public.count() // 20))),
        "LOAD_ADMIN_USER": ADMIN_USER,
        "LOAD_ADMIN_PASSWORD": ADMIN_PASSWORD,
    }


def _summary(stats_csv: Path) -> list[str]:
    with stats_csv.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = [
        f"{'request':<22} {'count':>6} {'errors':>6} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6}"
    ]
    for row in rows:
        name = f"{row['Type']} {row['Name']}".strip()[:22]
        lines.append(
            f"{name:<22} {row['Request Count']:>6} {row['Failure Count']:>6}"
            f" {float(row['Requests/s']):6.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    return lines


def _configs(arguments) -> list[dict]:
    """The server settings to try: --compare's list, or the single one of the options."""
    if not arguments.compare:
        return [
            {
                "worker_class": arguments.worker_class,
                "workers": arguments.workers,
                "threads": arguments.threads,
                "conn_max_age": arguments.conn_max_age,
            }
        ]
    configs = []
    for item in arguments.compare.split(","):
        worker_class, workers, conn_max_age = item.split(":")
        workers, _x, threads = workers.partition("x")
        configs.append(
            {
                "worker_class": worker_class,
                "workers": int(workers),
                "threads": int(threads or 1),
                "conn_max_age": int(conn_max_age),
            }
        )
    return configs


def _run(arguments, config: dict, database: str, locust_environment: dict) -> None:
    """Serve the data with one configuration, run the mix, print the figures."""
    with gunicorn(database=database, **config) as base, tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "load"
        load_before = os.getloadavg()
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                f"--users={arguments.users}",
                f"--spawn-rate={max(1, arguments.users // 10)}",
                f"--run-time={arguments.seconds}s",
                f"--host={base}",
                f"--csv={prefix}",
                "--only-summary",
                "--loglevel=WARNING",
            ],
            env={**os.environ, **locust_environment},
            check=False,
            stdout=subprocess.DEVNULL,
        )
        lines = _summary(Path(f"{prefix}_stats.csv"))
    worker = config["worker_class"] + (
        f" x{config['threads']} threads" if config["worker_class"] == "gthread" else ""
    )
    print(
        f"\n== Load: {arguments.users} users for {arguments.seconds} s, gunicorn"
        f" {config['workers']} {worker} workers, CONN_MAX_AGE={config['conn_max_age']};"
        f" load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}"
        f" ({os.cpu_count()} cores)"
    )
    print("   times in ms; the Aggregated line is the whole mix")
    for line in lines:
        print(f"   {line}", flush=True)


def main() -> int:
    """Prepare the data, serve it, load it, report; stop gunicorn whatever happens."""
    arguments = _arguments()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm_portal.settings.bench")
    import django

    django.setup()
    from django.db import connection

    from bench.harness import bench_database

    with bench_database():
        started = time.perf_counter()
        locust_environment = _prepare(arguments.short)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        from django.core.cache import cache

        cache.clear()  # figures cached before the bulk loads (which send no signal)
        print(f"data ready in {time.perf_counter() - started:.0f} s")
        database = connection.settings_dict["NAME"]
        connection.close()  # the workers open their own
        for config in _configs(arguments):
            _run(arguments, config, database, locust_environment)
    return 0


if __name__ == "__main__":
    sys.exit(main())

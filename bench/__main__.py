"""Run every bench/bench_*.py module on a throw-away database: `make bench`."""

import os
import sys
import time
from importlib import import_module
from pathlib import Path


def main() -> int:
    """Run the benchmarks named on the command line, or all of them."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm_portal.settings.bench")
    import django

    django.setup()
    from bench.harness import bench_database

    names = sys.argv[1:] or sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    started = time.perf_counter()
    for name in names:
        module = import_module(f"bench.{name}")
        with bench_database():
            module.run()
    print(f"\nAll benchmarks done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build one file of a pickled contact list in a fresh process and print its figures as JSON.

`python -m bench.contact_list_build pdf|xlsx ROWS.pickle`, run by bench_contact_lists: a
process of its own, so that ru_maxrss is this build's peak and nothing else's.
"""

import io
import json
import os
import pickle
import resource
import sys
import time

import django


def _resident_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(fmt: str, rows_path: str) -> None:
    """Build the list's file once (after a one-row warm-up) and print time and memory."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm_portal.settings.bench")
    django.setup()
    from django.utils import translation
    from pypdf import PdfReader

    from accounts.contact_lists.pdf import contact_list_pdf
    from accounts.contact_lists.xlsx import contact_list_xlsx

    build = {"pdf": contact_list_pdf, "xlsx": contact_list_xlsx}[fmt]
    with open(rows_path, "rb") as handle:
        contact_list = pickle.load(handle)
    with translation.override("es"):
        # Fonts, templates and the stylesheet loaded once, as in a worker that ran before.
        build(contact_list.__class__(title="warm-up", slug="w", rows=contact_list.rows[:1]))
        before = _resident_mib()
        started, cpu_started = time.perf_counter(), time.process_time()
        content = build(contact_list)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    figures = {
        "seconds": seconds,
        "cpu": cpu,
        "before_mib": before,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "size_mib": len(content) / 2**20,
    }
    if fmt == "pdf":
        figures["pages"] = len(PdfReader(io.BytesIO(content)).pages)
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

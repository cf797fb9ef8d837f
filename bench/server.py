"""gunicorn on 127.0.0.1 serving a bench database, for bench_pages and `make load`."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"  # never anything else: benchmarks and load stay on this machine
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def opener(cookie: str = "") -> urllib.request.OpenerDirector:
    """An HTTP client that never goes through a proxy, optionally with a session cookie."""
    client = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    if cookie:
        client.addheaders = [("Cookie", cookie)]
    return client


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    client = opener()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited before answering")
        try:
            with client.open(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout:.0f} s")


@contextmanager
def gunicorn(
    *,
    database: str,
    workers: int = 2,
    worker_class: str = "sync",
    threads: int = 4,
    conn_max_age: int = 60,
    floor: bool = False,
):
    """Serve the portal (with the bench floor when floor=True); yield its base URL."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "crm_portal.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        f"--worker-class={worker_class}",
        "--no-control-socket",
        "--log-level=warning",
    ]
    if worker_class == "gthread":
        # Longer than a visitor's pause (1-3 s): with gunicorn's 2 s, the server closed idle
        # keep-alive connections just as the next request came in (connection resets).
        command += [f"--threads={threads}", "--keep-alive=5"]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crm_portal.settings.bench",
        "BENCH_DATABASE_NAME": database,
        "DJANGO_CONN_MAX_AGE": str(conn_max_age),
        "BENCH_FLOOR": "1" if floor else "",
    }
    process = subprocess.Popen(command, env=environment)
    base = f"http://{HOST}:{port}"
    try:
        _wait_until_up(f"{base}/healthz", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)

"""Stopping `make run`'s server stops the private PostgreSQL cluster cleanly."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = "postgres-shutdown-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_served(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"runserver exited early: {server.stderr.read()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # Any answer means Django is serving.
        except OSError:
            time.sleep(0.2)
    pytest.fail("runserver did not answer in time")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_stopping_runserver_with_its_autoreloader_stops_the_cluster(stop_signal):
    # The autoreloader's parent SIGKILLs its child on shutdown; the cluster used to stay up
    # behind an empty PID file and a traceback.
    datadir = ROOT / "var" / CLUSTER
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crm_portal.settings.dev",
        "CRM_EMBEDDED_CLUSTER": CLUSTER,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _wait_until_served(f"http://127.0.0.1:{port}/healthz", server)
        os.killpg(server.pid, stop_signal)
        _, stderr = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    assert "Traceback" not in stderr
    assert json.loads((datadir / ".handle_pids.json").read_text()) == []
    assert not (datadir / "postmaster.pid").exists()

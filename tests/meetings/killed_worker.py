"""A worker process that sends the pending circulars and is SIGKILLed on the way.

Run by tests/meetings/test_circulars_killed.py with the test database's name in
KILLED_WORKER_DATABASE (see circular_helpers.SigkilledBackend for the other variables).
"""

import os

import django
from django.conf import settings


def main() -> None:
    """Point at the test's database, send what is pending: the backend kills the process."""
    settings.DATABASES["default"]["NAME"] = os.environ["KILLED_WORKER_DATABASE"]
    settings.EMAIL_BACKEND = "tests.meetings.circular_helpers.SigkilledBackend"
    django.setup()
    from meetings.circulars.sending import circular_send_pending

    circular_send_pending()


if __name__ == "__main__":
    main()

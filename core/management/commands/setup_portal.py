from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Prepare the portal in one process: migrate, then load the demo data and accounts."

    def handle(self, *args, **options) -> None:
        # One process for both steps: the embedded PostgreSQL starts once.
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Database migrated."))
        call_command("load_demo")

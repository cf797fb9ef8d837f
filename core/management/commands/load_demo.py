from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo import run_loaders


class Command(BaseCommand):
    help = "Load the demo data (idempotent: a second run changes nothing)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            lines = run_loaders()
        for line in lines:
            self.stdout.write(line)

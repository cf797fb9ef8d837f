"""Contact lists of 2,000 people: the PDF (WeasyPrint) and the XLSX, time and peak memory.

The whole directory's list as the Secretariat reads it (2,000 people, one seat each, eleven
countries, five groups), built by the same code the download views and the queue's task run.
Each file is built in a fresh child process (bench/contact_list_build.py), so that its peak
resident set (ru_maxrss) is that build's alone: tracemalloc does not see WeasyPrint's and
Pango's allocations in C. On a shared machine read the PDF's time as a ratio to the XLSX's
of the same run.
"""

import datetime
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import phonenumbers
from django.utils import translation

from accounts.contact_lists.rows import contact_list_read
from accounts.models import User
from bench.harness import report
from focal_points.demo import MEMBERS
from focal_points.models import Country, Designation, FocalPoint, Institution, WorkingGroup

PEOPLE = 2_000
GIVEN = ["José", "María", "Ángel", "Lucía", "Íñigo", "Sofía", "Raúl", "Inés", "Andrés", "Zoé"]
FAMILY = ["Núñez", "Pérez", "Muñoz", "Ibáñez", "Gómez", "Álvarez", "Ruiz", "Peña", "Solís"]


def _directory() -> None:
    countries = Country.objects.bulk_create(
        Country(iso_code=iso, name_es=es, name_en=en, status="member") for iso, es, en in MEMBERS
    )
    groups = WorkingGroup.objects.bulk_create(
        WorkingGroup(name_es=f"Grupo {n}", name_en=f"Group {n}", slug=f"g{n}", kind="working_group")
        for n in range(5)
    )
    institutions = Institution.objects.bulk_create(
        Institution(
            name_es=f"Ministerio de Relaciones Exteriores de {country.name_es}",
            kind="foreign_affairs",
            country=country,
            address=f"Avenida Central 1\n{country.name_es}",
        )
        for country in countries
    )
    people = []
    for number in range(PEOPLE):
        institution = institutions[number % len(institutions)]
        iso = institution.country.iso_code
        fixed = phonenumbers.example_number_for_type(iso, phonenumbers.PhoneNumberType.FIXED_LINE)
        mobile = phonenumbers.example_number_for_type(iso, phonenumbers.PhoneNumberType.MOBILE)
        people.append(
            FocalPoint(
                honorific=["", "mr", "ms", "dr"][number % 4],
                given_name=GIVEN[number % len(GIVEN)],
                family_name=f"{FAMILY[number % len(FAMILY)]} {number}",
                position_es="Director de Asuntos Migratorios",
                institution=institution,
                email=f"person{number}@example.org",
                phone=fixed,
                mobile=mobile,
                fax=fixed,
                postal_address=f"Apartado {number}\nCiudad",
                languages=["es", "en"],
            )
        )
    people = FocalPoint.objects.bulk_create(people)
    Designation.objects.bulk_create(
        Designation(
            focal_point=person,
            working_group=groups[number % len(groups)],
            country=person.institution.country,
            role="additional",
            starts_on=datetime.date(2024, 1, 1),
        )
        for number, person in enumerate(people)
    )


def _measure(fmt: str, rows_path: str) -> dict:
    answer = subprocess.run(
        [sys.executable, "-m", "bench.contact_list_build", fmt, rows_path],
        cwd=Path(__file__).resolve().parent.parent,
        env=os.environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def _line(label: str, figures: dict) -> str:
    return (
        f"{label}: {figures['seconds']:.2f} s ({figures['cpu']:.2f} s CPU), "
        f"{figures['size_mib']:.2f} MiB, peak resident set {figures['peak_mib']:.0f} MiB "
        f"({figures['before_mib']:.0f} MiB before the build)"
    )


def run() -> None:
    _directory()
    secretariat = User.objects.create_superuser("bench-st", "st@example.org", "x", is_staff=True)
    results = []
    with translation.override("es"):
        started = time.perf_counter()
        contact_list = contact_list_read(user=secretariat)
        results.append(
            f"read {len(contact_list.rows)} rows: {(time.perf_counter() - started) * 1000:.0f} ms"
        )
    assert len(contact_list.people()) == PEOPLE
    with tempfile.NamedTemporaryFile(suffix=".pickle") as rows_file:
        pickle.dump(contact_list, rows_file)
        rows_file.flush()
        xlsx = _measure("xlsx", rows_file.name)
        pdf = _measure("pdf", rows_file.name)
    results.append(_line("XLSX", xlsx))
    results.append(_line("PDF", pdf))
    results.append(f"PDF pages: {pdf['pages']}")
    results.append(
        f"PDF time / XLSX time: {pdf['seconds'] / xlsx['seconds']:.1f} "
        f"(CPU {pdf['cpu'] / xlsx['cpu']:.1f})"
    )
    report(f"Contact lists of {PEOPLE:,} people (whole directory)", results)

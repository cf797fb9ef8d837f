"""Contact lists of 2,000 people: the PDF (WeasyPrint) and the XLSX, time and peak memory.

The whole directory's list as the Secretariat reads it (2,000 people, one seat each, eleven
countries, five groups), built by the same code the download views and the queue's task run.
Peak memory: the growth of the process's resident set (WeasyPrint and Pango allocate outside
Python) and, for the XLSX, Python's own peak (tracemalloc, a second run; under tracemalloc
WeasyPrint runs several times slower, so the PDF is measured once).
"""

import datetime
import io
import resource
import time
import tracemalloc

import phonenumbers
from django.utils import translation
from pypdf import PdfReader

from accounts.contact_lists.pdf import contact_list_pdf
from accounts.contact_lists.rows import contact_list_read
from accounts.contact_lists.xlsx import contact_list_xlsx
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


def _measure(label: str, build, results: list, *, python_peak: bool) -> bytes:
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    content = build()
    elapsed = time.perf_counter() - started
    rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    size = len(content) / 2**20
    line = f"{label}: {elapsed:.2f} s, {size:.2f} MiB, resident set grew {rss_growth:.0f} MiB"
    if python_peak:
        tracemalloc.start()
        build()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        line += f", peak Python memory {peak / 2**20:.0f} MiB"
    results.append(line)
    return content


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
        _measure("XLSX", lambda: contact_list_xlsx(contact_list), results, python_peak=True)
        pdf = _measure("PDF", lambda: contact_list_pdf(contact_list), results, python_peak=False)
        results.append(f"PDF pages: {len(PdfReader(io.BytesIO(pdf)).pages)}")
    report(f"Contact lists of {PEOPLE:,} people (whole directory)", results)

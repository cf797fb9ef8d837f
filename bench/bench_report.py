"""The Presidency's report on a group of 11 countries with 40 activities (HTML and PDF), and
the handover package at 10,000 focal points."""

import datetime
import io
import time
import tracemalloc
import zipfile
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from pypdf import PdfReader

from bench.bench_directory_admin import seed_people, seed_reference
from bench.harness import report
from meetings.models import Activity, Decision, Indicator, Measurement, Meeting, WorkPlan

ACTIVITIES = 40


def seed_plan(group) -> Meeting:
    """Two GRCM meetings, a plan of 40 activities with two measured goals each, decisions."""
    today = datetime.date.today()
    previous = Meeting.objects.create(
        kind=Meeting.Kind.GRCM, title_es="GRCM anterior", slug="bench-grcm-previous",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today - datetime.timedelta(days=199),
    )  # fmt: skip
    grcm = Meeting.objects.create(
        kind=Meeting.Kind.GRCM, title_es="GRCM", title_en="GRCM", slug="bench-grcm",
        starts_on=today, ends_on=today + datetime.timedelta(days=1),
    )  # fmt: skip
    plan = WorkPlan.objects.create(
        working_group=group, title_es="Plan", title_en="Plan", status=WorkPlan.Status.ADOPTED,
        starts_on=today - datetime.timedelta(days=365),
        ends_on=today + datetime.timedelta(days=365),
    )  # fmt: skip
    statuses = Activity.Status.values
    activities = Activity.objects.bulk_create(
        Activity(
            plan=plan, position=i, title_es=f"Actividad {i} del plan regional",
            title_en=f"Activity {i} of the regional plan", status=statuses[i % len(statuses)],
        )
        for i in range(ACTIVITIES)
    )  # fmt: skip
    indicators = Indicator.objects.bulk_create(
        Indicator(
            activity=activity, position=k, description_es=f"Meta {activity.position}.{k}",
            description_en=f"Goal {activity.position}.{k}", unit_es="países", unit_en="countries",
            baseline=Decimal(0), target=Decimal(11),
        )
        for activity in activities
        for k in range(2)
    )  # fmt: skip
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator, measured_on=today - datetime.timedelta(days=30 * m),
            value=Decimal((indicator.pk + m) % 11),
        )
        for indicator in indicators
        for m in range(3)
    )  # fmt: skip
    for number in range(1, 11):
        decision = Decision.objects.create(
            meeting=previous, kind=Decision.Kind.RECOMMENDATION, number=number,
            text_es=f"Recomendación {number} al grupo.", text_en=f"Recommendation {number}.",
        )  # fmt: skip
        decision.working_groups.add(group)
    return grcm


def run() -> None:
    """Seed the directory and a plan, then time the report and the handover package."""
    _, institutions, groups = seed_reference()
    seed_people(0, 10_000, institutions, groups)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    grcm = seed_plan(groups[0])
    admin = get_user_model().objects.create_superuser("bench-report", "bench@example.org", "x")
    client = Client()
    client.force_login(admin)
    base = f"/en/meetings/reports/{groups[0].slug}/"
    query = f"?meeting={grcm.slug}&language=en"
    rows = []
    pages = (
        (f"report as HTML (11 countries, {ACTIVITIES} activities)", base + query),
        (f"report as PDF (11 countries, {ACTIVITIES} activities)", base + "pdf/" + query),
        ("handover package (10,000 focal points)", "/en/meetings/reports/handover/"),
    )
    for label, url in pages:
        client.get(url)  # warm templates, fonts and caches
        rows.append(timed(client, url, label))
    report("Presidency's report and handover", rows)


def timed(client, url: str, label: str) -> str:
    """Time one request alone, then take its peak memory in a second run.

    tracemalloc slows Python several times over: the two are not measured together.
    """
    # Django resets its query log when a request starts: count through a wrapper instead.
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    tracemalloc.start()
    client.get(url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    extra = ""
    if response["Content-Type"] == "application/zip":
        names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        extra = f", files: {', '.join(names)}"
    elif response["Content-Type"] == "application/pdf":
        extra = f", {len(PdfReader(io.BytesIO(response.content)).pages)} pages"
    return (
        f"{label}: {elapsed:.2f} s, peak Python memory {peak / 2**20:.1f} MiB, "
        f"{len(executed)} SQL queries, {len(response.content):,} bytes{extra}"
    )

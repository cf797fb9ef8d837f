"""The Presidency's report: its figures against known answers, the PDF, publishing, handover."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from documents.models import Document
from focal_points.models import ChangeRequest, Country
from meetings.models import MeetingDocument, ReportPublication
from meetings.reports.handover import handover_package, neutralise
from meetings.reports.pdf import StaticFilesFetcher, report_pdf
from meetings.reports.publishing import report_publish
from meetings.reports.selectors import Period, SeatState, default_period, presidency_report
from tests.focal_points.factories import DesignationFactory
from tests.meetings.factories import ActivityFactory, IndicatorFactory, MeasurementFactory
from tests.meetings.report_fixture import PERIOD, build_report_world, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world):
    return {**world, **build_report_world(world)}


def report_of(rw, **kwargs):
    return presidency_report(working_group=rw["group"], meeting=rw["grcm"], **kwargs)


def test_default_period_runs_from_the_day_after_the_previous_grcm_to_the_meeting(rw):
    period = default_period(rw["grcm"])

    assert (period.starts_on, period.ends_on) == PERIOD


def test_coverage_names_each_member_country_designated_stale_or_vacant(rw):
    report = report_of(rw)
    states = {
        row.country.iso_code: (row.principal_state, row.alternate_state) for row in report.coverage
    }

    assert states["CR"] == (SeatState.DESIGNATED, SeatState.STALE)
    # The principal's last day is the report's day: still in office.
    assert states["PA"] == (SeatState.DESIGNATED, SeatState.VACANT)
    # Guatemala's principal starts the day after; Mexico sits only in another group.
    assert states["GT"] == (SeatState.VACANT, SeatState.VACANT)
    assert states["MX"] == (SeatState.VACANT, SeatState.VACANT)
    assert len(report.coverage) == Country.objects.members().count()
    assert report.vacant_countries == Country.objects.members().count() - 2


def test_changes_count_the_seats_started_and_ended_within_the_bounds(rw):
    report = report_of(rw)

    assert [(d.country.iso_code, d.role) for d in report.started] == [("CR", "alternate")]
    assert [(d.country.iso_code, d.ends_on) for d in report.ended] == [("PA", PERIOD[1])]


def test_meetings_held_in_the_period_with_only_members_documents(rw):
    report = report_of(rw)

    assert [meeting.slug for meeting in report.meetings] == ["group-held"]
    titles = [link.document.title_en for link in report.meetings[0].report_links]
    assert titles == ["Minutes of the group"]


def test_plan_activities_by_status_and_indicator_progress_at_the_period_end(rw):
    report = report_of(rw)

    assert [section.plan.title_en for section in report.plans] == ["Plan 2024-2025"]
    counts = {value: count for value, _label, count in report.plans[0].by_status}
    assert counts == {"planned": 1, "under_way": 1, "done": 1, "postponed": 0, "dropped": 0}
    progress = {item.indicator.pk: (item.value, item.percent) for item in report.indicators}
    # (7 - 2) / (12 - 2): the value of October comes after the period and is left out.
    assert progress[rw["half"].pk] == (Decimal("7.00"), 50)
    assert progress[rw["unmeasured"].pk] == (None, None)


def test_follow_up_lists_the_decisions_addressed_to_the_group_with_the_period_notes(rw):
    report = report_of(rw)

    assert [decision.pk for decision in report.decisions] == [rw["recommendation"].pk]
    assert [note.text_es for note in report.decisions[0].period_notes] == ["Avance."]


def test_a_chosen_period_replaces_the_default_one(rw):
    report = report_of(rw, period=Period(PERIOD[0], PERIOD[0]))

    assert [d.role for d in report.started] == ["alternate"]
    assert report.ended == []


def test_the_report_reads_in_the_same_number_of_queries_however_big_the_group(rw):
    with CaptureQueriesContext(connection) as small:
        report_of(rw)
    for _index in range(5):
        activity = ActivityFactory(plan=rw["plan"])
        activity.responsible_countries.set([rw["country_a"], rw["country_b"]])
        MeasurementFactory(indicator=IndicatorFactory(activity=activity))
        DesignationFactory(
            focal_point=person(rw["country_b"]), working_group=rw["group"],
            role="additional", starts_on=PERIOD[0],
        )  # fmt: skip
    with CaptureQueriesContext(connection) as big:
        report_of(rw)

    # 14 for the sections before, at most 3 for the communication tests.
    assert len(big) == len(small) <= 17


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        ("en", ["Report of the Pro-Tempore Presidency", "Coverage of the member countries",
                "Changes in the designations", "Meetings and seminars held", "The work plan",
                "Follow-up of decisions and recommendations"]),
        ("es", ["Informe de la Presidencia Pro Tempore", "Cobertura de los países miembros",
                "Cambios en las designaciones", "Reuniones y seminarios realizados",
                "El plan de trabajo", "Seguimiento de las decisiones y recomendaciones"]),
    ],
)  # fmt: skip
def test_the_pdf_holds_the_headings_in_its_language_and_every_member_country(
    rw, language, headings
):
    with translation.override(language):
        report = report_of(rw, presidency_text="Texto de la Presidencia.")
        data = report_pdf(report, language=language)
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)

    assert data.startswith(b"%PDF")
    for heading in headings:
        assert heading in text
    with translation.override(language):
        for country in Country.objects.members():
            assert str(country.name) in text
    # pypdf splits a kerned "Te" into "T e": compare the text without spaces.
    assert "TextodelaPresidencia." in "".join(text.split())
    assert "Mexico" in text or "México" in text  # the presidency, on the cover
    # A4, numbered from the second page.
    assert round(float(reader.pages[0].mediabox.width)) == 595
    assert f"2 / {len(reader.pages)}" in reader.pages[1].extract_text()


def test_the_pdf_fetches_nothing_but_the_portal_static_files():
    fetcher = StaticFilesFetcher()

    assert fetcher.fetch("https://crm-portal.invalid/static/css/report-print.css").read()
    for url in (
        "https://example.org/static/css/report-print.css",
        "file:///etc/passwd",
        "https://crm-portal.invalid/static/../../etc/passwd",
        "https://crm-portal.invalid/media/secret.pdf",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_publishing_stores_a_restricted_bilingual_document_linked_to_the_grcm(rw):
    user = rw["users"]["ppt_current"]
    first = report_publish(
        working_group=rw["group"], meeting=rw["grcm"], period=Period(*PERIOD),
        presidency_text_es="Mensaje.", presidency_text_en="Message.", user=user,
    )  # fmt: skip
    document = first.document

    assert document.distribution == Document.Distribution.RESTRICTED
    assert sorted(document.files.values_list("language", flat=True)) == ["en", "es"]
    assert document.author_presidency == rw["presidency"]
    assert "Message." in document.search_text and "Mensaje." in document.search_text
    link = MeetingDocument.objects.get(meeting=rw["grcm"], document=document)
    assert link.role == MeetingDocument.Role.PRESIDENCY_REPORT
    assert first.figures["designations_started"] == 1
    assert first.published_by == user

    # Republishing makes version 2; version 1 and its files stay as they were.
    second = report_publish(working_group=rw["group"], meeting=rw["grcm"], period=Period(*PERIOD))
    assert (first.version, second.version) == (1, 2)
    assert second.document_id != first.document_id
    assert Document.objects.filter(pk=first.document_id).exists()
    assert ReportPublication.objects.filter(meeting=rw["grcm"]).count() == 2
    assert (
        MeetingDocument.objects.filter(
            meeting=rw["grcm"], role=MeetingDocument.Role.PRESIDENCY_REPORT
        ).count()
        == 2
    )


def test_neutralise_turns_formulas_into_text():
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("+506 2222") == "'+506 2222"
    assert neutralise("Ana") == "Ana"
    assert neutralise(3) == 3


def test_the_handover_zip_files_parse_back(rw):
    formula = "=cmd|' /C calc'!A0"
    risky = person(rw["country_a"], position_es=formula, position_en=formula)
    DesignationFactory(focal_point=risky, working_group=rw["group"], role="additional")
    ChangeRequest.objects.create(
        focal_point=rw["focal_point_a"], kind=ChangeRequest.Kind.LEFT_POST, successor_name="Ana"
    )
    name, data = handover_package(user=rw["users"]["secretariat"], language="en")
    archive = zipfile.ZipFile(io.BytesIO(data))

    assert name.startswith("crm-handover-") and name.endswith(".zip")
    names = set(archive.namelist())
    assert {"README.txt", "contacts.xlsx", "follow-up.xlsx"} <= names
    contacts = load_workbook(io.BytesIO(archive.read("contacts.xlsx")), read_only=True)
    sheet_rows = {
        sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in contacts.worksheets
    }
    group_rows = sheet_rows[rw["group"].name_en]
    assert group_rows[0][:2] == ("Country", "Role")
    positions = [row[4] for row in group_rows[1:]]
    assert "'" + formula in positions
    follow_up = load_workbook(io.BytesIO(archive.read("follow-up.xlsx")), read_only=True)
    titles = [sheet.title for sheet in follow_up.worksheets]
    assert titles == [
        "Change requests",
        "Pending verifications",
        "Work plans",
        "Decisions awaiting follow-up",
    ]
    requests = list(follow_up["Change requests"].iter_rows(values_only=True))
    assert requests[1][4] == "Ana"
    plans = list(follow_up["Work plans"].iter_rows(values_only=True))
    assert ("Plan 2024-2025", "Adopted", 3, 1) in {(r[1], r[4], r[5], r[6]) for r in plans[1:]}
    decisions = list(follow_up["Decisions awaiting follow-up"].iter_rows(values_only=True))
    assert any(
        row[1] == rw["recommendation"].text_es or row[1] == rw["recommendation"].text_en
        for row in decisions[1:]
    )
    stale = list(follow_up["Pending verifications"].iter_rows(values_only=True))
    assert len(stale) >= 2  # the header and the never-verified alternate of CR
    documents = [n for n in names if n.startswith("documents-")]
    assert len(documents) == 1

"""The Presidency's report in a real browser: open, preview, publish; who then finds it."""

import datetime

import pytest
from django.conf import settings
from django.test import Client

from meetings.models import Meeting, ReportPublication
from tests.accounts.factories import FocalPointUserFactory
from tests.factories import SuperUserFactory
from tests.focal_points.factories import (
    CountryFactory,
    DesignationFactory,
    FocalPointFactory,
    InstitutionFactory,
    WorkingGroupFactory,
)
from tests.meetings.factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_preview_and_publish_a_report_in_english_members_find_it_visitors_do_not(
    page_factory, live_server
):
    SuperUserFactory(username="admin-report", password="test-password-123")
    group = WorkingGroupFactory(name_en="Migration and Development Working Group", slug="gtmd")
    costa_rica = CountryFactory(iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")
    member = FocalPointFactory(institution=InstitutionFactory(country=costa_rica))
    DesignationFactory(focal_point=member, working_group=group, country=costa_rica)
    grcm = MeetingFactory(
        slug="grcm-browser",
        kind=Meeting.Kind.GRCM,
        title_en="Regional Consultation Group, browser edition",
        host_country=costa_rica,
        starts_on=datetime.date.today() - datetime.timedelta(days=10),
        ends_on=datetime.date.today() - datetime.timedelta(days=9),
    )

    # Staff open the group's report in English, preview it with their text, then publish.
    staff = page_factory(locale="en-GB")
    staff.goto("/en/admin/login/")
    staff.fill("#id_username", "admin-report")
    staff.fill("#id_password", "test-password-123")
    staff.click("input[type=submit]")
    staff.goto("/en/meetings/reports/gtmd/")
    staff.select_option("select[name=meeting]", grcm.slug)
    staff.select_option("select[name=language]", "en")
    staff.fill("textarea[name=text_en]", "The group met twice and adopted its plan.")
    staff.click("button[value=preview]")
    preview = staff.wait_for_selector("[data-testid=report-preview]")
    assert "Costa Rica" in preview.inner_text()
    assert "The group met twice and adopted its plan." in preview.inner_text()
    staff.click("button[formaction$='/publish/']")
    staff.wait_for_load_state()
    publication = ReportPublication.objects.get(meeting=grcm)
    assert f"/documents/{publication.document_id}/" in staff.url

    # A visitor: the report does not exist for them.
    visitor = page_factory(locale="en-GB")
    answer = visitor.goto(f"/en/documents/{publication.document_id}/")
    assert answer.status == 404

    # A signed-in member of the group reads it in the library.
    client = Client()
    client.force_login(FocalPointUserFactory(focal_point=member))
    reader = page_factory(locale="en-GB")
    reader.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    answer = reader.goto(f"/en/documents/{publication.document_id}/")
    assert answer.status == 200
    assert "Report of the Pro-Tempore Presidency on the" in reader.inner_text("main")


@pytest.mark.parametrize(
    ("language", "locale", "prepare", "of_group", "to_meeting"),
    [
        ("es", "es-CR", "Preparar el informe de un grupo de trabajo", "Informe de este grupo",
         "Informe de"),
        ("en", "en-GB", "Prepare a working group's report", "Report of this group", "Report of"),
    ],
)  # fmt: skip
def test_staff_reach_the_report_from_the_admin_home_a_group_and_a_grcm_meeting(
    page_factory, language, locale, prepare, of_group, to_meeting
):
    SuperUserFactory(username="admin-links", password="test-password-123")
    group = WorkingGroupFactory(
        name_es="Grupo sobre Migración y Desarrollo", name_en="Migration and Development Group"
    )
    grcm = MeetingFactory(
        slug="grcm-links-browser", kind=Meeting.Kind.GRCM, host_country=CountryFactory(),
        starts_on=datetime.date(2024, 9, 20), ends_on=datetime.date(2024, 9, 21),
    )  # fmt: skip
    name = group.name_es if language == "es" else group.name_en
    staff = page_factory(locale=locale)
    staff.goto(f"/{language}/admin/login/")
    staff.fill("#id_username", "admin-links")
    staff.fill("#id_password", "test-password-123")
    staff.click("input[type=submit]")

    # The admin's home: the reports' index, which lists the group.
    staff.click(f'#crm-report-pages a:text-is("{prepare}")')
    staff.click(f'main a:text-is("{name}")')
    assert staff.url.endswith(f"/{language}/meetings/reports/{group.slug}/")

    # The group's admin page: its report.
    staff.goto(f"/{language}/admin/focal_points/workinggroup/{group.pk}/change/")
    staff.click(f'a.crm-report:text-is("{of_group}")')
    assert staff.url.endswith(f"/{language}/meetings/reports/{group.slug}/")

    # The GRCM meeting's admin page: the group's report to it, previewed in the language.
    staff.goto(f"/{language}/admin/meetings/meeting/{grcm.pk}/change/")
    links = staff.locator("#crm-report-links a")
    assert links.all_inner_texts() == [f"{to_meeting} {name}"]
    links.first.click()
    preview = staff.wait_for_selector("[data-testid=report-preview]")
    assert preview.get_attribute("lang") == language
    assert getattr(grcm, f"title_{language}") in preview.inner_text()

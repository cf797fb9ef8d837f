"""Staff keep meetings in the admin: agenda inline, copies, delegations, history, no lost update."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from meetings.circulars.services import circular_queue
from meetings.models import (
    AgendaItem,
    CircularDelivery,
    Meeting,
    Participant,
    ReportPublication,
)
from tests.meetings.circular_helpers import draft
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

INLINES = ("agenda_items", "document_links", "participants")


def meeting_form_data(meeting: Meeting | None = None, **overrides) -> dict:
    """Return the change form's fields as the browser sends them, inline rows unchanged."""
    data = {
        "kind": "grcm",
        "number": "XL",
        "title_es": "XL Reunión del GRCM",
        "title_en": "XL GRCM meeting",
        "theme_es": "",
        "theme_en": "",
        "slug": "xl-grcm",
        "status": "planned",
        "distribution": "public",
        "starts_on": "2026-11-03",
        "ends_on": "2026-11-04",
        "time_zone": "America/Costa_Rica",
        "date_precision": "day",
        "city": "San José",
        "venue": "",
        "modality": "in_person",
        "outcomes_es": "",
        "outcomes_en": "",
        "change_reason": "",
    }
    if meeting is not None:
        data.update(
            {
                "kind": meeting.kind,
                "number": meeting.number,
                "title_es": meeting.title_es,
                "title_en": meeting.title_en or "",
                "slug": meeting.slug,
                "status": meeting.status,
                "distribution": meeting.distribution,
                "starts_on": meeting.starts_on.isoformat(),
                "ends_on": meeting.ends_on.isoformat(),
                "date_precision": meeting.date_precision,
                "city": meeting.city,
                "venue": meeting.venue,
                "host_country": meeting.host_country_id or "",
                "opened_version": meeting.updated_at.isoformat(),
            }
        )
    for prefix in INLINES:
        rows = list(getattr(meeting, prefix).order_by("pk")) if meeting is not None else []
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-meeting"] = meeting.pk
            data[f"{prefix}-{index}-opened_version"] = row.updated_at.isoformat()
            for field in ("position", "role", "document", "focal_point", "delegation_country"):
                if hasattr(row, f"{field}_id") or hasattr(row, field):
                    value = getattr(row, f"{field}_id", None) or getattr(row, field, "")
                    data[f"{prefix}-{index}-{field}"] = value if value is not None else ""
            for field in ("title_es", "title_en", "guest_name", "guest_email", "delegation_other"):
                if hasattr(row, field):
                    data[f"{prefix}-{index}-{field}"] = getattr(row, field) or ""
    data.update(overrides)
    return data


@pytest.fixture
def circular_records(world):
    """A circular queued to A's group: one delivery row."""
    circular = draft(groups=[world["group_a"]])
    circular_queue(circular=circular)
    return circular


@pytest.mark.parametrize(
    "model", [m for m in admin.site._registry if m._meta.app_label == "meetings"]
)
@pytest.mark.parametrize("language", ["es", "en"])
def test_meeting_admin_pages_render_in_both_languages_without_a_cdn(
    world, plan_records, circular_records, login, model, language
):
    client = login(world["users"]["secretariat"])
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    obj = world["public"] if model is Meeting else model.objects.first()
    # Published reports are made by publishing, delivery rows by sending: never added here.
    made_elsewhere = model in (ReportPublication, CircularDelivery)
    for url in (
        reverse(f"{info}_changelist"),
        reverse(f"{info}_add"),
        reverse(f"{info}_change", args=[obj.pk]),
        reverse(f"{info}_history", args=[obj.pk]),
    ):
        response = client.get(url.replace("/es/", f"/{language}/", 1))
        expected = 403 if made_elsewhere and url.endswith("/add/") else 200
        assert response.status_code == expected, url
        assert "googleapis" not in response.text


def test_ppt_adds_a_meeting_with_its_agenda_inline_under_the_presidency_in_office(world, login):
    client = login(world["users"]["ppt_current"])
    today = datetime.date.today()
    data = meeting_form_data(
        starts_on=today.isoformat(),
        ends_on=today.isoformat(),
        working_groups=[world["group_a"].pk],
        **{
            "agenda_items-TOTAL_FORMS": 2,
            "agenda_items-0-position": 1,
            "agenda_items-0-title_es": "Apertura",
            "agenda_items-0-title_en": "Opening",
            "agenda_items-1-position": 2,
            "agenda_items-1-title_es": "Informe de la PPT",
            "agenda_items-1-presenter_name": "Presidencia Pro Tempore",
        },
    )

    response = client.post(reverse("admin:meetings_meeting_add"), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    meeting = Meeting.objects.get(slug="xl-grcm")
    assert meeting.presidency == world["presidency"]
    assert list(meeting.working_groups.all()) == [world["group_a"]]
    assert [item.title_es for item in meeting.agenda_items.all()] == [
        "Apertura",
        "Informe de la PPT",
    ]
    event = Meeting.pgh_event_model.objects.get(pgh_obj_id=meeting.pk)
    assert event.pgh_context.metadata["user"] == world["users"]["ppt_current"].pk


def test_an_inline_participant_comes_for_their_focal_points_country(world, login):
    client = login(world["users"]["secretariat"])
    meeting = MeetingFactory()
    data = meeting_form_data(
        meeting,
        **{
            "participants-TOTAL_FORMS": 1,
            "participants-0-focal_point": world["focal_point_b"].pk,
            "participants-0-role": "delegate",
        },
    )
    response = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert meeting.participants.get().delegation_country == world["country_b"]


def test_changing_the_dates_in_the_admin_raises_the_calendar_sequence(world, login):
    client = login(world["users"]["secretariat"])
    meeting = world["past"]
    data = meeting_form_data(meeting, ends_on="2015-05-06")
    response = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    meeting.refresh_from_db()
    assert (meeting.ends_on, meeting.sequence) == (datetime.date(2015, 5, 6), 1)


def test_a_meeting_saved_by_someone_else_since_it_was_opened_is_refused(world, login):
    client = login(world["users"]["secretariat"])
    meeting = world["past"]
    data = meeting_form_data(meeting, city="Ciudad de Panamá")
    Meeting.objects.filter(pk=meeting.pk).update(
        city="Colón", updated_at=datetime.datetime.now(datetime.UTC)
    )
    response = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.city == "Colón"


def test_an_agenda_row_changed_by_someone_else_is_refused(world, login):
    client = login(world["users"]["secretariat"])
    meeting = world["public"]
    data = meeting_form_data(meeting, **{"agenda_items-0-title_es": "Apertura solemne"})
    item = meeting.agenda_items.order_by("pk").first()
    AgendaItem.objects.filter(pk=item.pk).update(
        title_es="Apertura (otra persona)", updated_at=datetime.datetime.now(datetime.UTC)
    )
    response = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.title_es == "Apertura (otra persona)"


def test_copy_this_meeting_creates_the_next_edition(world, login):
    client = login(world["users"]["ppt_current"])
    original = world["public"]
    page = client.get(reverse("admin:meetings_meeting_change", args=[original.pk]))
    copy_url = reverse("admin:meetings_meeting_copy", args=[original.pk])
    assert copy_url in page.text

    response = client.post(
        copy_url, {"starts_on": "2027-03-01", "ends_on": "2027-03-02", "slug": "Next-Edition"}
    )

    copy = Meeting.objects.get(slug="next-edition")
    assert response["Location"] == reverse("admin:meetings_meeting_change", args=[copy.pk])
    assert [i.title_es for i in copy.agenda_items.all()] == ["Apertura", "Informe"]
    assert list(copy.working_groups.all()) == [world["group_a"]]
    assert not copy.participants.exists()


def test_copy_refuses_bad_dates_and_a_taken_address(world, login):
    client = login(world["users"]["secretariat"])
    copy_url = reverse("admin:meetings_meeting_copy", args=[world["public"].pk])
    response = client.post(
        copy_url, {"starts_on": "2027-03-02", "ends_on": "2027-03-01", "slug": "past-meeting"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"ends_on", "slug"}
    assert Meeting.objects.count() == 3


def test_the_copy_action_opens_the_copy_page_for_one_meeting(world, login):
    client = login(world["users"]["secretariat"])
    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "copy_selected", "_selected_action": [world["past"].pk]},
    )
    assert response["Location"] == reverse("admin:meetings_meeting_copy", args=[world["past"].pk])


@pytest.mark.parametrize("role", ["ppt_former", "coordinator_of_a"])
def test_readers_cannot_change_or_copy_a_meeting(world, login, role):
    client = login(world["users"][role])
    meeting = world["past"]
    change_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    assert client.get(change_url).status_code == 200
    response = client.post(change_url, meeting_form_data(meeting, city="Otra"))
    assert response.status_code == 403
    copy = client.get(reverse("admin:meetings_meeting_copy", args=[meeting.pk]))
    assert copy.status_code == 403


def test_a_coordinator_adds_a_participant_of_their_own_delegation_only(world, login):
    client = login(world["users"]["coordinator_of_a"])
    add_url = reverse("admin:meetings_participant_add")
    own = client.post(
        add_url,
        {
            "meeting": world["past"].pk,
            "guest_name": "Delegada Ficticia",
            "guest_email": "delegada@example.org",
            "delegation_country": world["country_a"].pk,
            "role": "delegate",
        },
    )
    assert own.status_code == 302, own.context and own.context["adminform"].form.errors
    foreign = client.post(
        add_url,
        {
            "meeting": world["past"].pk,
            "guest_name": "Delegado Ajeno",
            "delegation_country": world["country_b"].pk,
            "role": "delegate",
        },
    )
    assert foreign.status_code == 200
    assert "delegation_country" in foreign.context["adminform"].form.errors
    assert list(world["past"].participants.values_list("guest_name", flat=True)) == [
        "Delegada Ficticia"
    ]


def test_a_coordinator_reads_every_delegation_and_changes_only_their_own(world, login):
    client = login(world["users"]["coordinator_of_a"])
    own = reverse("admin:meetings_participant_change", args=[world["participant_a"].pk])
    other = reverse("admin:meetings_participant_change", args=[world["participant_b"].pk])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 200
    response = client.post(
        other,
        {
            "meeting": world["public"].pk,
            "focal_point": world["focal_point_b"].pk,
            "delegation_country": world["country_b"].pk,
            "role": "observer",
        },
    )
    assert response.status_code == 403
    assert Participant.objects.get(pk=world["participant_b"].pk).role == "delegate"


def test_reverting_a_meeting_restores_its_fields_and_keeps_the_calendar_moving(world, login):
    client = login(world["users"]["secretariat"])
    meeting = world["past"]
    first_event = Meeting.pgh_event_model.objects.get(pgh_obj_id=meeting.pk)
    client.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        meeting_form_data(meeting, city="Colón"),
    )
    response = client.post(
        reverse("admin:meetings_meeting_revert", args=[meeting.pk]),
        {"event": f"meetings.meeting:{first_event.pgh_id}"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.city, meeting.sequence) == ("San José", 2)

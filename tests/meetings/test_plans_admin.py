"""Work plans and decisions in the admin: inlines, the lost-update guard, history and revert."""

import pytest
from django.urls import reverse

from meetings.models import Activity, FollowUpNote, WorkPlan
from tests.meetings.factories import ActivityFactory, DecisionFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db


def plan_form(plan: WorkPlan, activities, **overrides) -> dict:
    data = {
        "working_group": plan.working_group_id,
        "title_es": plan.title_es,
        "title_en": plan.title_en,
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.ends_on.isoformat(),
        "status": plan.status,
        "adopted_at": "",
        "opened_version": plan.updated_at.isoformat(),
        "change_reason": "",
        "activities-TOTAL_FORMS": len(activities),
        "activities-INITIAL_FORMS": len(activities),
        "activities-MIN_NUM_FORMS": 0,
        "activities-MAX_NUM_FORMS": 1000,
    }
    for index, activity in enumerate(activities):
        data |= {
            f"activities-{index}-id": activity.pk,
            f"activities-{index}-plan": plan.pk,
            f"activities-{index}-opened_version": activity.updated_at.isoformat(),
            f"activities-{index}-position": activity.position,
            f"activities-{index}-title_es": activity.title_es,
            f"activities-{index}-title_en": activity.title_en,
            f"activities-{index}-thematic_axis": "",
            f"activities-{index}-planned_start": "",
            f"activities-{index}-planned_end": "",
            f"activities-{index}-status": activity.status,
        }
    return data | overrides


def test_ppt_changes_an_activity_inline_and_a_stale_row_is_refused(world, login):
    plan = WorkPlanFactory(working_group=world["group_a"])
    activity = ActivityFactory(plan=plan, title_es="Antes")
    client = login(world["users"]["ppt_current"])
    url = reverse("admin:meetings_workplan_change", args=[plan.pk])
    opened = plan_form(plan, [activity])

    # The first save goes through with its reason...
    first = client.post(url, opened | {"activities-0-title_es": "Después", "change_reason": "r"})
    assert first.status_code == 302
    activity.refresh_from_db()
    assert activity.title_es == "Después"
    # ...a second one opened before it is refused, and the first change survives.
    stale = client.post(url, opened | {"activities-0-title_es": "Otra"})
    assert stale.status_code == 200
    activity.refresh_from_db()
    assert activity.title_es == "Después"


def test_a_former_ppt_reads_a_plan_but_cannot_change_it(world, login):
    plan = WorkPlanFactory(working_group=world["group_a"])
    activity = ActivityFactory(plan=plan, title_es="Intacta")
    client = login(world["users"]["ppt_former"])
    url = reverse("admin:meetings_workplan_change", args=[plan.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, plan_form(plan, [activity], **{"activities-0-title_es": "X"}))
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.title_es == "Intacta"


def test_an_activity_change_is_in_its_history_and_can_be_reverted(world, login):
    activity = ActivityFactory(plan=WorkPlanFactory(working_group=world["group_a"]))
    original = activity.title_es
    Activity.objects.filter(pk=activity.pk).update(title_es="Cambiada")
    first = Activity.pgh_event_model.objects.filter(pgh_obj_id=activity.pk).order_by("pgh_id")[0]
    client = login(world["users"]["secretariat"])
    history = reverse("admin:meetings_activity_history", args=[activity.pk])

    assert "Cambiada" in client.get(history).content.decode()
    response = client.post(
        reverse("admin:meetings_activity_revert", args=[activity.pk]),
        {"event": f"meetings.activity:{first.pk}"},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title_es == original


def test_a_decision_keeps_its_follow_up_notes_inline(world, login):
    decision = DecisionFactory(meeting=world["public"], working_groups=[world["group_a"]])
    FollowUpNote.objects.create(decision=decision, noted_on="2024-02-01", text_es="Primera nota")
    client = login(world["users"]["secretariat"])

    page = client.get(reverse("admin:meetings_decision_change", args=[decision.pk]))
    assert "Primera nota" in page.content.decode()
    assert "follow_up_notes-0-opened_version" in page.content.decode()


def test_a_plans_page_makes_as_many_queries_for_one_activity_as_for_six(
    admin_client, count_queries
):
    from tests.documents.factories import ThematicAxisFactory

    axes = [ThematicAxisFactory(slug=f"eje-{n}") for n in range(3)]
    plan = WorkPlanFactory()
    ActivityFactory(plan=plan, thematic_axis=axes[0])
    page = reverse("admin:meetings_workplan_change", args=[plan.pk])
    admin_client.get(page)  # warm caches (content types, session)
    one = count_queries(lambda: admin_client.get(page))
    for n in range(5):
        ActivityFactory(plan=plan, thematic_axis=axes[n % 3])

    response = admin_client.get(page)
    assert count_queries(lambda: admin_client.get(page)) == one
    # Every activity still offers every axis, its own chosen.
    for axis in axes:
        assert response.text.count(f'<option value="{axis.pk}">{axis}</option>') >= 4
        assert f'<option value="{axis.pk}" selected>{axis}</option>' in response.text

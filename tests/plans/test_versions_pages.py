"""Pages around a re-programmed plan: staff dropdowns, facilitators, and the demo's history."""

import re

import pytest
from django.urls import reverse

from abierto.core.models import ActionLog
from abierto.core.roles import Role
from abierto.plans import demo, services
from abierto.plans.models import ActionPlan, Axis, PlanVersion, Stage
from abierto.proposals import demo as proposals_demo
from tests.helpers import make_user

from .factories import make_plan

pytestmark = pytest.mark.django_db


def _options_for(html: str, plan: ActionPlan) -> int:
    """How many <option>s of the page name the plan (by its pk)."""
    return len(re.findall(rf'<option value="{plan.pk}"[^>]*>', html))


@pytest.fixture
def reprogrammed(forum_member):
    plan = make_plan(5, title="Plan reprogramado", stages=2)
    services.plan_new_version(actor=forum_member, plan=plan, reason="Plazos.")
    return services.plan_new_version(actor=forum_member, plan=plan, reason="Otra vez.")


@pytest.mark.parametrize(
    "url_name",
    [
        "staff:proposals_queue",
        "staff:content_document_create",
        "staff:forum_meeting_create",
    ],
)
def test_a_reprogrammed_plan_appears_once_in_staff_dropdowns(
    client, forum_member, reprogrammed, url_name
):
    client.force_login(forum_member)
    html = client.get(reverse(url_name)).content.decode()
    assert _options_for(html, reprogrammed) == 1
    assert html.count(">Plan reprogramado<") == 1


def test_staff_plan_list_shows_each_plan_once_with_its_version(client, forum_member, reprogrammed):
    client.force_login(forum_member)
    html = client.get(reverse("staff:plans_index")).content.decode()
    assert html.count("Plan reprogramado</a>") == 1
    assert "<td>3</td>" in html


def test_staff_page_lists_versions_and_assigns_facilitators(client, forum_member, reprogrammed):
    facilitator = make_user("facilita@example.org", Role.FACILITATOR, full_name="Rosa Tipán")
    make_user("evalua@example.org", Role.EVALUATOR, full_name="Luis Mora")
    client.force_login(forum_member)
    url = reverse("staff:plans_manage", args=[reprogrammed.pk])
    html = client.get(url).content.decode().split("<main", 1)[1]
    assert "Versión 3 (vigente)" in html
    assert f'href="/planes/{reprogrammed.slug}/versiones/1/"' in html
    # Only people holding the facilitator role are offered.
    assert "Rosa Tipán (facilita@example.org)" in html
    assert "Luis Mora" not in html
    assert 'type="checkbox" name="facilitators"' in html

    post_url = reverse("staff:plans_facilitators", args=[reprogrammed.pk])
    response = client.post(post_url, {"facilitators": [str(facilitator.pk)]})
    assert response.status_code == 302
    assert list(reprogrammed.facilitators.all()) == [facilitator]
    html = client.get(url).content.decode()
    assert "Facilitadores guardados." in html
    assert re.search(rf'value="{facilitator.pk}"[^>]*checked', html)

    response = client.post(post_url, {"facilitators": ["999999"]}, follow=True)
    assert "Elija personas de la lista." in response.content.decode()
    assert list(reprogrammed.facilitators.all()) == [facilitator]


def test_facilitators_page_is_for_the_forum_only(client, citizen, reprogrammed):
    client.force_login(citizen)
    post_url = reverse("staff:plans_facilitators", args=[reprogrammed.pk])
    assert client.post(post_url, {"facilitators": []}).status_code == 403


def test_proposals_link_lists_every_version_s_proposals(client):
    proposals_demo.load()  # the example plan 3, open today, with example proposals
    plan = ActionPlan.objects.get(number=3)
    before = plan.proposals.count()
    assert before > 0
    services.plan_new_version(actor=None, plan=plan, reason="Reprogramación del ejemplo.")
    html = client.get(reverse("plans:detail", args=[plan.slug])).content.decode()
    assert f'href="/propuestas/?plan={plan.pk}"' in html
    listing = client.get(f"/propuestas/?plan={plan.pk}").content.decode()
    for proposal in plan.proposals.filter(is_hidden=False):
        assert proposal.title in listing


def test_version_pages_run_a_fixed_number_of_queries(
    client, forum_member, reprogrammed, django_assert_max_num_queries
):
    """The plan, its parts and versions: the frozen frame needs nothing more."""
    for n in range(1, 6):
        services.axis_save(actor=forum_member, plan=reprogrammed, name=f"Eje {n}")
    for number in (1, 2):  # the next one frozen, then the next one in force
        with django_assert_max_num_queries(7):
            response = client.get(f"/planes/{reprogrammed.slug}/versiones/{number}/")
        assert response.status_code == 200


def _counts():
    return (
        ActionPlan.objects.count(),
        PlanVersion.objects.count(),
        Axis.objects.count(),
        Stage.objects.count(),
        ActionLog.objects.count(),
    )


def test_demo_builds_real_histories_and_runs_twice_without_duplicating():
    from abierto.forum import demo as forum_demo

    forum_demo.load()
    demo.load()
    proposals_demo.load()
    first = _counts()
    plan1 = ActionPlan.objects.get(number=1)
    assert plan1.version == 2
    v1, v2 = plan1.versions.order_by("number")
    assert v1.frame["end_date"] == "2021-08-31"
    assert v2.reason.startswith("Reprogramación publicada por el Gobierno del Ecuador")
    assert v2.changes["fields"] == {"end_date": ["2021-08-31", "2022-08-31"]}
    verbs = set(
        ActionLog.objects.filter(
            object_id=str(plan1.pk), content_type__model="actionplan"
        ).values_list("verb", flat=True)
    )
    assert {"plan.created", "plan.version_created", "stage.created", "stage.updated"} <= verbs
    plan2 = ActionPlan.objects.get(number=2)
    assert (plan2.axes.count(), plan2.criteria.count(), plan2.themes.count()) == (5, 5, 11)
    assert plan2.stages.count() == 5

    demo.load()
    proposals_demo.load()
    assert _counts() == first


def test_example_plan_follows_today_through_the_services_recording_only_real_changes():
    import datetime

    plan = proposals_demo._example_plan(datetime.date(2030, 5, 1))
    assert plan.stages.get(number=2).start_date == datetime.date(2030, 4, 1)
    count = ActionLog.objects.count()
    proposals_demo._example_plan(datetime.date(2030, 5, 1))
    assert ActionLog.objects.count() == count

    plan = proposals_demo._example_plan(datetime.date(2030, 9, 1))  # months later
    plan.refresh_from_db()
    assert plan.start_date == datetime.date(2031, 1, 29)
    assert plan.stages.get(number=2).start_date == datetime.date(2030, 8, 2)
    new = ActionLog.objects.filter(object_id=str(plan.pk)).order_by("id")[count:]
    verbs = [row.verb for row in new]
    assert verbs.count("plan.updated") == 1 and verbs.count("stage.updated") == 5
    updated = next(row for row in new if row.verb == "plan.updated")
    assert set(updated.changes) == {"start_date", "end_date", "title"}  # the years moved
    assert ActionPlan.objects.filter(number=3).count() == 1

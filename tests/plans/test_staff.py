"""The back office /gestion/planes/: who gets in, and forms that keep what was typed."""

import pytest
from django.urls import reverse

from abierto.core.models import ActionLog
from abierto.plans.models import Stage

from .factories import make_plan

pytestmark = pytest.mark.django_db


def staff_urls(plan):
    return [
        reverse("staff:plans_index"),
        reverse("staff:plans_create"),
        reverse("staff:plans_manage", args=[plan.pk]),
        reverse("staff:plans_edit", args=[plan.pk]),
        reverse("staff:plans_new_version", args=[plan.pk]),
        reverse("staff:plans_part_create", args=[plan.pk, "etapas"]),
        reverse("staff:plans_part_create", args=[plan.pk, "criterios"]),
    ]


def test_anonymous_visitors_are_sent_to_login(client):
    for url in staff_urls(make_plan()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/cuenta/login/")


def test_citizens_get_the_403_page(client, citizen):
    client.force_login(citizen)
    for url in staff_urls(make_plan()):
        response = client.get(url)
        assert response.status_code == 403
        assert "No tiene permiso" in response.content.decode()


def test_forum_members_get_in_and_administration_does_not(client, forum_member, admin_user):
    plan = make_plan()
    client.force_login(forum_member)
    for url in staff_urls(plan):
        assert client.get(url).status_code == 200, url
    # Administración runs the site, not the process.
    client.force_login(admin_user)
    for url in staff_urls(plan):
        assert client.get(url).status_code == 403, url


def test_staff_section_listed_on_the_dashboard(client, forum_member):
    client.force_login(forum_member)
    assert "/gestion/planes/" in client.get("/gestion/").content.decode()


def test_stage_form_refuses_bad_dates_and_keeps_what_was_typed(client, forum_member):
    plan = make_plan()
    client.force_login(forum_member)
    url = reverse("staff:plans_part_create", args=[plan.pk, "etapas"])
    response = client.post(
        url,
        {
            "number": "1",
            "name": "Mapeo de actores",
            "start_date": "2030-05-01",
            "end_date": "2030-04-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "termina antes de empezar" in html
    assert 'value="Mapeo de actores"' in html and 'value="2030-04-01"' in html
    assert not Stage.objects.exists()


def test_criterion_form_refuses_weight_over_100(client, forum_member):
    plan = make_plan()
    client.force_login(forum_member)
    url = reverse("staff:plans_part_create", args=[plan.pk, "criterios"])
    html = client.post(
        url, {"name": "Alcance", "definition": "Amplio.", "weight": "150", "order": "0"}
    ).content.decode()
    assert "entre 1 y 100 (escribió 150)" in html
    assert 'value="150"' in html


def test_saving_a_stage_through_the_form_logs_it(client, forum_member):
    plan = make_plan()
    client.force_login(forum_member)
    url = reverse("staff:plans_part_create", args=[plan.pk, "etapas"])
    response = client.post(
        url,
        {
            "number": "1",
            "name": "Mapeo",
            "start_date": "2030-01-01",
            "end_date": "2030-02-01",
            "announced_on": "2029-12-01",
        },
    )
    assert response.status_code == 302
    stage = Stage.objects.get()
    entry = ActionLog.objects.get(verb="stage.created", object_id=str(plan.pk))
    assert entry.data["id"] == stage.pk


def test_new_version_through_the_form(client, forum_member):
    plan = make_plan(slug="plan-nv")
    client.force_login(forum_member)
    url = reverse("staff:plans_new_version", args=[plan.pk])
    html = client.post(
        url,
        {
            "title": plan.title,
            "start_date": "2030-01-01",
            "end_date": "2031-12-31",
            "reason": "",
        },
    ).content.decode()
    assert "Explique el motivo" in html
    response = client.post(
        url,
        {
            "title": plan.title,
            "start_date": "2030-01-01",
            "end_date": "2032-06-30",
            "reason": "Reprogramación.",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.version == 2
    page = client.get("/planes/plan-nv/versiones/1/").content.decode()
    assert "versión anterior, no vigente" in page
    assert "Reprogramación." in page


def test_plan_created_and_edited_through_the_forms(client, forum_member):
    from abierto.plans.models import ActionPlan

    client.force_login(forum_member)
    response = client.post(
        reverse("staff:plans_create"),
        {
            "number": "3",
            "title": "Tercer Plan de Acción",
            "slug": "",
            "start_date": "2025-01-01",
            "end_date": "2024-01-01",
            "objective": "",
            "status": "cocreacion",
        },
    )
    assert "El periodo termina antes de empezar" in response.content.decode()
    response = client.post(
        reverse("staff:plans_create"),
        {
            "number": "3",
            "title": "Tercer Plan de Acción",
            "slug": "",
            "start_date": "2025-01-01",
            "end_date": "2027-01-01",
            "objective": "",
            "status": "cocreacion",
        },
    )
    plan = ActionPlan.objects.get(number=3)
    assert response.status_code == 302 and plan.slug == "tercer-plan-de-accion"
    response = client.post(
        reverse("staff:plans_edit", args=[plan.pk]),
        {
            "title": "Tercer Plan",
            "slug": plan.slug,
            "start_date": "2025-01-01",
            "end_date": "2027-01-01",
            "objective": "Abrir.",
            "status": "implementacion",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.number, plan.status, plan.title) == (3, "implementacion", "Tercer Plan")
    assert ActionLog.objects.filter(verb="plan.updated", object_id=str(plan.pk)).exists()


def test_staff_plan_index_warns_when_the_forum_has_not_met(client, forum_member):
    client.force_login(forum_member)
    html = client.get(reverse("staff:plans_index")).content.decode()
    assert "no tiene reuniones registradas" in html


def test_stage_number_already_used_is_named(client, forum_member):
    plan = make_plan(stages=1)
    client.force_login(forum_member)
    url = reverse("staff:plans_part_create", args=[plan.pk, "etapas"])
    html = client.post(
        url, {"number": "1", "name": "Otra", "start_date": "2030-01-01", "end_date": "2030-01-05"}
    ).content.decode()
    assert "Ya hay una etapa 1 en este plan" in html


def test_example_data_is_not_a_staff_choice(client, forum_member):
    """«Datos de ejemplo» belongs to the demo loader: no staff form offers it."""
    client.force_login(forum_member)
    for url in ["/gestion/planes/nuevo/", "/gestion/foro/reuniones/nueva/"]:
        assert 'name="is_example"' not in client.get(url).content.decode(), url

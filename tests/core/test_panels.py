"""A lower app's page leaves slots that higher apps fill through their manifests."""

import pytest
from django.core.management import call_command

from abierto.plans.models import ActionPlan

pytestmark = pytest.mark.django_db


def test_a_plan_page_links_its_mesas_and_its_evaluation(client):
    call_command("load_demo", verbosity=0)
    second = ActionPlan.objects.get(number=2)
    html = client.get(f"/planes/{second.slug}/").content.decode()
    assert f"/mesas/?plan={second.slug}" in html
    assert f"/mesas/plan/{second.slug}/participacion/" in html
    example = ActionPlan.objects.get(number=3)
    html = client.get(f"/planes/{example.slug}/").content.decode()
    assert f"/evaluacion/{example.slug}/" in html


def test_a_plan_without_mesas_or_commission_shows_no_empty_panel(client):
    from datetime import date

    from abierto.plans.services import plan_create

    plan = plan_create(
        actor=None,
        number=7,
        title="Plan sin mesas",
        start_date=date(2030, 1, 1),
        end_date=date(2031, 12, 31),
    )
    html = client.get(f"/planes/{plan.slug}/").content.decode()
    assert "plan-panel" not in html

"""The selector the proposals app uses to open and close its public form."""

import datetime

import pytest

from abierto.plans.models import PlanStatus
from abierto.plans.selectors import open_proposal_stage, proposal_stage_for

from .factories import make_plan

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def plan():
    plan = make_plan(start_date=D(2030, 1, 1), end_date=D(2031, 12, 31))
    plan.stages.create(number=1, name="Mapeo", start_date=D(2030, 1, 1), end_date=D(2030, 2, 28))
    plan.stages.create(
        number=2,
        name="Recepción",
        start_date=D(2030, 3, 1),
        end_date=D(2030, 4, 30),
        receives_proposals=True,
    )
    return plan


def test_open_only_while_the_receiving_stage_runs(plan):
    assert open_proposal_stage(day=D(2030, 2, 28)) is None
    assert open_proposal_stage(day=D(2030, 3, 1)).name == "Recepción"
    assert open_proposal_stage(plan=plan, day=D(2030, 4, 30)).plan == plan
    assert open_proposal_stage(day=D(2030, 5, 1)) is None


def test_closed_when_the_plan_is_not_in_cocreation(plan):
    plan.status = PlanStatus.IMPLEMENTATION
    plan.save()
    assert open_proposal_stage(day=D(2030, 3, 15)) is None


def test_still_open_after_a_reprogramming(plan):
    from abierto.plans import services

    services.plan_new_version(actor=None, plan=plan, reason="Reprogramación.")
    assert open_proposal_stage(plan=plan, day=D(2030, 3, 15)).plan == plan


def test_proposal_stage_for_returns_it_open_or_not(plan):
    assert proposal_stage_for(plan).number == 2
    assert proposal_stage_for(make_plan(11)) is None

"""Writes of the plans app: rules on dates and weights, versions, and the audit trail."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from abierto.core.models import ActionLog
from abierto.plans import services
from abierto.plans.models import ActionPlan, Stage

from .factories import make_plan

pytestmark = pytest.mark.django_db
D = datetime.date


def test_plan_create_leaves_an_actionlog_row(forum_member):
    plan = services.plan_create(
        actor=forum_member,
        number=3,
        title="Tercer plan",
        start_date=D(2025, 1, 1),
        end_date=D(2027, 1, 1),
    )
    row = ActionLog.objects.get(verb="plan_create")
    assert row.object_id == str(plan.pk)
    assert row.actor_role == "grupo-nucleo"
    assert plan.slug == "tercer-plan"


def test_stage_that_ends_before_it_starts_is_refused(forum_member):
    plan = make_plan()
    with pytest.raises(ValidationError) as exc:
        services.stage_save(
            actor=forum_member,
            plan=plan,
            number=1,
            name="Mapeo",
            start_date=D(2030, 3, 1),
            end_date=D(2030, 2, 1),
        )
    assert "termina antes de empezar" in exc.value.message_dict["end_date"][0]
    assert not Stage.objects.exists()
    assert not ActionLog.objects.exists()


def test_stage_cannot_start_before_the_previous_numbered_stage(forum_member):
    plan = make_plan()
    services.stage_save(
        actor=forum_member,
        plan=plan,
        number=1,
        name="Mapeo",
        start_date=D(2030, 3, 1),
        end_date=D(2030, 4, 1),
    )
    with pytest.raises(ValidationError) as exc:
        services.stage_save(
            actor=forum_member,
            plan=plan,
            number=2,
            name="Recepción",
            start_date=D(2030, 2, 1),
            end_date=D(2030, 5, 1),
        )
    assert "antes que la etapa 1" in exc.value.message_dict["start_date"][0]


def test_overlapping_stages_in_number_order_are_allowed(forum_member):
    """Like the real stages 2 and 3 of the second plan (May-Aug and Jul-Aug 2022)."""
    plan = make_plan(start_date=D(2022, 9, 1), end_date=D(2024, 8, 31))
    services.stage_save(
        actor=forum_member,
        plan=plan,
        number=2,
        name="Recepción",
        start_date=D(2022, 5, 1),
        end_date=D(2022, 8, 31),
        receives_proposals=True,
    )
    services.stage_save(
        actor=forum_member,
        plan=plan,
        number=3,
        name="Mesas",
        start_date=D(2022, 7, 1),
        end_date=D(2022, 8, 31),
    )
    assert plan.stages.count() == 2


def test_stage_outside_the_plan_window_is_refused(forum_member):
    plan = make_plan(start_date=D(2030, 1, 1), end_date=D(2031, 12, 31))
    with pytest.raises(ValidationError) as exc:
        services.stage_save(
            actor=forum_member,
            plan=plan,
            number=1,
            name="Tarde",
            start_date=D(2031, 6, 1),
            end_date=D(2032, 2, 1),
        )
    assert "después del periodo del plan" in exc.value.message_dict["end_date"][0]
    with pytest.raises(ValidationError) as exc:
        services.stage_save(
            actor=forum_member,
            plan=plan,
            number=1,
            name="Temprano",
            start_date=D(2026, 1, 1),
            end_date=D(2026, 2, 1),
        )
    assert "demasiado pronto" in exc.value.message_dict["start_date"][0]


@pytest.mark.parametrize("weight", [0, 101, -5])
def test_weight_outside_1_to_100_is_refused(forum_member, weight):
    plan = make_plan()
    with pytest.raises(ValidationError) as exc:
        services.criterion_save(
            actor=forum_member, plan=plan, name="Relevancia", definition="Importa.", weight=weight
        )
    assert "entre 1 y 100" in exc.value.message_dict["weight"][0]


def test_weights_not_summing_100_give_a_warning(forum_member):
    from abierto.plans.selectors import criteria_weight_warning

    plan = make_plan()
    services.criterion_save(
        actor=forum_member, plan=plan, name="Relevancia", definition="Importa.", weight=60
    )
    assert "suman 60" in criteria_weight_warning(plan)
    services.criterion_save(
        actor=forum_member, plan=plan, name="Factibilidad", definition="Se puede.", weight=40
    )
    assert criteria_weight_warning(ActionPlan.objects.get(pk=plan.pk)) is None


def test_new_version_keeps_the_old_one_and_copies_its_parts(forum_member):
    plan = make_plan(stages=2, slug="plan-x")
    services.axis_save(actor=forum_member, plan=plan, name="Social")
    services.criterion_save(
        actor=forum_member, plan=plan, name="Alcance", definition="A.", weight=100
    )
    services.theme_save(actor=forum_member, plan=plan, name="Género")
    new = services.plan_new_version(
        actor=forum_member, plan=plan, reason="Reprogramación de plazos.", end_date=D(2032, 6, 30)
    )
    plan.refresh_from_db()
    assert plan.superseded_by == new
    assert (new.version, new.slug, plan.slug) == (2, "plan-x", "plan-x-v1")
    assert new.version_reason == "Reprogramación de plazos."
    assert new.end_date == D(2032, 6, 30)
    assert [s.name for s in new.stages.all()] == ["Etapa 1", "Etapa 2"]
    assert new.axes.count() == new.criteria.count() == new.themes.count() == 1
    assert ActionLog.objects.filter(verb="plan_new_version", object_id=str(new.pk)).exists()
    with pytest.raises(ValidationError):
        services.plan_new_version(actor=forum_member, plan=plan, reason="Otra vez.")


def test_new_version_needs_a_reason(forum_member):
    plan = make_plan()
    with pytest.raises(ValidationError):
        services.plan_new_version(actor=forum_member, plan=plan, reason="  ")
    assert ActionPlan.objects.count() == 1


def test_audit_summary_is_in_spanish_whatever_language_the_actor_uses(forum_member):
    from django.utils import translation

    from abierto.core.models import ActionLog

    with translation.override("en"):
        plan = make_plan(start_date=D(2030, 1, 1), end_date=D(2031, 12, 31))
        services.axis_save(actor=forum_member, plan=plan, name="Social")
        services.plan_update(actor=forum_member, plan=plan, status="implementacion")
    summaries = list(ActionLog.objects.order_by("id").values_list("summary", flat=True))
    assert summaries[-2] == "Eje añadido: Social"
    assert summaries[-1].endswith("pasa a: En implementación")

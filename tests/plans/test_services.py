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
    row = ActionLog.objects.get(verb="plan.created")
    assert row.object_id == str(plan.pk)
    assert row.data == {"title": "Tercer plan", "number": 3}
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


def test_new_version_keeps_the_plan_row_and_its_parts(forum_member):
    plan = make_plan(stages=2, slug="plan-x")
    axis = services.axis_save(actor=forum_member, plan=plan, name="Social")
    criterion = services.criterion_save(
        actor=forum_member, plan=plan, name="Alcance", definition="A.", weight=100
    )
    theme = services.theme_save(actor=forum_member, plan=plan, name="Género")
    stage_ids = list(plan.stages.values_list("pk", flat=True))
    new = services.plan_new_version(
        actor=forum_member, plan=plan, reason="Reprogramación de plazos.", end_date=D(2032, 6, 30)
    )
    assert new.pk == plan.pk
    assert ActionPlan.objects.count() == 1
    assert (new.version, new.slug, new.end_date) == (2, "plan-x", D(2032, 6, 30))
    assert list(new.axes.all()) == [axis]
    assert list(new.criteria.all()) == [criterion]
    assert list(new.themes.all()) == [theme]
    assert list(new.stages.values_list("pk", flat=True)) == stage_ids
    entry = ActionLog.objects.get(verb="plan.version_created", object_id=str(new.pk))
    assert entry.data == {"version": 2, "reason": "Reprogramación de plazos."}
    assert entry.changes == {"end_date": ["2031-12-31", "2032-06-30"]}


def test_new_version_freezes_the_ending_frame_and_records_what_changed(forum_member):
    plan = make_plan(stages=2, slug="plan-x", title="Plan X")
    services.axis_save(actor=forum_member, plan=plan, name="Social")
    services.criterion_save(
        actor=forum_member, plan=plan, name="Alcance", definition="A.", weight=100
    )
    plan = services.plan_new_version(
        actor=forum_member,
        plan=plan,
        reason="Reprogramación de plazos.",
        title="Plan X reprogramado",
        end_date=D(2032, 6, 30),
    )
    v1, v2 = plan.versions.order_by("number")
    assert (v1.number, v1.reason, v2.number, v2.reason) == (
        1,
        "",
        2,
        "Reprogramación de plazos.",
    )
    assert v1.frame["title"] == "Plan X"
    assert v1.frame["end_date"] == "2031-12-31"
    assert [a["name"] for a in v1.frame["axes"]] == ["Social"]
    assert v1.frame["criteria"][0]["weight"] == 100
    assert [s["start_date"] for s in v1.frame["stages"]] == ["2030-01-01", "2030-01-31"]
    assert v2.frame is None  # in force: the live plan is its frame
    assert v2.changes == {
        "fields": {
            "title": ["Plan X", "Plan X reprogramado"],
            "end_date": ["2031-12-31", "2032-06-30"],
        }
    }

    # Edits after the re-programming belong to version 2; version 1 stays as it was.
    axis = plan.axes.get()
    services.axis_save(actor=forum_member, plan=plan, axis=axis, name="Social y salud")
    services.axis_save(actor=forum_member, plan=plan, name="Ambiente")
    criterion = plan.criteria.get()
    services.criterion_save(
        actor=forum_member,
        plan=plan,
        criterion=criterion,
        name="Alcance",
        definition="A.",
        weight=60,
    )
    v1.refresh_from_db()
    assert [a["name"] for a in v1.frame["axes"]] == ["Social"]

    plan = services.plan_new_version(actor=forum_member, plan=plan, reason="Segunda.")
    v2 = plan.versions.get(number=2)
    assert v2.frame["title"] == "Plan X reprogramado"
    assert v2.changes["axes"] == {"added": ["Ambiente"], "renamed": [["Social", "Social y salud"]]}
    assert v2.changes["criteria"] == {"weights": [["Alcance", 100, 60]]}
    assert plan.versions.get(number=3).changes == {}


def test_stage_date_changes_are_recorded_between_versions(forum_member):
    plan = make_plan(stages=2)
    plan = services.plan_new_version(actor=forum_member, plan=plan, reason="Plazos.")
    stage = plan.stages.get(number=2)
    services.stage_save(
        actor=forum_member,
        plan=plan,
        stage=stage,
        number=2,
        name=stage.name,
        start_date=stage.start_date,
        end_date=D(2030, 6, 30),
    )
    plan = services.plan_new_version(actor=forum_member, plan=plan, reason="Otra.")
    assert plan.versions.get(number=2).changes["stages"] == {
        "dates": [["2. Etapa 2", ["2030-01-31", "2030-03-01"], ["2030-01-31", "2030-06-30"]]]
    }


def test_new_version_is_recorded_even_when_only_the_reason_is_new(forum_member):
    plan = make_plan()
    services.plan_new_version(actor=forum_member, plan=plan, reason="Ajuste de forma.")
    entry = ActionLog.objects.get(verb="plan.version_created", object_id=str(plan.pk))
    assert entry.data == {"version": 2, "reason": "Ajuste de forma."}
    assert entry.changes == {}


def test_new_version_needs_a_reason(forum_member):
    plan = make_plan()
    with pytest.raises(ValidationError) as exc:
        services.plan_new_version(actor=forum_member, plan=plan, reason="  ")
    assert "motivo" in exc.value.message_dict["reason"][0]
    plan.refresh_from_db()
    assert plan.version == 1
    assert plan.versions.count() == 1
    assert plan.versions.get().frame is None


def test_new_version_with_a_bad_period_changes_nothing(forum_member):
    plan = make_plan()
    with pytest.raises(ValidationError):
        services.plan_new_version(
            actor=forum_member, plan=plan, reason="Plazos.", end_date=D(2029, 1, 1)
        )
    plan.refresh_from_db()
    assert (plan.version, plan.versions.count()) == (1, 1)
    assert plan.versions.get().frame is None


def test_plan_create_starts_version_one(forum_member):
    plan = services.plan_create(
        actor=forum_member,
        number=4,
        title="Cuarto plan",
        start_date=D(2030, 1, 1),
        end_date=D(2031, 12, 31),
    )
    assert list(plan.versions.values_list("number", "reason", "frame")) == [(1, "", None)]


def test_plan_update_records_nothing_when_nothing_changes(forum_member):
    plan = make_plan()
    before = ActionLog.objects.count()
    services.plan_update(actor=forum_member, plan=plan, title=plan.title, end_date=plan.end_date)
    assert ActionLog.objects.count() == before
    services.plan_update(actor=forum_member, plan=plan, end_date=D(2032, 1, 31))
    assert ActionLog.objects.count() == before + 1


def test_facilitators_must_hold_the_facilitator_role(forum_member, citizen):
    from abierto.core.roles import Role
    from tests.helpers import make_user

    facilitator = make_user("facilitadora@example.org", Role.FACILITATOR)
    plan = make_plan()
    with pytest.raises(ValidationError):
        services.plan_set_facilitators(actor=forum_member, plan=plan, users=[citizen])
    assert plan.facilitators.count() == 0
    services.plan_set_facilitators(actor=forum_member, plan=plan, users=[facilitator])
    assert list(plan.facilitators.all()) == [facilitator]
    assert list(facilitator.facilitated_plans.all()) == [plan]
    entry = ActionLog.objects.get(verb="plan.facilitators_changed")
    assert entry.public is False and entry.data == {"count": 1}
    count = ActionLog.objects.count()
    services.plan_set_facilitators(actor=forum_member, plan=plan, users=[facilitator])
    assert ActionLog.objects.count() == count


def test_part_edits_are_in_the_plan_history_and_a_no_op_writes_nothing(forum_member):
    from abierto.core.audit import history_line

    plan = make_plan()
    axis = services.axis_save(actor=forum_member, plan=plan, name="Social")
    services.plan_update(actor=forum_member, plan=plan, status="implementacion")
    count = ActionLog.objects.count()
    services.axis_save(actor=forum_member, plan=plan, axis=axis, name="Social")
    assert ActionLog.objects.count() == count
    services.axis_save(actor=forum_member, plan=plan, axis=axis, name="Social y salud")
    rows = list(ActionLog.objects.filter(object_id=str(plan.pk)).order_by("id"))
    assert [r.verb for r in rows] == ["axis.created", "plan.updated", "axis.updated"]
    assert rows[1].changes == {"status": ["cocreacion", "implementacion"]}
    assert rows[2].changes == {"name": ["Social", "Social y salud"]}
    assert history_line(rows[0]) == "Eje añadido: Social."


def test_changes_read_as_sentences():
    from abierto.plans.selectors import describe_changes

    lines = describe_changes(
        {
            "fields": {"end_date": ["2021-08-31", "2022-08-31"], "objective": ["a", "b"]},
            "axes": {"added": ["Ambiente"], "renamed": [["Social", "Social y salud"]]},
            "stages": {"removed": ["3. Mesas"], "renamed": [["2. Recepción", "2. Propuestas"]]},
            "criteria": {"weights": [["Alcance", 20, 25]]},
        }
    )
    assert lines == [
        "Fin del periodo: 31 de agosto de 2021 → 31 de agosto de 2022",
        "Objetivo: se reescribió.",
        "Eje añadido: Ambiente",
        "Eje renombrado: «Social» → «Social y salud»",
        "Peso del criterio Alcance: 20 % → 25 %",
        "Etapa retirada: 3. Mesas",
        "Etapa renombrada: «2. Recepción» → «2. Propuestas»",
    ]

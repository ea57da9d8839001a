"""The data migration that folds the version rows of a plan into one (plans 0003).

Goes back to the schema before it, builds a plan the old way (version 1 with a proposal on
its axis, version 2 copied from it, ``superseded_by`` on version 1), then migrates forward.
"""

import datetime
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

D = datetime.date
BEFORE = [("plans", "0003_planversion")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(list(executor.loader.applied_migrations)).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_versions_fold_into_one_plan_keeping_proposals_axes_and_history():
    old = _migrate(BEFORE)
    ActionPlan = old.get_model("plans", "ActionPlan")
    Axis = old.get_model("plans", "Axis")
    Theme = old.get_model("plans", "Theme")
    Criterion = old.get_model("plans", "Criterion")
    Stage = old.get_model("plans", "Stage")
    Proposal = old.get_model("proposals", "Proposal")
    ForumMeeting = old.get_model("forum", "ForumMeeting")
    ActionLog = old.get_model("core", "ActionLog")
    ContentType = old.get_model("contenttypes", "ContentType")

    def build(version, slug, end, reason=""):
        plan = ActionPlan.objects.create(
            number=1,
            version=version,
            slug=slug,
            title="Primer plan",
            start_date=D(2019, 9, 1),
            end_date=end,
            version_reason=reason,
        )
        Axis.objects.create(plan=plan, name="Social", order=1)
        Criterion.objects.create(plan=plan, name="Relevancia", definition="R.", weight=100)
        Stage.objects.create(
            plan=plan, number=1, name="Implementación", start_date=D(2020, 1, 1), end_date=end
        )
        return plan

    v1 = build(1, "primer-plan-v1", D(2021, 8, 31))
    # An axis and a theme that version 2 dropped, still used by a proposal.
    gone_axis = Axis.objects.create(plan=v1, name="Ambiente", order=2)
    gone_theme = Theme.objects.create(plan=v1, name="Género", order=1)
    v2 = build(2, "primer-plan", D(2022, 8, 31), reason="Reprogramación de plazos.")
    ActionPlan.objects.filter(pk=v1.pk).update(superseded_by=v2)
    now = timezone.now()
    common = {
        "problem": "P.",
        "solution": "S.",
        "beneficiaries": "B.",
        "province": "pichincha",
        "proposer_type": "ciudadania",
        "channel": "web",
        "status": "recibida",
        "status_changed_at": now,
        "created_at": now,
        "consent_at": now,
        "contact_name": "Persona de prueba",
    }
    on_social = Proposal.objects.create(
        plan=v1,
        title="Sobre lo social",
        axis=Axis.objects.get(plan=v1, name="Social"),
        tracking_code="AAAABBBBCCCCDDDD",
        idempotency_token=uuid.uuid4(),
        **common,
    )
    on_gone = Proposal.objects.create(
        plan=v1,
        title="Sobre el ambiente",
        axis=gone_axis,
        theme=gone_theme,
        tracking_code="EEEEFFFFGGGGHHHH",
        idempotency_token=uuid.uuid4(),
        **common,
    )
    meeting = ForumMeeting.objects.create(date=D(2020, 3, 1), title="Sesión", plan=v1)
    plan_type, _ = ContentType.objects.get_or_create(app_label="plans", model="actionplan")
    log = ActionLog.objects.create(
        created_at=now,
        verb="plan.created",
        content_type=plan_type,
        object_id=str(v1.pk),
        data={"title": "Primer plan", "number": 1},
        seq=1,
        prev_hash="",
        row_hash="f" * 64,
    )
    # A plan with a single row gets its version 1 row too.
    single = ActionPlan.objects.create(
        number=2,
        slug="segundo",
        title="Segundo plan",
        start_date=D(2022, 9, 1),
        end_date=D(2024, 8, 31),
    )

    new = _migrate(_latest())
    ActionPlan = new.get_model("plans", "ActionPlan")
    PlanVersion = new.get_model("plans", "PlanVersion")
    Proposal = new.get_model("proposals", "Proposal")
    ForumMeeting = new.get_model("forum", "ForumMeeting")
    ActionLog = new.get_model("core", "ActionLog")

    plan = ActionPlan.objects.get(number=1)
    assert (plan.pk, plan.slug, plan.version) == (v2.pk, "primer-plan", 2)
    assert ActionPlan.objects.count() == 2
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("number"))
    assert [(v.number, v.reason) for v in versions] == [
        (1, ""),
        (2, "Reprogramación de plazos."),
    ]
    assert versions[0].frame["end_date"] == "2021-08-31"
    assert [a["name"] for a in versions[0].frame["axes"]] == ["Social", "Ambiente"]
    assert versions[0].frame["stages"][0]["end_date"] == "2021-08-31"
    assert versions[1].frame is None
    assert versions[1].changes["fields"] == {"end_date": ["2021-08-31", "2022-08-31"]}
    # "Ambiente" was dropped by version 2 but a proposal uses it: it is re-created on the plan.
    assert "axes" not in versions[1].changes

    on_social = Proposal.objects.get(pk=on_social.pk)
    assert on_social.plan_id == plan.pk
    assert on_social.axis.plan_id == plan.pk and on_social.axis.name == "Social"
    on_gone = Proposal.objects.get(pk=on_gone.pk)
    assert on_gone.plan_id == plan.pk
    assert (on_gone.axis.plan_id, on_gone.axis.name) == (plan.pk, "Ambiente")
    assert (on_gone.theme.plan_id, on_gone.theme.name) == (plan.pk, "Género")
    assert ForumMeeting.objects.get(pk=meeting.pk).plan_id == plan.pk

    log = ActionLog.objects.get(pk=log.pk)
    assert log.object_id == str(plan.pk)
    assert log.row_hash == "f" * 64  # the hashes are left to core's re-sealing

    assert list(PlanVersion.objects.filter(plan_id=single.pk).values_list("number", "frame")) == [
        (1, None)
    ]

"""Small builders for plans used by the tests of plans, forum and the browser."""

import datetime

from abierto.plans.models import ActionPlan, PlanStatus, PlanVersion, Stage

D = datetime.date


def make_plan(number: int = 9, *, stages: int = 0, **fields) -> ActionPlan:
    """A plan in version 1 (with its PlanVersion row), written directly for speed.

    Re-program it with ``services.plan_new_version`` to get more versions.
    """
    defaults = {
        "slug": f"plan-{number}",
        "title": f"Plan de prueba {number}",
        "start_date": D(2030, 1, 1),
        "end_date": D(2031, 12, 31),
        "status": PlanStatus.CO_CREATION,
    }
    defaults.update(fields)
    plan = ActionPlan.objects.create(number=number, version=1, **defaults)
    PlanVersion.objects.create(plan=plan, number=1)
    for n in range(1, stages + 1):
        Stage.objects.create(
            plan=plan,
            number=n,
            name=f"Etapa {n}",
            start_date=plan.start_date + datetime.timedelta(days=30 * (n - 1)),
            end_date=plan.start_date + datetime.timedelta(days=30 * n - 1),
        )
    return plan

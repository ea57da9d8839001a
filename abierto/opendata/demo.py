"""Demo data of the open-data app: the three reports of every closed plan, published in the
document repository as PDF files (version 1), so the demo's repository holds real files.

Idempotent: a report already published for a plan is not published again.
"""

from abierto.core.roles import SYSTEM_ACTOR
from abierto.plans.models import ActionPlan, PlanStatus

from . import services
from .models import PublishedReport
from .reports import KINDS


def load() -> None:
    for plan in ActionPlan.objects.filter(status=PlanStatus.CLOSED).order_by("number"):
        for kind in KINDS:
            if not PublishedReport.objects.filter(plan=plan, kind=kind).exists():
                services.report_publish(actor=SYSTEM_ACTOR, plan=plan, kind=kind)

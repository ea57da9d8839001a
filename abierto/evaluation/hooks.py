"""What evaluation plugs into lower apps, registered from ``EvaluationConfig.ready``:

* ``plans.locks``: a plan's criteria are frozen while one of its rounds is open (the round
  scores against a snapshot, but changing the plan then would make the public method lie).
* ``core.panels`` slot ``proposal_detail``: the public page of a proposal shows the means per
  criterion, the weighted total and the decision of a published round.
"""

from django.utils.translation import gettext as _


def criteria_lock(plan) -> str | None:
    from .models import EvaluationRound, RoundStatus

    if EvaluationRound.objects.filter(plan=plan, status=RoundStatus.OPEN).exists():
        return _(
            "Hay una ronda de evaluación abierta para este plan: sus criterios no se pueden "
            "cambiar hasta que se cierre."
        )
    return None


def proposal_panel(proposal) -> dict | None:
    """Only a decided proposal can have published results: others cost no query."""
    from abierto.proposals.models import Status

    from .selectors import public_proposal_scores

    if proposal.status not in (Status.SELECTED, Status.MERGED, Status.NOT_SELECTED):
        return None

    scores = public_proposal_scores(proposal)
    return {"scores": scores} if scores else None


def register() -> None:
    from abierto.core.panels import register_panel
    from abierto.plans.locks import register_criteria_lock

    register_criteria_lock(criteria_lock)
    register_panel(
        "proposal_detail", template="evaluation/_proposal_scores.html", context=proposal_panel
    )

"""What evaluation plugs into lower apps (declared in its manifest):

* ``plans.locks``: a plan's criteria are frozen while one of its rounds is open (the round
  scores against a snapshot, but changing the plan then would make the public method lie).
* panel slot ``proposal_detail``: the public page of a proposal shows the means per
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


def plan_panel(plan) -> dict | None:
    """The plan's page links its evaluation once the plan has a commission."""
    from .models import Commission

    if not Commission.objects.filter(plan=plan).exists():
        return None
    return {"plan": plan}

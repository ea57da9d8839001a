"""Who may do what in evaluation (django-rules; asked through ``core.permissions``).

One notion of evaluator: a member of the plan's commission (``CommissionMember``). Membership
is per plan and is what lets a person score, and only what is assigned to them. The role
``evaluacion`` only opens the back office; the forum's seat ``comision-evaluadora`` names an
organisation, which a member of kind "Grupo Núcleo" may point at.

* ``evaluation.view_staff_section``: Grupo Núcleo, the role ``evaluacion``, or anyone on a
  commission (what they then see and score depends on their commission seats).
* ``evaluation.create_commission``: Grupo Núcleo.
* ``evaluation.manage`` (a plan, a commission or a round): Grupo Núcleo, or the chair of that
  plan's commission (members, conflicts, rounds, assignment, grouping, decisions, publication).
* ``evaluation.score`` (an assignment): the member it is assigned to.
"""

import rules

from abierto.core.roles import Role, has_role
from abierto.core.rules import is_forum_member

from .models import Assignment, Commission, CommissionMember, EvaluationRound


def _plan_id(obj) -> int | None:
    if isinstance(obj, EvaluationRound | Commission):
        return obj.plan_id
    return getattr(obj, "pk", None)


@rules.predicate
def chairs_commission(user, obj) -> bool:
    """The user chairs the commission of this plan (or of this round's or commission's plan)."""
    plan_id = _plan_id(obj)
    if plan_id is None or not getattr(user, "is_authenticated", False):
        return False
    return CommissionMember.objects.filter(
        commission__plan_id=plan_id, user=user, is_chair=True, left_at__isnull=True
    ).exists()


@rules.predicate
def sits_on_a_commission(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return CommissionMember.objects.filter(user=user, left_at__isnull=True).exists()


@rules.predicate
def is_assigned(user, assignment) -> bool:
    if not isinstance(assignment, Assignment) or not getattr(user, "is_authenticated", False):
        return False
    return assignment.member.user_id == user.pk and assignment.member.left_at is None


rules.add_perm(
    "evaluation.view_staff_section",
    is_forum_member | has_role(Role.EVALUATOR) | sits_on_a_commission,
)
rules.add_perm("evaluation.create_commission", is_forum_member)
rules.add_perm("evaluation.manage", is_forum_member | chairs_commission)
rules.add_perm("evaluation.score", is_assigned)

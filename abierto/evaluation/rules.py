"""Who may do what in evaluation. Plain predicates for now; each becomes a django-rules
predicate (``rules.add_perm("evaluation.…", …)``) once the house permissions land.

* Grupo Núcleo (``Role.FORUM_MEMBER``) sets up the commission and its rounds.
* The commission's chair runs the rounds of their plan: assignment, reassignment, grouping,
  decisions, publication.
* A commission member scores only what is assigned to them.
"""

from abierto.accounts.roles import Role, user_has_role

from .models import Assignment, CommissionMember


def is_forum_member(user) -> bool:
    return user_has_role(user, Role.FORUM_MEMBER)


def chair_of(user, plan_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return CommissionMember.objects.filter(
        commission__plan_id=plan_id, user=user, is_chair=True
    ).exists()


def may_manage_evaluation(user, plan_id: int) -> bool:
    """Run the plan's rounds: Grupo Núcleo, or the chair of the plan's commission."""
    return is_forum_member(user) or chair_of(user, plan_id)


def may_score(user, assignment: Assignment) -> bool:
    return getattr(user, "is_authenticated", False) and assignment.member.user_id == user.pk


def may_open_evaluation_office(user) -> bool:
    """The evaluation back office: Grupo Núcleo, or anyone on a commission."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_forum_member(user) or CommissionMember.objects.filter(user=user).exists()

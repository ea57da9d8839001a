"""Plans: the Grupo Núcleo runs the process (plans, versions, stages, axes, criteria, themes
and who facilitates each plan). The calendar checks themselves live in ``checks.py``."""

import rules

from abierto.core.roles import Role, has_role
from abierto.core.rules import is_forum_member

is_facilitator = has_role(Role.FACILITATOR)


@rules.predicate
def facilitates_plan(user, plan) -> bool:
    """The user is one of the facilitators the Grupo Núcleo assigned to this plan."""
    if plan is None or not getattr(user, "is_authenticated", False):
        return False
    return plan.facilitators.filter(pk=user.pk).exists()


rules.add_perm("plans.manage", is_forum_member)
rules.add_perm("plans.see_forum_warnings", is_forum_member)

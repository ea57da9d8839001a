"""Who may freeze a plan's criteria, without plans knowing about them.

Apps above plans (evaluation) answer the hook point ``plans.criteria_lock`` in their manifest;
the plans services ask ``criteria_lock_reason(plan)`` before changing a criterion. The truth
stays where it lives (an open evaluation round), so there is no flag to keep in step with it,
and plans never imports a higher app.
"""

from abierto.core.manifest import hooks


def criteria_lock_reason(plan) -> str | None:
    """Why the plan's criteria cannot change now (the first app that says so), or None."""
    for check in hooks("plans.criteria_lock"):
        reason = check(plan)
        if reason:
            return reason
    return None

"""Who may freeze a plan's criteria, without plans knowing about them.

Apps above plans (evaluation) register a check in their ``AppConfig.ready``; the plans
services ask ``criteria_lock_reason(plan)`` before changing a criterion. The truth stays where
it lives (an open evaluation round), so there is no flag to keep in step with it, and plans
never imports a higher app.
"""

from collections.abc import Callable

CriteriaLock = Callable[[object], str | None]

_criteria_locks: list[CriteriaLock] = []


def register_criteria_lock(check: CriteriaLock) -> None:
    """``check(plan)`` returns why the plan's criteria cannot change now, or None."""
    if check not in _criteria_locks:
        _criteria_locks.append(check)


def criteria_lock_reason(plan) -> str | None:
    for check in _criteria_locks:
        reason = check(plan)
        if reason:
            return reason
    return None

"""Public pages of the plans app: the list of plans and a plan's page."""

from django.shortcuts import render

from abierto.core.permissions import allowed
from abierto.forum.selectors import forum_activity

from . import selectors


def plan_list(request):
    plans = list(selectors.plan_list())
    older = selectors.previous_versions_by_number(p.number for p in plans)
    items = [
        {"plan": p, "timeline": selectors.plan_timeline(p), "older": older.get(p.number, [])}
        for p in plans
    ]
    return render(request, "plans/list.html", {"items": items})


def plan_detail(request, slug: str):
    plan = selectors.plan_detail(slug=slug)
    current = None if plan.is_current_version else selectors.plan_current_version(plan)
    timeline = selectors.plan_timeline(plan)
    warnings = []
    if allowed(request.user, "plans.see_forum_warnings"):
        warnings = selectors.plan_notice_warnings(plan)
        weight_warning = selectors.criteria_weight_warning(plan)
        if weight_warning:
            warnings.append(weight_warning)
        activity_warning = forum_activity().warning
        if activity_warning:
            warnings.append(activity_warning)
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "current_version": current,
            "older_versions": selectors.plan_older_versions(plan),
            "timeline": timeline,
            # Links to the proposals app: the form while a stage of this plan receives them,
            # and the list of what was received (with the reasoned responses).
            "receiving_now": plan.is_current_version
            and any(stage.receives_proposals for stage in timeline.current),
            "takes_proposals": any(view.stage.receives_proposals for view in timeline.stages),
            "weight_total": selectors.criteria_weight_total(plan),
            "forum_warnings": warnings,
        },
    )

"""Public pages of the plans app: the list of plans, a plan's page and its past versions."""

from django.http import Http404
from django.shortcuts import redirect, render

from abierto.core.pagecache import shared_page
from abierto.core.permissions import allowed
from abierto.forum.selectors import forum_activity

from . import selectors


@shared_page
def plan_list(request):
    items = [
        {
            "plan": plan,
            "timeline": selectors.plan_timeline(plan),
            "older": [v for v in plan.versions.all() if v.number < plan.version],
        }
        for plan in selectors.plan_list()
    ]
    return render(request, "plans/list.html", {"items": items})


@shared_page
def plan_detail(request, slug: str):
    try:
        plan = selectors.plan_detail(slug=slug)
    except Http404:
        # ``<slug>-v<n>``: where an older version lived before plans kept one row.
        old = selectors.plan_version_from_old_slug(slug)
        if old is None:
            raise
        plan, number = old
        if number == plan.version:
            return redirect("plans:detail", plan.slug, permanent=True)
        return redirect("plans:version", plan.slug, number, permanent=True)
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
    versions = list(plan.versions.all())
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "versions": versions,
            "version_in_force": next((v for v in versions if v.number == plan.version), None),
            "timeline": timeline,
            # Links to the proposals app: the form while a stage of this plan receives them,
            # and the list of what was received (every version's, with the responses).
            "receiving_now": any(stage.receives_proposals for stage in timeline.current),
            "takes_proposals": any(view.stage.receives_proposals for view in timeline.stages),
            "weight_total": selectors.criteria_weight_total(plan),
            "forum_warnings": warnings,
        },
    )


@shared_page
def plan_version(request, slug: str, number: int):
    """A version no longer in force, read from its frozen frame (the one in force: the plan)."""
    plan = selectors.plan_detail(slug=slug)
    page = selectors.plan_version_page(plan=plan, number=number)
    if page is None:
        return redirect("plans:detail", plan.slug)
    return render(request, "plans/version.html", {"page": page, "plan": plan})

"""Reads of the plans app: plan pages, the stage timeline and the open proposal stage."""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from . import checks
from .models import ActionPlan, PlanStatus, Stage


def plan_list() -> QuerySet[ActionPlan]:
    """Current versions of every plan, newest first, with their stages (two queries)."""
    return (
        ActionPlan.objects.filter(superseded_by__isnull=True)
        .prefetch_related("stages")
        .order_by("-number", "-version")
    )


def previous_versions_by_number(numbers) -> dict[int, list[ActionPlan]]:
    """Superseded versions of the given plan numbers, newest first, grouped by number."""
    grouped: dict[int, list[ActionPlan]] = {}
    rows = ActionPlan.objects.filter(number__in=list(numbers), superseded_by__isnull=False)
    for plan in rows.order_by("number", "-version").only(
        "id", "number", "version", "slug", "title", "start_date", "end_date"
    ):
        grouped.setdefault(plan.number, []).append(plan)
    return grouped


def plan_detail(*, slug: str) -> ActionPlan:
    """A plan (any version) with its axes, criteria, themes and stages loaded (404 if absent)."""
    return get_object_or_404(
        ActionPlan.objects.select_related("superseded_by").prefetch_related(
            "axes", "criteria", "themes", "stages"
        ),
        slug=slug,
    )


def plan_current_version(plan: ActionPlan) -> ActionPlan:
    """The newest version of a plan (the plan itself when it is current)."""
    current = plan
    seen = {plan.pk}
    while current.superseded_by_id is not None and current.superseded_by_id not in seen:
        seen.add(current.superseded_by_id)
        current = ActionPlan.objects.get(pk=current.superseded_by_id)
    return current


def plan_older_versions(plan: ActionPlan) -> list[ActionPlan]:
    """Older versions of this plan's number, newest first (excluding the plan itself)."""
    return list(
        ActionPlan.objects.filter(number=plan.number, version__lt=plan.version).order_by("-version")
    )


def criteria_weight_total(plan: ActionPlan) -> int:
    """Sum of the plan's criterion weights (uses the prefetched criteria when loaded)."""
    cache = getattr(plan, "_prefetched_objects_cache", {})
    if "criteria" in cache:
        return sum(c.weight for c in cache["criteria"])
    return plan.criteria.aggregate(total=Sum("weight"))["total"] or 0


# --- The timeline -------------------------------------------------------------------------


@dataclass
class StageView:
    stage: Stage
    state: str  # "past", "current" or "upcoming"
    notice_days: int | None
    notice_too_short: bool


@dataclass
class Timeline:
    day: datetime.date
    stages: list[StageView]
    current: list[Stage] = field(default_factory=list)
    next_stage: Stage | None = None
    svg: dict | None = None

    @property
    def before_first(self) -> bool:
        return bool(self.stages) and self.day < self.stages[0].stage.start_date

    @property
    def after_last(self) -> bool:
        return bool(self.stages) and all(v.state == "past" for v in self.stages)


def stage_state(stage: Stage, day: datetime.date) -> str:
    if day < stage.start_date:
        return "upcoming"
    if day > stage.end_date:
        return "past"
    return "current"


def plan_timeline(plan: ActionPlan, *, day: datetime.date | None = None) -> Timeline:
    """The plan's stages as of ``day`` (today by default): which are current and what's next.

    Several stages may be current at once when they overlap; ``next_stage`` is the first stage
    that starts after ``day``.
    """
    day = day or timezone.localdate()
    stages = sorted(plan.stages.all(), key=lambda s: (s.number, s.start_date))
    views = [
        StageView(
            stage=s,
            state=stage_state(s, day),
            notice_days=checks.notice_days(s),
            notice_too_short=checks.stage_notice_too_short(s),
        )
        for s in stages
    ]
    current = [v.stage for v in views if v.state == "current"]
    upcoming = sorted((s for s in stages if s.start_date > day), key=lambda s: s.start_date)
    timeline = Timeline(
        day=day, stages=views, current=current, next_stage=upcoming[0] if upcoming else None
    )
    timeline.svg = _timeline_drawing(views, day) if views else None
    return timeline


def _timeline_drawing(views: list[StageView], day: datetime.date) -> dict:
    """Coordinates for the SVG drawing of the stages (a Gantt-like bar per stage)."""
    # A narrow drawing (600 units) keeps its numbers legible when scaled down to a phone.
    width, left, right, row_h, top = 600, 34, 14, 30, 30
    first = min(v.stage.start_date for v in views)
    last = max(v.stage.end_date for v in views)
    span = max((last - first).days + 1, 1)
    scale = (width - left - right) / span

    def x(d: datetime.date) -> float:
        return round(left + (d - first).days * scale, 1)

    bars = []
    for i, v in enumerate(views):
        x1 = x(v.stage.start_date)
        x2 = round(x(v.stage.end_date) + scale, 1)
        bars.append(
            {
                "number": v.stage.number,
                "state": v.state,
                "x": x1,
                "y": top + i * row_h,
                "w": max(round(x2 - x1, 1), 4),
                "h": row_h - 12,
                "label_y": top + i * row_h + (row_h - 12) / 2 + 6,
            }
        )
    years = []
    for year in range(first.year, last.year + 2):
        d = datetime.date(year, 1, 1)
        if first <= d <= last:
            years.append({"x": x(d), "label": year})
    height = top + len(views) * row_h + 10
    today_x = x(day) if first <= day <= last else None
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "years": years,
        "today_x": today_x,
        "label_x": left - 10,
    }


# --- Proposal intake (used by the proposals app) ------------------------------------------


def open_proposal_stage(
    *, plan: ActionPlan | None = None, day: datetime.date | None = None
) -> Stage | None:
    """The stage receiving proposals on ``day`` (today in America/Guayaquil by default).

    The proposals app opens its public form when this returns a stage and closes it when it
    returns ``None``::

        stage = open_proposal_stage()            # any plan in co-creation
        stage = open_proposal_stage(plan=plan)   # only this plan

    A stage qualifies when it is marked ``receives_proposals``, ``start_date <= day <=
    end_date`` (both days included), and its plan is a current version (not superseded) and in
    co-creation. Without ``plan``, the earliest-ending open stage among all plans wins. The
    stage comes with ``stage.plan`` loaded (one query).
    """
    day = day or timezone.localdate()
    rows = Stage.objects.select_related("plan").filter(
        receives_proposals=True,
        start_date__lte=day,
        end_date__gte=day,
        plan__superseded_by__isnull=True,
        plan__status=PlanStatus.CO_CREATION,
    )
    if plan is not None:
        rows = rows.filter(plan=plan)
    return rows.order_by("end_date", "plan__number", "number").first()


def proposal_stage_for(plan: ActionPlan) -> Stage | None:
    """The plan's stage that receives proposals, open or not (``None`` if it has none).

    For the proposals app to say when the form opens ("abre el ...") or when it closed. When a
    plan marks several stages, the first by number is returned.
    """
    return plan.stages.filter(receives_proposals=True).order_by("number").first()


# --- OGP notice checks --------------------------------------------------------------------


def plan_notice_warnings(plan: ActionPlan, *, day: datetime.date | None = None) -> list[str]:
    """Warnings for forum members about the plan against OGP co-creation standards.

    A stage announced less than ``checks.MIN_NOTICE_DAYS`` days before it starts, and an
    upcoming stage not announced yet.
    """
    day = day or timezone.localdate()
    warnings = []
    for stage in sorted(plan.stages.all(), key=lambda s: s.number):
        days = checks.notice_days(stage)
        if days is not None and days < checks.MIN_NOTICE_DAYS:
            warnings.append(
                _(
                    "La etapa %(number)s (%(name)s) se anunció %(days)s días antes de empezar; "
                    "el estándar de cocreación de OGP pide al menos %(min)s días."
                )
                % {
                    "number": stage.number,
                    "name": stage.name,
                    "days": days,
                    "min": checks.MIN_NOTICE_DAYS,
                }
            )
        elif days is None and stage.start_date > day:
            warnings.append(
                _(
                    "La etapa %(number)s (%(name)s) aún no tiene fecha de anuncio: anúnciela "
                    "al menos %(min)s días antes de que empiece (%(start)s)."
                )
                % {
                    "number": stage.number,
                    "name": stage.name,
                    "min": checks.MIN_NOTICE_DAYS,
                    "start": stage.start_date.strftime("%d/%m/%Y"),
                }
            )
    return warnings


def criteria_weight_warning(plan: ActionPlan) -> str | None:
    """A warning when the plan has criteria whose weights do not add up to 100."""
    cache = getattr(plan, "_prefetched_objects_cache", {})
    has_criteria = bool(cache["criteria"]) if "criteria" in cache else plan.criteria.exists()
    if not has_criteria:
        return None
    total = criteria_weight_total(plan)
    if total == checks.WEIGHTS_TOTAL:
        return None
    return _("Los pesos de los criterios suman %(total)s; deberían sumar 100.") % {"total": total}


def staff_plan_list() -> QuerySet[ActionPlan]:
    """Every plan and version, for the back office."""
    return ActionPlan.objects.select_related("superseded_by").order_by("-number", "-version")

"""Reads of the plans app: plan pages, the stage timeline and the open proposal stage."""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from abierto.core import charts

from . import checks, frames
from .models import ActionPlan, PlanStatus, PlanVersion, Stage


def plan_list() -> QuerySet[ActionPlan]:
    """Every plan, newest first, with its stages and versions (three queries)."""
    return ActionPlan.objects.prefetch_related(
        "stages", Prefetch("versions", queryset=PlanVersion.objects.order_by("-number"))
    ).order_by("-number")


def plan_choices() -> QuerySet[ActionPlan]:
    """Plans for a dropdown (one entry per plan, newest first)."""
    return ActionPlan.objects.order_by("-number")


def plan_detail(*, slug: str) -> ActionPlan:
    """A plan with its axes, criteria, themes, stages and versions loaded (404 if absent)."""
    return get_object_or_404(
        ActionPlan.objects.prefetch_related(
            "axes",
            "criteria",
            "themes",
            "stages",
            Prefetch("versions", queryset=PlanVersion.objects.order_by("-number")),
        ),
        slug=slug,
    )


_OLD_VERSION_SLUG = re.compile(r"^(?P<slug>[-\w]+)-v(?P<number>[0-9]{1,4})$")


def plan_version_from_old_slug(slug: str) -> tuple[ActionPlan, int] | None:
    """``(plan, version number)`` for an address of the old scheme, ``<slug>-v<n>``.

    Before plans kept one row, an older version lived at its own address; those addresses
    now answer with a permanent redirect to the version page.
    """
    match = _OLD_VERSION_SLUG.match(slug)
    if match is None:
        return None
    plan = ActionPlan.objects.filter(slug=match["slug"]).first()
    number = int(match["number"])
    if plan is None or not plan.versions.filter(number=number).exists():
        return None
    return plan, number


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def readable_frame(frame: dict) -> dict:
    """A frozen frame with its ISO dates turned into dates, for templates."""
    out = dict(frame)
    out["start_date"] = _date(frame.get("start_date"))
    out["end_date"] = _date(frame.get("end_date"))
    out["stages"] = [
        {
            **stage,
            "start_date": _date(stage.get("start_date")),
            "end_date": _date(stage.get("end_date")),
            "announced_on": _date(stage.get("announced_on")),
        }
        for stage in frame.get("stages") or []
    ]
    out["weight_total"] = sum(c.get("weight") or 0 for c in frame.get("criteria") or [])
    return out


FIELD_LABELS = {
    "title": gettext_lazy("Título"),
    "start_date": gettext_lazy("Inicio del periodo"),
    "end_date": gettext_lazy("Fin del periodo"),
    "objective": gettext_lazy("Objetivo"),
}
PART_LABELS = {
    "axes": (
        gettext_lazy("Eje añadido"),
        gettext_lazy("Eje retirado"),
        gettext_lazy("Eje renombrado"),
    ),
    "criteria": (
        gettext_lazy("Criterio añadido"),
        gettext_lazy("Criterio retirado"),
        gettext_lazy("Criterio renombrado"),
    ),
    "themes": (
        gettext_lazy("Tema añadido"),
        gettext_lazy("Tema retirado"),
        gettext_lazy("Tema renombrado"),
    ),
    "stages": (
        gettext_lazy("Etapa añadida"),
        gettext_lazy("Etapa retirada"),
        gettext_lazy("Etapa renombrada"),
    ),
}


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return str(value)


def describe_changes(changes: dict) -> list[str]:
    """``frames.frame_changes`` output as sentences a reader understands, in order."""
    lines: list[str] = []
    for name, (old, new) in (changes.get("fields") or {}).items():
        if name == "objective":
            lines.append(_("Objetivo: se reescribió."))
            continue
        lines.append(
            _("%(field)s: %(old)s → %(new)s")
            % {"field": FIELD_LABELS.get(name, name), "old": _shown(old), "new": _shown(new)}
        )
    for part, (added_label, removed_label, renamed_label) in PART_LABELS.items():
        entry = changes.get(part) or {}
        for item in entry.get("added", []):
            lines.append(f"{added_label}: {item}")
        for item in entry.get("removed", []):
            lines.append(f"{removed_label}: {item}")
        for old, new in entry.get("renamed", []):
            lines.append(f"{renamed_label}: «{old}» → «{new}»")
        for name, old, new in entry.get("weights", []):
            lines.append(
                _("Peso del criterio %(name)s: %(old)s %% → %(new)s %%")
                % {"name": name, "old": old, "new": new}
            )
        for name, old, new in entry.get("dates", []):
            lines.append(
                _(
                    "Fechas de la etapa %(name)s: %(old_start)s – %(old_end)s → "
                    "%(new_start)s – %(new_end)s"
                )
                % {
                    "name": name,
                    "old_start": _shown(old[0]),
                    "old_end": _shown(old[1]),
                    "new_start": _shown(new[0]),
                    "new_end": _shown(new[1]),
                }
            )
    return lines


@dataclass
class VersionPage:
    """What the page of a version that is no longer in force shows."""

    plan: ActionPlan
    version: PlanVersion
    frame: dict
    next_version: PlanVersion
    next_in_force: bool
    changes: list[str] = field(default_factory=list)
    versions: list[PlanVersion] = field(default_factory=list)


def plan_version_page(*, plan: ActionPlan, number: int) -> VersionPage | None:
    """The frozen version ``number`` of ``plan`` and what changed in the one after it.

    ``None`` when that version is the one in force (its page is the plan's page). 404 when the
    plan has no such version.
    """
    versions = list(plan.versions.all())  # prefetched by ``plan_detail``
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404
    if number >= plan.version or version.frame is None:
        return None
    following = sorted((v for v in versions if v.number > number), key=lambda v: v.number)
    if not following:  # pragma: no cover - every version in force has its row
        raise Http404
    next_version = following[0]
    next_in_force = next_version.number >= plan.version or next_version.frame is None
    next_frame = frames.plan_frame(plan) if next_in_force else next_version.frame
    return VersionPage(
        plan=plan,
        version=version,
        frame=readable_frame(version.frame),
        next_version=next_version,
        next_in_force=next_in_force,
        changes=describe_changes(frames.frame_changes(version.frame, next_frame)),
        versions=sorted(versions, key=lambda v: -v.number),
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
    drawing: charts.StageTimeline | None = None

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
    timeline.drawing = charts.stage_timeline(
        [
            charts.TimelineStage(
                number=v.stage.number, start=v.stage.start_date, end=v.stage.end_date, state=v.state
            )
            for v in views
        ],
        day=day,
    )
    return timeline


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
    end_date`` (both days included), and its plan is in co-creation. Without ``plan``, the
    earliest-ending open stage among all plans wins. The stage comes with ``stage.plan``
    loaded (one query).
    """
    day = day or timezone.localdate()
    rows = Stage.objects.select_related("plan").filter(
        receives_proposals=True,
        start_date__lte=day,
        end_date__gte=day,
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
                    "start": date_format(stage.start_date),
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
    """Every plan, for the back office (one row each, whatever its version)."""
    return ActionPlan.objects.order_by("-number")


def facilitator_candidates():
    """Active accounts holding the facilitator role, for the plan's facilitators checklist."""
    from django.contrib.auth import get_user_model

    from abierto.core.roles import Role

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.FACILITATOR.value)
        .distinct()
        .order_by("full_name", "email")
    )

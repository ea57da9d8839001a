"""Writes of the plans app. Each one is atomic and leaves an ActionLog row.

Services check the same rules as the forms (``checks.py`` and the model's validation), so a
caller that skips the form still cannot store a stage that ends before it starts.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from abierto.core.services import actionlog_record, official_text

from . import checks
from .models import ActionPlan, Axis, Criterion, PlanStatus, Stage, Theme

PLAN_FIELDS = (
    "number",
    "title",
    "slug",
    "start_date",
    "end_date",
    "objective",
    "status",
    "is_example",
)


def _check(instance, *, exclude=None, extra: dict[str, str] | None = None) -> None:
    errors: dict[str, list] = {}
    # Fields already refused by a rule are left out of the model's own checks, so a stage
    # that ends before it starts gets one clear message rather than a constraint's name.
    skip = set(exclude or ()) | set(extra or {})
    try:
        instance.full_clean(exclude=skip or None)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    for name, message in (extra or {}).items():
        errors.setdefault(name, []).append(message)
    if errors:
        raise ValidationError(errors)


def unique_plan_slug(base: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(base)[:70] or "plan"
    slug, n = base, 2
    others = ActionPlan.objects.exclude(pk=exclude_pk) if exclude_pk else ActionPlan.objects.all()
    while others.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def plan_create(
    *,
    actor,
    number: int,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date,
    objective: str = "",
    status: str = PlanStatus.CO_CREATION,
    slug: str = "",
    is_example: bool = False,
) -> ActionPlan:
    plan = ActionPlan(
        number=number,
        version=1,
        title=title,
        start_date=start_date,
        end_date=end_date,
        objective=objective,
        status=status,
        is_example=is_example,
        slug=slug or unique_plan_slug(title),
    )
    _check(plan, extra=_period_errors(start_date, end_date))
    plan.save()
    actionlog_record(
        actor=actor,
        verb="plan_create",
        target=plan,
        summary=official_text("Plan de acción creado: %(title)s", title=plan.title),
    )
    return plan


def _period_errors(start, end) -> dict[str, str]:
    if start and end and end <= start:
        return {
            "end_date": _(
                "El periodo termina antes de empezar: el fin debe ser posterior al inicio."
            )
        }
    return {}


@transaction.atomic
def plan_update(*, actor, plan: ActionPlan, **changes) -> ActionPlan:
    """Change a plan's fields (any of ``PLAN_FIELDS``)."""
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"plan_update: unknown fields {sorted(unknown)}")
    old_status = plan.status
    for name, value in changes.items():
        setattr(plan, name, value)
    if not plan.slug:
        plan.slug = unique_plan_slug(plan.title, exclude_pk=plan.pk)
    _check(plan, extra=_period_errors(plan.start_date, plan.end_date))
    plan.save()
    summary = official_text("Plan de acción actualizado: %(title)s", title=plan.title)
    if old_status != plan.status:
        summary = official_text(
            "Plan de acción «%(title)s» pasa a: %(status)s",
            title=plan.title,
            status=PlanStatus(plan.status).label,
        )
    actionlog_record(actor=actor, verb="plan_update", target=plan, summary=summary)
    return plan


@transaction.atomic
def plan_new_version(
    *,
    actor,
    plan: ActionPlan,
    reason: str,
    title: str | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    objective: str | None = None,
) -> ActionPlan:
    """Re-program a plan: a new version with the same number, copying axes, criteria, themes
    and stages; the old one stays readable, marked as superseded.

    The new version takes over the plan's address (links to the plan lead to what is in force);
    the old one moves to ``<slug>-v<version>``.
    """
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.superseded_by_id is not None:
        raise ValidationError(
            _("Esta versión ya fue reemplazada: cree la nueva versión a partir de la vigente.")
        )
    if not (reason or "").strip():
        raise ValidationError({"version_reason": [_("Explique el motivo de la nueva versión.")]})
    base_slug = plan.slug
    plan.slug = unique_plan_slug(f"{base_slug}-v{plan.version}", exclude_pk=plan.pk)
    plan.save(update_fields=["slug", "updated_at"])
    new = ActionPlan(
        number=plan.number,
        version=plan.version + 1,
        slug=base_slug,
        title=title or plan.title,
        start_date=start_date or plan.start_date,
        end_date=end_date or plan.end_date,
        objective=plan.objective if objective is None else objective,
        status=plan.status,
        version_reason=reason.strip(),
        is_example=plan.is_example,
    )
    _check(new, extra=_period_errors(new.start_date, new.end_date))
    new.save()
    Axis.objects.bulk_create(
        Axis(plan=new, name=a.name, description=a.description, order=a.order)
        for a in plan.axes.all()
    )
    Criterion.objects.bulk_create(
        Criterion(plan=new, name=c.name, definition=c.definition, weight=c.weight, order=c.order)
        for c in plan.criteria.all()
    )
    Theme.objects.bulk_create(
        Theme(plan=new, name=t.name, description=t.description, order=t.order)
        for t in plan.themes.all()
    )
    Stage.objects.bulk_create(
        Stage(
            plan=new,
            number=s.number,
            name=s.name,
            description=s.description,
            responsible=s.responsible,
            start_date=s.start_date,
            end_date=s.end_date,
            announced_on=s.announced_on,
            receives_proposals=s.receives_proposals,
        )
        for s in plan.stages.all()
    )
    plan.superseded_by = new
    plan.save(update_fields=["superseded_by", "updated_at"])
    actionlog_record(
        actor=actor,
        verb="plan_new_version",
        target=new,
        summary=official_text(
            "Nueva versión %(version)s de «%(title)s»", version=new.version, title=new.title
        ),
    )
    actionlog_record(
        actor=actor,
        verb="plan_superseded",
        target=plan,
        summary=official_text(
            "Versión %(version)s reemplazada por la versión %(new)s",
            version=plan.version,
            new=new.version,
        ),
    )
    return new


def _save_part(instance, *, actor, verb: str, label: str, extra=None):
    created = instance.pk is None
    _check(instance, extra=extra)
    instance.save()
    summary = official_text(
        "%(label)s añadido: %(name)s" if created else "%(label)s actualizado: %(name)s",
        label=label,
        name=instance,
    )
    actionlog_record(
        actor=actor,
        verb=f"{verb}_{'create' if created else 'update'}",
        target=instance,
        summary=summary,
    )
    return instance


@transaction.atomic
def axis_save(
    *,
    actor,
    plan: ActionPlan,
    axis: Axis | None = None,
    name: str,
    description: str = "",
    order: int = 0,
) -> Axis:
    axis = axis or Axis(plan=plan)
    axis.plan, axis.name, axis.description, axis.order = plan, name, description, order
    return _save_part(axis, actor=actor, verb="axis", label="Eje")


@transaction.atomic
def criterion_save(
    *,
    actor,
    plan: ActionPlan,
    criterion: Criterion | None = None,
    name: str,
    definition: str,
    weight: int,
    order: int = 0,
) -> Criterion:
    """Add or change a criterion. The weight is 1..100; whether the plan's weights add up to
    100 is a warning (``selectors.criteria_weight_warning``), since they are edited one by one.
    """
    criterion = criterion or Criterion(plan=plan)
    criterion.plan, criterion.name, criterion.definition = plan, name, definition
    criterion.weight, criterion.order = weight, order
    extra = {}
    if weight is None or not 1 <= weight <= 100:
        extra["weight"] = _("El peso debe ser un número entero entre 1 y 100.")
    return _save_part(criterion, actor=actor, verb="criterion", label="Criterio", extra=extra)


@transaction.atomic
def theme_save(
    *,
    actor,
    plan: ActionPlan,
    theme: Theme | None = None,
    name: str,
    description: str = "",
    order: int = 0,
) -> Theme:
    theme = theme or Theme(plan=plan)
    theme.plan, theme.name, theme.description, theme.order = plan, name, description, order
    return _save_part(theme, actor=actor, verb="theme", label="Tema")


@transaction.atomic
def stage_save(
    *,
    actor,
    plan: ActionPlan,
    stage: Stage | None = None,
    number: int,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    description: str = "",
    responsible: str = "",
    announced_on: datetime.date | None = None,
    receives_proposals: bool = False,
) -> Stage:
    """Add or change a stage; the dates must follow ``checks.stage_date_errors``."""
    stage = stage or Stage(plan=plan)
    stage.plan, stage.number, stage.name = plan, number, name
    stage.description, stage.responsible = description, responsible
    stage.start_date, stage.end_date = start_date, end_date
    stage.announced_on, stage.receives_proposals = announced_on, receives_proposals
    siblings = plan.stages.exclude(pk=stage.pk) if stage.pk else plan.stages.all()
    extra = checks.stage_date_errors(
        plan=plan, number=number, start=start_date, end=end_date, siblings=list(siblings)
    )
    return _save_part(stage, actor=actor, verb="stage", label="Etapa", extra=extra)

"""Writes of the plans app. Each one is atomic and leaves an ActionLog row.

Services check the same rules as the forms (``rules.py`` and the model's validation), so a
caller that skips the form still cannot store a stage that ends before it starts.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from abierto.accounts.roles import Role, user_has_role
from abierto.core.services import actionlog_record, official_text

from . import frames, rules
from .models import ActionPlan, Axis, Criterion, PlanStatus, PlanVersion, Stage, Theme

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
    PlanVersion.objects.create(plan=plan, number=1, created_at=plan.created_at)
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


def _json(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


@transaction.atomic
def plan_update(*, actor, plan: ActionPlan, **changes) -> ActionPlan:
    """Change a plan's fields (any of ``PLAN_FIELDS``); nothing is written for a no-op.

    This corrects the version in force; a re-programming is ``plan_new_version``.
    """
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"plan_update: unknown fields {sorted(unknown)}")
    # Compared with what is stored: a ModelForm has already set its values on ``plan``.
    stored = ActionPlan.objects.get(pk=plan.pk)
    old_status = stored.status
    changed = {}
    for name, value in changes.items():
        old = getattr(stored, name)
        setattr(plan, name, value)
        if old != value:
            changed[name] = [_json(old), _json(value)]
    if not plan.slug:
        plan.slug = unique_plan_slug(plan.title, exclude_pk=plan.pk)
        changed.setdefault("slug", ["", plan.slug])
    if not changed:
        return plan
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


def _ensure_version_row(plan: ActionPlan) -> PlanVersion:
    """The row of the version in force (made if missing: plans created before versions)."""
    row, _created = PlanVersion.objects.get_or_create(
        plan=plan, number=plan.version, defaults={"created_at": plan.created_at}
    )
    return row


def _previous_frame(plan: ActionPlan, number: int) -> dict | None:
    before = (
        PlanVersion.objects.filter(plan=plan, number__lt=number, frame__isnull=False)
        .order_by("-number")
        .values_list("frame", flat=True)
        .first()
    )
    return before


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
    """Re-program a plan: freeze the frame of the version in force and start the next one.

    The plan stays the same row (same ``pk``, number and address), so its proposals, meetings
    and documents follow it. The ending version's frame (title, period, objective, axes,
    criteria, themes, stages) is frozen into its ``PlanVersion.frame``; ``version`` goes up by
    one and the given fields are applied; a new ``PlanVersion`` records the ``reason``
    (mandatory) and what the re-programming changed. Later edits of the parts belong to the new
    version. Returns the plan, refreshed.
    """
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Explique el motivo de la nueva versión.")]})
    ending = _ensure_version_row(plan)
    frozen = frames.plan_frame(plan)
    ending.frame = frozen
    ending.changes = frames.frame_changes(_previous_frame(plan, ending.number), frozen)
    ending.save(update_fields=["frame", "changes"])

    if title is not None:
        plan.title = title
    if start_date is not None:
        plan.start_date = start_date
    if end_date is not None:
        plan.end_date = end_date
    if objective is not None:
        plan.objective = objective
    plan.version = ending.number + 1
    _check(plan, extra=_period_errors(plan.start_date, plan.end_date))
    plan.save()
    plan = ActionPlan.objects.get(pk=plan.pk)
    started = PlanVersion(
        plan=plan,
        number=plan.version,
        reason=reason,
        changes=frames.frame_changes(frozen, frames.plan_frame(plan)),
    )
    started.full_clean()
    started.save()
    actionlog_record(
        actor=actor,
        verb="plan_new_version",
        target=plan,
        summary=official_text(
            "Nueva versión %(version)s de «%(title)s»: %(reason)s",
            version=plan.version,
            title=plan.title,
            reason=reason,
        ),
    )
    return plan


@transaction.atomic
def plan_set_facilitators(*, actor, plan: ActionPlan, users) -> ActionPlan:
    """Assign the people who facilitate this plan (each must hold the facilitator role).

    The audit entry is private: it names no one, only how many facilitators the plan has.
    """
    users = list(users)
    refused = [u for u in users if not user_has_role(u, Role.FACILITATOR)]
    if refused:
        raise ValidationError(
            {"facilitators": [_("Solo se puede asignar a personas con el rol de facilitación.")]}
        )
    before = set(plan.facilitators.values_list("pk", flat=True))
    after = {u.pk for u in users}
    if before == after:
        return plan
    plan.facilitators.set(users)
    actionlog_record(
        actor=actor,
        verb="plan_facilitators_set",
        target=plan,
        summary=official_text(
            "Facilitadores del plan actualizados: %(count)s persona(s).", count=len(after)
        ),
        public=False,
    )
    return plan


def _save_part(instance, *, actor, verb: str, label: str, extra=None):
    """Validate and save a part of a plan; an edit that changes nothing writes nothing."""
    created = instance.pk is None
    if not created and not extra:
        stored = type(instance).objects.filter(pk=instance.pk).first()
        if stored is not None and all(
            getattr(stored, f.attname) == getattr(instance, f.attname)
            for f in instance._meta.concrete_fields
        ):
            return instance
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
    """Add or change a stage; the dates must follow ``rules.stage_date_errors``."""
    stage = stage or Stage(plan=plan)
    stage.plan, stage.number, stage.name = plan, number, name
    stage.description, stage.responsible = description, responsible
    stage.start_date, stage.end_date = start_date, end_date
    stage.announced_on, stage.receives_proposals = announced_on, receives_proposals
    siblings = plan.stages.exclude(pk=stage.pk) if stage.pk else plan.stages.all()
    extra = rules.stage_date_errors(
        plan=plan, number=number, start=start_date, end=end_date, siblings=list(siblings)
    )
    return _save_part(stage, actor=actor, verb="stage", label="Etapa", extra=extra)

"""Writes of the plans app. Each one is atomic and leaves an audit entry (none for a no-op).

Services check the same rules as the forms (``checks.py`` and the model's validation), so a
caller that skips the form still cannot store a stage that ends before it starts.

A plan is one row for its whole life: ``plan_new_version`` freezes the frame of the version
that ends into its ``PlanVersion`` and applies the new one to the same row; the part services
(``axis_save``, ``criterion_save``, ``theme_save``, ``stage_save``) always edit the version in
force. Their audit entries target the plan, so its public history tells the whole story.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from abierto.core import audit
from abierto.core.roles import Role, user_has_role
from abierto.core.services import full_clean, model_update

from . import checks, frames, verbs
from .locks import criteria_lock_reason
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
    "response_days",
)


def unique_plan_slug(base: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(base)[:70] or "plan"
    slug, n = base, 2
    others = ActionPlan.objects.exclude(pk=exclude_pk) if exclude_pk else ActionPlan.objects.all()
    while others.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _period_errors(start, end) -> dict[str, str]:
    if start and end and end <= start:
        return {
            "end_date": _(
                "El periodo termina antes de empezar: el fin debe ser posterior al inicio."
            )
        }
    return {}


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
    response_days: int | None = None,
) -> ActionPlan:
    """Create a plan in its version 1 (with the ``PlanVersion`` row of that version)."""
    plan = ActionPlan(
        number=number,
        version=1,
        title=title,
        start_date=start_date,
        end_date=end_date,
        objective=objective,
        status=status,
        is_example=is_example,
        response_days=response_days,
        slug=slug or unique_plan_slug(title),
    )
    full_clean(plan, extra_errors=_period_errors(start_date, end_date))
    plan.save()
    PlanVersion.objects.create(plan=plan, number=1, created_at=plan.created_at)
    audit.record(
        actor=actor,
        verb=verbs.PLAN_CREATED,
        target=plan,
        data={"title": plan.title, "number": plan.number},
    )
    return plan


@transaction.atomic
def plan_update(*, actor, plan: ActionPlan, **changes) -> ActionPlan:
    """Correct a plan's fields (any of ``PLAN_FIELDS``); nothing is written for a no-op.

    This edits the version in force; a re-programming is ``plan_new_version``. A blank slug
    keeps the plan's address.
    """
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"plan_update: unknown fields {sorted(unknown)}")
    stored = ActionPlan.objects.get(pk=plan.pk)
    if not changes.get("slug", stored.slug):
        changes.pop("slug")
        plan.slug = stored.slug
    start = changes.get("start_date", stored.start_date)
    end = changes.get("end_date", stored.end_date)
    diff = model_update(
        instance=plan, data=changes, fields=PLAN_FIELDS, extra_errors=_period_errors(start, end)
    )
    audit.record(
        actor=actor,
        verb=verbs.PLAN_UPDATED,
        target=plan,
        data={"title": plan.title},
        changes=diff,
    )
    return plan


def _ensure_version_row(plan: ActionPlan) -> PlanVersion:
    """The row of the version in force (made if missing, which should not happen)."""
    row, _created = PlanVersion.objects.get_or_create(
        plan=plan, number=plan.version, defaults={"created_at": plan.created_at}
    )
    return row


def _previous_frame(plan: ActionPlan, number: int) -> dict | None:
    """The frozen frame of the version before ``number`` (``None`` for version 1)."""
    return (
        PlanVersion.objects.filter(plan=plan, number__lt=number, frame__isnull=False)
        .order_by("-number")
        .values_list("frame", flat=True)
        .first()
    )


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
    full_clean(plan, extra_errors=_period_errors(plan.start_date, plan.end_date))
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
    audit.record(
        actor=actor,
        verb=verbs.PLAN_VERSION_CREATED,
        target=plan,
        data={"version": plan.version, "reason": reason},
        # A new version is an event even when only its reason is new: never a no-op.
        changes=started.changes.get("fields") or None,
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
    # Private: who facilitates is for the back office; the public sees no names.
    audit.record(
        actor=actor,
        verb=verbs.PLAN_FACILITATORS_CHANGED,
        target=plan,
        data={"count": len(after)},
        changes={"facilitators": [sorted(before), sorted(after)]},
        public=False,
    )
    return plan


def _save_part(
    instance, *, actor, plan: ActionPlan, data: dict, created_verb, updated_verb, extra=None
):
    """Create or update a part of a plan (axis, criterion, theme, stage).

    An update goes through ``model_update``: only what changed is saved and recorded, and an
    edit that changes nothing writes nothing. The audit entry targets the plan.
    """
    if instance.pk is None:
        for name, value in data.items():
            setattr(instance, name, value)
        full_clean(instance, extra_errors=extra)
        instance.save()
        audit.record(
            actor=actor,
            verb=created_verb,
            target=plan,
            data={"name": str(instance), "id": instance.pk},
        )
        return instance
    changes = model_update(instance=instance, data=data, fields=list(data), extra_errors=extra)
    audit.record(
        actor=actor,
        verb=updated_verb,
        target=plan,
        data={"name": str(instance), "id": instance.pk},
        changes=changes,
    )
    return instance


def _part(model, part, plan: ActionPlan):
    if part is None:
        return model(plan=plan)
    if part.plan_id != plan.pk:
        raise ValueError("The part belongs to another plan.")
    return part


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
    return _save_part(
        _part(Axis, axis, plan),
        actor=actor,
        plan=plan,
        data={"name": name, "description": description, "order": order},
        created_verb=verbs.AXIS_CREATED,
        updated_verb=verbs.AXIS_UPDATED,
    )


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
    # A frozen plan (an evaluation round is open: ``plans.locks``) refuses real changes; saving
    # a criterion as it already is stays a harmless no-op (the demo loader re-runs).
    # Compared with what is stored: a ModelForm may already have copied the new values onto
    # the instance in memory.
    stored = (
        Criterion.objects.filter(pk=criterion.pk)
        .values_list("name", "definition", "weight", "order")
        .first()
        if criterion is not None and criterion.pk
        else None
    )
    unchanged = stored == (name, definition, weight, order)
    locked = None if unchanged else criteria_lock_reason(plan)
    if locked:
        raise ValidationError(locked, code="criteria_locked")
    extra = {}
    if weight is None or not 1 <= weight <= 100:
        extra["weight"] = _("El peso debe ser un número entero entre 1 y 100.")
    return _save_part(
        _part(Criterion, criterion, plan),
        actor=actor,
        plan=plan,
        data={"name": name, "definition": definition, "weight": weight, "order": order},
        created_verb=verbs.CRITERION_CREATED,
        updated_verb=verbs.CRITERION_UPDATED,
        extra=extra,
    )


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
    return _save_part(
        _part(Theme, theme, plan),
        actor=actor,
        plan=plan,
        data={"name": name, "description": description, "order": order},
        created_verb=verbs.THEME_CREATED,
        updated_verb=verbs.THEME_UPDATED,
    )


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
    stage = _part(Stage, stage, plan)
    siblings = plan.stages.exclude(pk=stage.pk) if stage.pk else plan.stages.all()
    extra = checks.stage_date_errors(
        plan=plan, number=number, start=start_date, end=end_date, siblings=list(siblings)
    )
    return _save_part(
        stage,
        actor=actor,
        plan=plan,
        data={
            "number": number,
            "name": name,
            "description": description,
            "responsible": responsible,
            "start_date": start_date,
            "end_date": end_date,
            "announced_on": announced_on,
            "receives_proposals": receives_proposals,
        },
        created_verb=verbs.STAGE_CREATED,
        updated_verb=verbs.STAGE_UPDATED,
        extra=extra,
    )

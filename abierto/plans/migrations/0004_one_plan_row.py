"""One row per plan, step 2 of 3: fold the rows of a re-programmed plan into one.

Before, a re-programming copied the plan into a new ``ActionPlan`` row (same number,
``version + 1``, ``superseded_by`` on the old row), so proposals, forum meetings and documents
stayed on the old row. For each plan number this keeps the row in force (``superseded_by``
NULL; the highest version if none is), and for each older row:

* freezes its frame (title, period, objective, axes, criteria, themes, stages) into a
  ``PlanVersion`` of the surviving plan;
* re-points every foreign key to the old row or its parts to the surviving plan; a part
  (axis, theme, criterion, stage) is matched by name (stages by number) to the surviving
  plan's, and created there when something points to it and no match exists, so no proposal
  loses its axis;
* re-points the ``core.ActionLog`` entries about the old row and its parts (``object_id``
  only: the hash fields are left alone; the audit chain is re-sealed by core's migration);
* deletes the old row (its parts go with it).

Every plan gets a ``PlanVersion`` row for its version in force (``frame`` NULL: the live row
is its frame). The foreign keys are found by looking at every model, so a model added later
that points at a plan is re-pointed too.

Reversing does nothing: folded rows cannot be told apart again. The schema steps before and
after this one reverse normally, so ``migrate plans 0001`` works on data created after it.
"""

from django.db import migrations

from abierto.plans.frames import frame_changes, plan_frame

#: The plans models and how a part of an old row finds its twin on the surviving plan.
PARTS = {
    "Axis": ("axes", "name"),
    "Criterion": ("criteria", "name"),
    "Theme": ("themes", "name"),
    "Stage": ("stages", "number"),
}
PART_FIELDS = {
    "Axis": ("name", "description", "order"),
    "Criterion": ("name", "definition", "weight", "order"),
    "Theme": ("name", "description", "order"),
    "Stage": (
        "number",
        "name",
        "description",
        "responsible",
        "start_date",
        "end_date",
        "announced_on",
        "receives_proposals",
    ),
}


def _foreign_keys_to(apps, target):
    """(model, field name) of every concrete foreign key pointing at ``target``."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label == "plans" and model._meta.model_name in {
            "axis",
            "criterion",
            "theme",
            "stage",
            "planversion",
        }:
            continue  # the plan's own parts go with it (or are matched below)
        for field in model._meta.get_fields():
            if (
                getattr(field, "many_to_one", False)
                and field.concrete
                and field.related_model is target
            ):
                found.append((model, field.name))
    return found


def _content_type(apps, model_name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.filter(app_label="plans", model=model_name.lower()).first()


def _repoint_log(apps, model_name, mapping):
    """Re-point audit entries about the old rows (object_id only; never the hashes)."""
    if not mapping:
        return
    try:
        ActionLog = apps.get_model("core", "ActionLog")
    except LookupError:  # pragma: no cover - core is always installed
        return
    ctype = _content_type(apps, model_name)
    if ctype is None:
        return
    for old_id, new_id in mapping.items():
        ActionLog.objects.filter(content_type_id=ctype.pk, object_id=str(old_id)).update(
            object_id=str(new_id)
        )


def fold_plan_rows(apps, schema_editor):
    ActionPlan = apps.get_model("plans", "ActionPlan")
    PlanVersion = apps.get_model("plans", "PlanVersion")
    plan_fks = _foreign_keys_to(apps, ActionPlan)
    part_models = {name: apps.get_model("plans", name) for name in PARTS}
    part_fks = {name: _foreign_keys_to(apps, model) for name, model in part_models.items()}

    numbers = sorted(set(ActionPlan.objects.values_list("number", flat=True)))
    for number in numbers:
        rows = list(ActionPlan.objects.filter(number=number).order_by("version", "pk"))
        in_force = [r for r in rows if r.superseded_by_id is None]
        current = (in_force or rows)[-1]
        older = [r for r in rows if r.pk != current.pk]
        frames = []
        plan_map = {}
        part_maps = {name: {} for name in PARTS}
        for old in older:
            ids = {}
            for name, (related, key) in PARTS.items():
                model = part_models[name]
                for part in getattr(old, related).all():
                    twin = model.objects.filter(plan=current, **{key: getattr(part, key)}).first()
                    referenced = any(
                        fk_model.objects.filter(**{fk_name: part.pk}).exists()
                        for fk_model, fk_name in part_fks[name]
                    )
                    if twin is None and referenced:
                        twin = model.objects.create(
                            plan=current,
                            **{f: getattr(part, f) for f in PART_FIELDS[name]},
                        )
                    if twin is None:
                        continue
                    ids[(related, part.pk)] = twin.pk
                    part_maps[name][part.pk] = twin.pk
                    for fk_model, fk_name in part_fks[name]:
                        fk_model.objects.filter(**{fk_name: part.pk}).update(**{fk_name: twin.pk})
            frames.append((old, plan_frame(old, ids=ids)))
            plan_map[old.pk] = current.pk
            for fk_model, fk_name in plan_fks:
                fk_model.objects.filter(**{fk_name: old.pk}).update(**{fk_name: current.pk})

        previous = None
        for old, frame in frames:
            PlanVersion.objects.update_or_create(
                plan=current,
                number=old.version,
                defaults={
                    "reason": old.version_reason,
                    "created_at": old.created_at,
                    "frame": frame,
                    "changes": frame_changes(previous, frame),
                },
            )
            previous = frame
        PlanVersion.objects.update_or_create(
            plan=current,
            number=current.version,
            defaults={
                "reason": current.version_reason,
                "created_at": current.created_at,
                "frame": None,
                "changes": frame_changes(previous, plan_frame(current)),
            },
        )

        for name, mapping in part_maps.items():
            _repoint_log(apps, name, mapping)
        _repoint_log(apps, "ActionPlan", plan_map)
        if older:
            ActionPlan.objects.filter(pk__in=[o.pk for o in older]).update(superseded_by=None)
            ActionPlan.objects.filter(pk__in=[o.pk for o in older]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_planversion"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_actionlog_v2"),
        ("forum", "0002_actors_topics_forum_members_meetings"),
        ("content", "0001_initial"),
        ("proposals", "0002_postgresql_search"),
    ]

    operations = [
        migrations.RunPython(fold_plan_rows, migrations.RunPython.noop, elidable=False),
    ]

"""A plan's *frame* as plain JSON, and what changed between two frames.

The frame of a plan version is what the re-programming can change: title, period, objective,
axes, criteria (with weights), themes and stages (with dates). ``plan_frame`` reads it from
the live plan; ``PlanVersion.frame`` keeps it frozen once the version ended; ``frame_changes``
compares two frames. Everything here works on plain dicts and duck-typed plans, so the data
migration ``0004_one_plan_row`` uses the same code on historical models.
"""

from __future__ import annotations

import datetime
from typing import Any

FIELDS = ("title", "start_date", "end_date", "objective")
PARTS = ("axes", "criteria", "themes", "stages")


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def axis_frame(axis, *, id=None) -> dict[str, Any]:
    return {"id": axis.pk if id is None else id, "name": axis.name, "description": axis.description}


def criterion_frame(criterion, *, id=None) -> dict[str, Any]:
    return {
        "id": criterion.pk if id is None else id,
        "name": criterion.name,
        "definition": criterion.definition,
        "weight": criterion.weight,
    }


def theme_frame(theme, *, id=None) -> dict[str, Any]:
    return {
        "id": theme.pk if id is None else id,
        "name": theme.name,
        "description": theme.description,
    }


def stage_frame(stage, *, id=None) -> dict[str, Any]:
    return {
        "id": stage.pk if id is None else id,
        "number": stage.number,
        "name": stage.name,
        "description": stage.description,
        "responsible": stage.responsible,
        "start_date": _day(stage.start_date),
        "end_date": _day(stage.end_date),
        "announced_on": _day(stage.announced_on),
        "receives_proposals": stage.receives_proposals,
    }


def plan_frame(plan, *, ids: dict | None = None) -> dict[str, Any]:
    """The frame of ``plan`` as it stands: a JSON-able dict.

    ``ids`` (used by the data migration) maps ``(part, old id)`` to the id the part has on the
    surviving plan, so frames frozen from deleted rows still recognise their parts.
    """
    ids = ids or {}

    def ordered(qs, key):
        return sorted(qs.all(), key=key)

    return {
        "title": plan.title,
        "start_date": _day(plan.start_date),
        "end_date": _day(plan.end_date),
        "objective": plan.objective,
        "axes": [
            axis_frame(a, id=ids.get(("axes", a.pk), a.pk))
            for a in ordered(plan.axes, lambda a: (a.order, a.pk))
        ],
        "criteria": [
            criterion_frame(c, id=ids.get(("criteria", c.pk), c.pk))
            for c in ordered(plan.criteria, lambda c: (c.order, c.pk))
        ],
        "themes": [
            theme_frame(t, id=ids.get(("themes", t.pk), t.pk))
            for t in ordered(plan.themes, lambda t: (t.order, t.name))
        ],
        "stages": [
            stage_frame(s, id=ids.get(("stages", s.pk), s.pk))
            for s in ordered(plan.stages, lambda s: s.number)
        ],
    }


def _label(part: str, item: dict) -> str:
    if part == "stages":
        return f"{item.get('number')}. {item.get('name')}"
    return str(item.get("name"))


def _pair_parts(part: str, old: list[dict], new: list[dict]):
    """Pairs (old, new) of the same part: same id first, then same name (stages: number)."""
    key = "number" if part == "stages" else "name"
    new_left = list(new)
    pairs, removed = [], []
    unmatched_old = []
    for item in old:
        twin = next((n for n in new_left if item.get("id") and n.get("id") == item["id"]), None)
        if twin is None:
            unmatched_old.append(item)
        else:
            new_left.remove(twin)
            pairs.append((item, twin))
    for item in unmatched_old:
        twin = next((n for n in new_left if n.get(key) == item.get(key)), None)
        if twin is None:
            removed.append(item)
        else:
            new_left.remove(twin)
            pairs.append((item, twin))
    return pairs, removed, new_left


def frame_changes(old: dict | None, new: dict | None) -> dict[str, Any]:
    """What changed from frame ``old`` to frame ``new`` (empty dict when nothing did).

    ``{"fields": {"end_date": ["2021-08-31", "2022-08-31"]},
    "axes": {"added": ["Social"], "removed": [...], "renamed": [["Social", "Social y salud"]]},
    "criteria": {..., "weights": [["Relevancia", 20, 25]]},
    "stages": {..., "dates": [["2. Implementación", ["2020-01-01", "2021-08-31"],
    ["2020-01-01", "2022-08-31"]]]}}``; only what changed is present.
    """
    if not old or not new:
        return {}
    changes: dict[str, Any] = {}
    fields = {
        name: [old.get(name), new.get(name)] for name in FIELDS if old.get(name) != new.get(name)
    }
    if fields:
        changes["fields"] = fields
    for part in PARTS:
        pairs, removed, added = _pair_parts(part, old.get(part) or [], new.get(part) or [])
        entry: dict[str, list] = {}
        if added:
            entry["added"] = [_label(part, n) for n in added]
        if removed:
            entry["removed"] = [_label(part, o) for o in removed]
        renamed = [[_label(part, o), _label(part, n)] for o, n in pairs if o["name"] != n["name"]]
        if renamed:
            entry["renamed"] = renamed
        if part == "criteria":
            weights = [
                [n["name"], o.get("weight"), n.get("weight")]
                for o, n in pairs
                if o.get("weight") != n.get("weight")
            ]
            if weights:
                entry["weights"] = weights
        if part == "stages":
            dates = [
                [
                    _label(part, n),
                    [o.get("start_date"), o.get("end_date")],
                    [n.get("start_date"), n.get("end_date")],
                ]
                for o, n in pairs
                if (o.get("start_date"), o.get("end_date"))
                != (n.get("start_date"), n.get("end_date"))
            ]
            if dates:
                entry["dates"] = dates
        if entry:
            changes[part] = entry
    return changes

"""Slots a lower app's page leaves open for a higher app to fill (e.g. evaluation results
on a proposal's page), so the lower app never imports the higher one.

A page renders ``{% load panels %}{% panels "proposal_detail" proposal %}``; an app registers
in its ``AppConfig.ready``::

    register_panel("proposal_detail", template="evaluation/_proposal_scores.html",
                   context=lambda obj: {...} or None)

``context`` returns the template's context, or None to render nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[object], dict | None]


_PANELS: dict[str, list[Panel]] = {}


def register_panel(slot: str, *, template: str, context: Callable[[object], dict | None]) -> None:
    panels = _PANELS.setdefault(slot, [])
    if not any(p.template == template for p in panels):
        panels.append(Panel(template=template, context=context))


def panels_for(slot: str) -> list[Panel]:
    return list(_PANELS.get(slot, ()))

"""Audit verbs of the plans app."""

from django.utils.translation import gettext_lazy as _

from abierto.core.audit import Verb

PLAN_CREATED = Verb("plan.created", _("Plan publicado."))
PLAN_UPDATED = Verb("plan.updated", _("Datos del plan actualizados."))
PLAN_VERSION_CREATED = Verb(
    "plan.version_created", _("Nueva versión %(version)s del plan: %(reason)s")
)
PLAN_FACILITATORS_CHANGED = Verb(
    "plan.facilitators_changed", _("Cambió el equipo de facilitación del plan.")
)
AXIS_CREATED = Verb("axis.created", _("Eje añadido: %(name)s."))
AXIS_UPDATED = Verb("axis.updated", _("Eje actualizado: %(name)s."))
CRITERION_CREATED = Verb("criterion.created", _("Criterio añadido: %(name)s."))
CRITERION_UPDATED = Verb("criterion.updated", _("Criterio actualizado: %(name)s."))
THEME_CREATED = Verb("theme.created", _("Tema de mesa añadido: %(name)s."))
THEME_UPDATED = Verb("theme.updated", _("Tema de mesa actualizado: %(name)s."))
STAGE_CREATED = Verb("stage.created", _("Etapa añadida: %(name)s."))
STAGE_UPDATED = Verb("stage.updated", _("Etapa actualizada: %(name)s."))

VERBS = [
    PLAN_CREATED,
    PLAN_UPDATED,
    PLAN_VERSION_CREATED,
    PLAN_FACILITATORS_CHANGED,
    AXIS_CREATED,
    AXIS_UPDATED,
    CRITERION_CREATED,
    CRITERION_UPDATED,
    THEME_CREATED,
    THEME_UPDATED,
    STAGE_CREATED,
    STAGE_UPDATED,
]

"""Open datasets of the plans app: plans, their stages, axes and criteria (issue 13).

Everything in this app is public; the row functions still name each column they publish.
"""

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from abierto.core.datasets import Dataset, fields

from .models import ActionPlan, Axis, Criterion, PlanStatus, PlanVersion, Stage


def _plan_url(slug: str) -> str:
    return settings.ABIERTO_SITE_URL + reverse("plans:detail", kwargs={"slug": slug})


def _plans_updated():
    return ActionPlan.objects.aggregate(last=Max("updated_at"))["last"]


def plan_row(plan: ActionPlan) -> dict:
    return {
        "id": plan.pk,
        "numero": plan.number,
        "version": plan.version,
        "slug": plan.slug,
        "titulo": plan.title,
        "inicio": plan.start_date,
        "fin": plan.end_date,
        "objetivo": plan.objective,
        "estado": plan.status,
        "es_ejemplo": plan.is_example,
        "actualizado": plan.updated_at,
        "direccion": _plan_url(plan.slug),
    }


PLANS = Dataset(
    slug="planes",
    title=_("Planes de acción"),
    description=_(
        "Los planes de acción nacionales de Gobierno Abierto: número, versión, periodo, "
        "objetivo y estado."
    ),
    fields=fields(
        ("id", "integer", _("Identificador del plan en Abierto.")),
        ("numero", "integer", _("Número del plan (1 = primer plan de acción).")),
        ("version", "integer", _("Versión vigente (una reprogramación crea una versión).")),
        ("slug", "string", _("Identificador del plan en su dirección web.")),
        ("titulo", "string", _("Título del plan.")),
        ("inicio", "date", _("Inicio del periodo del plan.")),
        ("fin", "date", _("Fin del periodo del plan.")),
        ("objetivo", "string", _("Objetivo del plan.")),
        ("estado", "string", _("Estado: cocreacion, implementacion o cerrado."), tuple(PlanStatus)),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
        ("actualizado", "datetime", _("Último cambio de los datos del plan.")),
        ("direccion", "string", _("Página pública del plan.")),
    ),
    queryset=lambda: ActionPlan.objects.order_by("number", "version", "id"),
    row=plan_row,
    updated=_plans_updated,
    keywords=("planes de acción", "OGP"),
)


def stage_row(stage: Stage) -> dict:
    return {
        "id": stage.pk,
        "plan_id": stage.plan_id,
        "plan": stage.plan.title,
        "numero": stage.number,
        "nombre": stage.name,
        "descripcion": stage.description,
        "responsable": stage.responsible,
        "inicio": stage.start_date,
        "fin": stage.end_date,
        "anunciada_el": stage.announced_on,
        "recibe_propuestas": stage.receives_proposals,
    }


STAGES = Dataset(
    slug="etapas",
    title=_("Etapas de los planes"),
    description=_("Las etapas de cocreación de cada plan, con sus fechas anunciadas."),
    fields=fields(
        ("id", "integer", _("Identificador de la etapa.")),
        ("plan_id", "integer", _("Plan al que pertenece (id del conjunto «planes»).")),
        ("plan", "string", _("Título del plan.")),
        ("numero", "integer", _("Número de orden de la etapa en el plan.")),
        ("nombre", "string", _("Nombre de la etapa.")),
        ("descripcion", "string", _("Qué sucede en la etapa.")),
        ("responsable", "string", _("Institución o instancia responsable.")),
        ("inicio", "date", _("Primer día de la etapa.")),
        ("fin", "date", _("Último día de la etapa.")),
        ("anunciada_el", "date", _("Fecha en que se anunció la etapa.")),
        ("recibe_propuestas", "boolean", _("Si el formulario de propuestas está abierto.")),
    ),
    queryset=lambda: Stage.objects.select_related("plan").order_by("plan_id", "number", "id"),
    row=stage_row,
    keywords=("etapas", "cocreación", "calendario"),
)


def axis_row(axis: Axis) -> dict:
    return {
        "id": axis.pk,
        "plan_id": axis.plan_id,
        "plan": axis.plan.title,
        "orden": axis.order,
        "nombre": axis.name,
        "descripcion": axis.description,
    }


AXES = Dataset(
    slug="ejes",
    title=_("Ejes de los planes"),
    description=_(
        "Los ejes temáticos de cada plan, a los que pertenecen propuestas y compromisos."
    ),
    fields=fields(
        ("id", "integer", _("Identificador del eje.")),
        ("plan_id", "integer", _("Plan al que pertenece (id del conjunto «planes»).")),
        ("plan", "string", _("Título del plan.")),
        ("orden", "integer", _("Orden del eje en el plan.")),
        ("nombre", "string", _("Nombre del eje.")),
        ("descripcion", "string", _("Descripción del eje.")),
    ),
    queryset=lambda: Axis.objects.select_related("plan").order_by("plan_id", "order", "id"),
    row=axis_row,
    keywords=("ejes",),
)


def criterion_row(criterion: Criterion) -> dict:
    return {
        "id": criterion.pk,
        "plan_id": criterion.plan_id,
        "plan": criterion.plan.title,
        "orden": criterion.order,
        "nombre": criterion.name,
        "definicion": criterion.definition,
        "peso": criterion.weight,
    }


CRITERIA = Dataset(
    slug="criterios",
    title=_("Criterios de evaluación"),
    description=_("Los criterios con que se evalúan las propuestas de cada plan, con su peso."),
    fields=fields(
        ("id", "integer", _("Identificador del criterio.")),
        ("plan_id", "integer", _("Plan al que pertenece (id del conjunto «planes»).")),
        ("plan", "string", _("Título del plan.")),
        ("orden", "integer", _("Orden del criterio en el plan.")),
        ("nombre", "string", _("Nombre del criterio.")),
        ("definicion", "string", _("Qué mide el criterio.")),
        ("peso", "integer", _("Peso del criterio, en por ciento (los de un plan suman 100).")),
    ),
    queryset=lambda: Criterion.objects.select_related("plan").order_by("plan_id", "order", "id"),
    row=criterion_row,
    keywords=("evaluación", "criterios"),
)


def version_row(version: PlanVersion) -> dict:
    return {
        "plan_id": version.plan_id,
        "plan": version.plan.title,
        "version": version.number,
        "fecha": version.created_at,
        "motivo": version.reason,
        "direccion": settings.ABIERTO_SITE_URL
        + reverse("plans:version", kwargs={"slug": version.plan.slug, "number": version.number}),
    }


PLAN_VERSIONS = Dataset(
    slug="versiones-de-planes",
    title=_("Versiones de los planes"),
    description=_(
        "Cada versión de cada plan: un plan reprogramado conserva su identidad y registra "
        "una versión nueva, con su fecha y su motivo."
    ),
    fields=fields(
        ("plan_id", "integer", _("Plan (id del conjunto «planes»).")),
        ("plan", "string", _("Título del plan.")),
        ("version", "integer", _("Número de la versión.")),
        ("fecha", "datetime", _("Fecha en que se registró la versión.")),
        ("motivo", "string", _("Motivo de la reprogramación (vacío en la versión inicial).")),
        ("direccion", "string", _("Página pública de la versión.")),
    ),
    queryset=lambda: PlanVersion.objects.select_related("plan").order_by("plan_id", "number"),
    row=version_row,
    primary_key=("plan_id", "version"),
    keywords=("planes de acción", "versiones", "reprogramación"),
)

DATASETS = [PLANS, PLAN_VERSIONS, STAGES, AXES, CRITERIA]

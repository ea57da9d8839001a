"""Public API of the plans app (read-only): /api/v1/planes."""

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field

from abierto.core.apitools import (
    MAX_PAGE_SIZE,
    ApiError,
    ErrorOut,
    cursor_page,
    dataset_schema,
    page_schema,
)

from .exports import PLANS, STAGES
from .models import ActionPlan, PlanStatus

router = Router(tags=["planes"])

PlanOut = dataset_schema(PLANS, "Plan")
StageOut = dataset_schema(STAGES, "Etapa")
PlanPage = page_schema(PlanOut, "PaginaDePlanes")


class PlanDetailOut(PlanOut):  # type: ignore[misc,valid-type]
    etapas: list[StageOut]  # type: ignore[valid-type]


class PlanFilters(Schema):
    estado: PlanStatus | None = Field(None, description="cocreacion, implementacion o cerrado")
    numero: int | None = Field(None, ge=1, le=1000, description="Número del plan.")
    despues: int | None = Field(None, ge=0, description="Cursor: id del último plan visto.")
    limite: int | None = Field(
        None, ge=1, le=MAX_PAGE_SIZE, description="Planes por página (1 a 200; 50 por omisión)."
    )


@router.get(
    "/planes",
    response={200: PlanPage, 400: ErrorOut},
    summary="Planes de acción",
    operation_id="planes_lista",
)
def plan_list(request: HttpRequest, filters: Query[PlanFilters]):
    qs = PLANS.queryset()
    if filters.estado:
        qs = qs.filter(status=filters.estado)
    if filters.numero:
        qs = qs.filter(number=filters.numero)
    return cursor_page(request, qs, dataset=PLANS, despues=filters.despues, limite=filters.limite)


@router.get(
    "/planes/{ident}",
    response={200: PlanDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="Un plan, con sus etapas (por id o por identificador de la dirección)",
    operation_id="planes_detalle",
)
def plan_detail(request: HttpRequest, ident: str = Path(..., min_length=1, max_length=80)):
    numeric = ident.isascii() and ident.isdigit() and len(ident) < 16
    lookup = Q(pk=int(ident)) if numeric else Q(slug=ident)
    plan = ActionPlan.objects.filter(lookup).first()
    if plan is None:
        raise ApiError(_("No existe ese plan."), status=404)
    stages = STAGES.queryset().filter(plan=plan)
    return {**PLANS.row(plan), "etapas": [STAGES.row(stage) for stage in stages]}

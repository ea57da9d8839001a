"""Public API of the forum app (read-only): /api/v1/organizaciones."""

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
from abierto.core.geo import Province
from abierto.core.text import fold

from .exports import ORGANIZATIONS
from .models import Level, Sector

router = Router(tags=["organizaciones"])

OrganizationOut = dataset_schema(ORGANIZATIONS, "Organizacion")
OrganizationPage = page_schema(OrganizationOut, "PaginaDeOrganizaciones")


class OrganizationFilters(Schema):
    sector: Sector | None = Field(None, description="Sector del actor.")
    nivel: Level | None = Field(None, description="Nivel territorial.")
    provincia: Province | None = Field(None, description="Provincia.")
    q: str | None = Field(None, max_length=200, description="Parte del nombre o las siglas.")
    despues: int | None = Field(None, ge=0, le=2**53, description="Cursor: último id visto.")
    limite: int | None = Field(
        None, ge=1, le=MAX_PAGE_SIZE, description="Organizaciones por página (1 a 200; 50)."
    )


@router.get(
    "/organizaciones",
    response={200: OrganizationPage, 400: ErrorOut},
    summary="Organizaciones (actores)",
    operation_id="organizaciones_lista",
)
def organization_list(request: HttpRequest, filters: Query[OrganizationFilters]):
    qs = ORGANIZATIONS.queryset()
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    if filters.nivel:
        qs = qs.filter(level=filters.nivel)
    if filters.provincia:
        qs = qs.filter(province=filters.provincia)
    words = fold((filters.q or "").replace("\x00", ""))
    if words:
        qs = qs.filter(Q(name_key__contains=words) | Q(acronym__icontains=words))
    return cursor_page(
        request, qs, dataset=ORGANIZATIONS, despues=filters.despues, limite=filters.limite
    )


@router.get(
    "/organizaciones/{organization_id}",
    response={200: OrganizationOut, 400: ErrorOut, 404: ErrorOut},
    summary="Una organización",
    operation_id="organizaciones_detalle",
)
def organization_detail(request: HttpRequest, organization_id: int = Path(..., ge=1, le=2**53)):
    org = ORGANIZATIONS.queryset().filter(pk=organization_id).first()
    if org is None:
        raise ApiError(_("No existe esa organización."), status=404)
    return ORGANIZATIONS.row(org)

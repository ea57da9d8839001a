"""Public API of the mesas app (read-only): /api/v1/mesas.

Items are the rows of the open dataset (``exports.py``): public fields and counts only, never
who registered or attended. Filters use the parameter names of the HTML list (``plan`` is the
plan's slug there and here, ``provincia``, ``tema``, ``tipo``) through the same FilterSet.
"""

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

from .exports import MESAS, public_mesas
from .filters import MesaFilter
from .models import Kind

router = Router(tags=["mesas"])

MesaOut = dataset_schema(MESAS, "Mesa")
MesaPage = page_schema(MesaOut, "PaginaDeMesas")


class MesaFilters(Schema):
    plan: str | None = Field(
        None, max_length=80, description="Identificador del plan en su dirección (slug)."
    )
    provincia: Province | None = Field(None, description="Provincia.")
    tema: int | None = Field(None, ge=1, le=2**53, description="Id del tema.")
    tipo: Kind | None = Field(None, description="territorial o tematica.")
    despues: int | None = Field(None, ge=0, le=2**53, description="Cursor: último id visto.")
    limite: int | None = Field(
        None, ge=1, le=MAX_PAGE_SIZE, description="Mesas por página (1 a 200; 50)."
    )


@router.get(
    "/mesas",
    response={200: MesaPage, 400: ErrorOut},
    summary="Mesas de cocreación",
    operation_id="mesas_lista",
)
def mesa_list(request: HttpRequest, filters: Query[MesaFilters]):
    values = {
        name: str(getattr(filters, name)).replace("\x00", "")
        for name in ("plan", "provincia", "tema", "tipo")
        if getattr(filters, name) not in (None, "")
    }
    filterset = MesaFilter(values, queryset=public_mesas())
    # A well-formed plan slug or theme id without mesas selects nothing (the page size and
    # cursor are still checked).
    qs = filterset.qs if filterset.is_valid() else public_mesas().none()
    return cursor_page(request, qs, dataset=MESAS, despues=filters.despues, limite=filters.limite)


@router.get(
    "/mesas/{mesa_id}",
    response={200: MesaOut, 400: ErrorOut, 404: ErrorOut},
    summary="Una mesa de cocreación",
    operation_id="mesas_detalle",
)
def mesa_detail(request: HttpRequest, mesa_id: int = Path(..., ge=1, le=2**53)):
    mesa = public_mesas().filter(pk=mesa_id).first()
    if mesa is None:
        raise ApiError(_("No existe esa mesa."), status=404)
    return MESAS.row(mesa)

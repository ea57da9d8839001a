"""Public API of the proposals app (read-only): /api/v1/propuestas.

Items are the rows of the open dataset (``exports.py``): public columns only, hidden
proposals left out. Filters use the parameter names of the HTML list.
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
from abierto.core.geo import ProposalScope

from .exports import PROPOSALS, public_proposals
from .models import Channel, Status
from .selectors import filtered_public_proposals

router = Router(tags=["propuestas"])

ProposalOut = dataset_schema(PROPOSALS, "Propuesta")
ProposalPage = page_schema(ProposalOut, "PaginaDePropuestas")


class ProposalFilters(Schema):
    plan: int | None = Field(None, ge=1, le=2**53, description="Id del plan.")
    eje: int | None = Field(None, ge=1, le=2**53, description="Id del eje.")
    tema: int | None = Field(None, ge=1, le=2**53, description="Id del tema.")
    provincia: ProposalScope | None = Field(
        None, description="Provincia, o «nacional» o «exterior»."
    )
    estado: Status | None = Field(None, description="Estado de la propuesta.")
    canal: Channel | None = Field(None, description="Canal de entrada.")
    q: str | None = Field(None, max_length=200, description="Palabras a buscar.")
    despues: int | None = Field(None, ge=0, le=2**53, description="Cursor: último id visto.")
    limite: int | None = Field(
        None, ge=1, le=MAX_PAGE_SIZE, description="Propuestas por página (1 a 200; 50)."
    )


@router.get(
    "/propuestas",
    response={200: ProposalPage, 400: ErrorOut},
    summary="Propuestas ciudadanas públicas",
    operation_id="propuestas_lista",
)
def proposal_list(request: HttpRequest, filters: Query[ProposalFilters]):
    selector_filters = {
        "plan": str(filters.plan or ""),
        "axis": str(filters.eje or ""),
        "theme": str(filters.tema or ""),
        "province": filters.provincia or "",
        "status": filters.estado or "",
        "channel": filters.canal or "",
        "q": (filters.q or "").replace("\x00", ""),
    }
    qs = public_proposals()
    if any(selector_filters.values()):
        # Only with a filter: "id IN (every public id)" makes SQLite build and sort the whole
        # list first (262 ms at 10,000 proposals, EXPLAIN in docs/operations.md "Sizing").
        qs = qs.filter(pk__in=filtered_public_proposals(selector_filters).values("pk"))
    return cursor_page(
        request, qs, dataset=PROPOSALS, despues=filters.despues, limite=filters.limite
    )


@router.get(
    "/propuestas/{proposal_id}",
    response={200: ProposalOut, 400: ErrorOut, 404: ErrorOut},
    summary="Una propuesta pública",
    operation_id="propuestas_detalle",
)
def proposal_detail(request: HttpRequest, proposal_id: int = Path(..., ge=1, le=2**53)):
    proposal = public_proposals().filter(pk=proposal_id).first()
    if proposal is None:
        raise ApiError(_("No existe esa propuesta o no es pública."), status=404)
    return PROPOSALS.row(proposal)

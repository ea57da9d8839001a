"""API of the commitments app: /api/v1/compromisos (read, for everyone) and the writes of
institution liaisons with a personal token (progress reports and measurements).

Reads publish the rows of the open datasets (``exports.py``). The list takes the filters of
the HTML list (/seguimiento/compromisos/: ``plan``, ``eje``, ``estado``, ``institucion``,
``situacion``, ``q``) through the same FilterSet; a value it does not accept is a 400 here.

Writes validate with the liaison forms and call the same services (``services.py``), which
check ``commitments.report_on`` themselves: a token of one institution writing on another's
commitment gets 403, and each write leaves the same audit entry as the form. Each token has
its own rate limit (``api_write_token`` in ``ABIERTO_RATE_LIMITS``): over it, 429.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.responses import Status as Reply
from pydantic import Field

from abierto.accounts.apiauth import token_auth
from abierto.core import ratelimit
from abierto.core.apitools import (
    MAX_PAGE_SIZE,
    ApiError,
    ErrorOut,
    cursor_page,
    dataset_schema,
    page_schema,
)

from . import forms, selectors, services
from .exports import (
    COMMITMENTS,
    INDICATORS,
    MEASUREMENTS,
    MILESTONES,
    REPORTS,
    public_commitments,
)
from .filters import clean_filters
from .models import (
    PUBLIC_STATUSES,
    Commitment,
    Indicator,
    Measurement,
    ProgressReport,
    Status,
)
from .progress import Standing

router = Router(tags=["compromisos"])

CommitmentOut = dataset_schema(COMMITMENTS, "Compromiso")
CommitmentPage = page_schema(CommitmentOut, "PaginaDeCompromisos")
MilestoneOut = dataset_schema(MILESTONES, "Hito")
IndicatorOut = dataset_schema(INDICATORS, "Indicador")
MeasurementOut = dataset_schema(MEASUREMENTS, "Medicion")
ReportOut = dataset_schema(REPORTS, "ReporteDeAvance")


class IndicatorDetailOut(IndicatorOut):  # type: ignore[misc,valid-type]
    mediciones: list[MeasurementOut]  # type: ignore[valid-type]


class CommitmentDetailOut(CommitmentOut):  # type: ignore[misc,valid-type]
    hitos: list[MilestoneOut]  # type: ignore[valid-type]
    indicadores: list[IndicatorDetailOut]


class PublicStatus(StrEnum):
    """The statuses of public commitments (drafts are not public)."""

    IN_CONSULTATION = Status.IN_CONSULTATION.value
    APPROVED = Status.APPROVED.value
    FORMALIZED = Status.FORMALIZED.value
    IN_PROGRESS = Status.IN_PROGRESS.value
    COMPLETED = Status.COMPLETED.value
    WITHDRAWN = Status.WITHDRAWN.value


assert {s.value for s in PublicStatus} == set(PUBLIC_STATUSES)


class CommitmentFilters(Schema):
    plan: int | None = Field(None, ge=1, le=2**53, description="Id del plan.")
    eje: int | None = Field(None, ge=1, le=2**53, description="Id del eje.")
    estado: PublicStatus | None = Field(None, description="Estado del compromiso.")
    institucion: int | None = Field(
        None, ge=1, le=2**53, description="Id de una organización que participa."
    )
    situacion: Standing | None = Field(None, description="a-tiempo, con-retraso o cumplido.")
    q: str | None = Field(None, max_length=100, description="Parte del código o del título.")
    despues: int | None = Field(None, ge=0, le=2**53, description="Cursor: último id visto.")
    limite: int | None = Field(
        None, ge=1, le=MAX_PAGE_SIZE, description="Compromisos por página (1 a 200; 50)."
    )


FILTER_NAMES = ("plan", "eje", "estado", "institucion", "situacion", "q")


@router.get(
    "/compromisos",
    response={200: CommitmentPage, 400: ErrorOut},
    summary="Compromisos públicos",
    operation_id="compromisos_lista",
)
def commitment_list(request: HttpRequest, filters: Query[CommitmentFilters]):
    values = {
        name: str(getattr(filters, name)).replace("\x00", "")
        for name in FILTER_NAMES
        if getattr(filters, name) not in (None, "")
    }
    filterset, ignored = clean_filters(values, public_commitments())
    if ignored:
        # Well-formed ids of a plan, axis or institution that has no public commitment: the
        # list is empty (as on the HTML list, which offers only those that have some).
        return cursor_page(
            request,
            public_commitments().none(),
            dataset=COMMITMENTS,
            despues=filters.despues,
            limite=filters.limite,
        )
    qs = filterset.qs
    standing = values.get("situacion")
    if standing:
        wanted = selectors.commitment_ids_in_standing(qs, standing)
        qs = public_commitments().filter(pk__in=wanted)
    return cursor_page(
        request, qs, dataset=COMMITMENTS, despues=filters.despues, limite=filters.limite
    )


def _lookup(ident: str) -> dict:
    """By id (digits) or by code; anything else matches nothing (PostgreSQL refuses NULs)."""
    numeric = ident.isascii() and ident.isdigit() and len(ident) < 16
    if numeric:
        return {"pk": int(ident)}
    if "\x00" in ident:
        return {"pk": 0}
    return {"code": ident.upper()}


@router.get(
    "/compromisos/{ident}",
    response={200: CommitmentDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="Un compromiso público (por id o por código), con sus hitos e indicadores",
    operation_id="compromisos_detalle",
)
def commitment_detail(request: HttpRequest, ident: str = Path(..., min_length=1, max_length=20)):
    commitment = (
        public_commitments()
        .prefetch_related(
            Prefetch(
                "milestones",
                queryset=MILESTONES.queryset(),
                to_attr="milestone_rows",
            ),
            Prefetch(
                "indicators",
                queryset=INDICATORS.queryset().prefetch_related(
                    Prefetch(
                        "measurements",
                        queryset=MEASUREMENTS.queryset().order_by("date", "id"),
                    )
                ),
                to_attr="indicator_rows",
            ),
        )
        .filter(**_lookup(ident))
        .first()
    )
    if commitment is None:
        raise ApiError(_("No existe ese compromiso o no es público."), status=404)
    return {
        **COMMITMENTS.row(commitment),
        "hitos": [MILESTONES.row(m) for m in commitment.milestone_rows],
        "indicadores": [
            {
                **INDICATORS.row(i),
                "mediciones": [MEASUREMENTS.row(m) for m in i.measurements.all()],
            }
            for i in commitment.indicator_rows
        ],
    }


# --- writes (institution liaisons, personal token) -----------------------------------------


class ReportIn(Schema):
    inicio_periodo: str = Field(..., max_length=40, description="Inicio del periodo (AAAA-MM-DD).")
    fin_periodo: str = Field(..., max_length=40, description="Fin del periodo (AAAA-MM-DD).")
    avances: str = Field(..., max_length=6000, description="Qué se avanzó en el periodo.")
    dificultades: str = Field("", max_length=4000, description="Dificultades, si las hubo.")


class MeasurementIn(Schema):
    valor: str = Field(
        ..., max_length=40, description="Valor medido, con punto decimal (hasta 2 decimales)."
    )
    fecha: str = Field(..., max_length=40, description="Fecha de la medición (AAAA-MM-DD).")
    fuente: str = Field(..., max_length=300, description="De dónde sale el valor.")


WRITE_RESPONSES = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


def _check_rate(request: HttpRequest) -> None:
    if not ratelimit.hit("api_write_token", f"token:{request.auth.pk}"):  # type: ignore[attr-defined]
        raise ApiError(
            _("Demasiadas escrituras con este token. Espere un momento y vuelva a intentarlo."),
            status=429,
        )


def _form_errors(form, names: dict[str, str]) -> ApiError:
    details = [
        {"parametro": names.get(field, field) if field != "__all__" else "", "motivo": str(msg)}
        for field, messages in form.errors.items()
        for msg in messages
    ]
    return ApiError(_("Revise los datos enviados."), status=400, details=details)


def _service_call(call, form, names: dict[str, str]):
    """Run the service; its refusals become 403 and its validation errors 400."""
    try:
        return call()
    except PermissionDenied:
        raise ApiError(_("Su institución no reporta sobre este compromiso."), status=403) from None
    except ValidationError as exc:
        from abierto.core.forms import add_service_errors

        add_service_errors(form, exc)
        raise _form_errors(form, names) from None


REPORT_NAMES = {
    "period_start": "inicio_periodo",
    "period_end": "fin_periodo",
    "narrative": "avances",
    "difficulties": "dificultades",
}
MEASUREMENT_NAMES = {"value": "valor", "date": "fecha", "source": "fuente"}


@router.post(
    "/compromisos/{ident}/reportes",
    auth=token_auth,
    response={201: ReportOut, **WRITE_RESPONSES},
    summary="Enviar un reporte de avance (enlace institucional con token)",
    operation_id="compromisos_reporte_crear",
)
def report_create(
    request: HttpRequest, body: ReportIn, ident: str = Path(..., min_length=1, max_length=20)
):
    _check_rate(request)
    user = request.auth.user  # type: ignore[attr-defined]
    commitment = Commitment.objects.prefetch_related("actors").filter(**_lookup(ident)).first()
    if commitment is None or not commitment.is_public:
        raise ApiError(_("No existe ese compromiso o no es público."), status=404)
    form = forms.ProgressReportForm(
        {
            "period_start": body.inicio_periodo,
            "period_end": body.fin_periodo,
            "narrative": body.avances,
            "difficulties": body.dificultades,
        }
    )
    if not form.is_valid():
        raise _form_errors(form, REPORT_NAMES)
    report = _service_call(
        lambda: services.report_submit(actor=user, commitment=commitment, **form.cleaned_data),
        form,
        REPORT_NAMES,
    )
    saved = ProgressReport.objects.select_related("commitment", "organization").get(pk=report.pk)
    return Reply(201, REPORTS.row(saved))


@router.post(
    "/indicadores/{indicator_id}/mediciones",
    auth=token_auth,
    response={201: MeasurementOut, **WRITE_RESPONSES},
    summary="Registrar una medición de un indicador (enlace institucional con token)",
    operation_id="indicadores_medicion_crear",
)
def measurement_create(
    request: HttpRequest, body: MeasurementIn, indicator_id: int = Path(..., ge=1, le=2**53)
):
    _check_rate(request)
    user = request.auth.user  # type: ignore[attr-defined]
    indicator = (
        Indicator.objects.select_related("commitment__plan")
        .prefetch_related("commitment__actors")
        .filter(pk=indicator_id)
        .first()
    )
    if indicator is None or not indicator.commitment.is_public:
        raise ApiError(_("No existe ese indicador o su compromiso no es público."), status=404)
    form = forms.MeasurementForm({"value": body.valor, "date": body.fecha, "source": body.fuente})
    if not form.is_valid():
        raise _form_errors(form, MEASUREMENT_NAMES)
    measurement = _service_call(
        lambda: services.measurement_record(actor=user, indicator=indicator, **form.cleaned_data),
        form,
        MEASUREMENT_NAMES,
    )
    saved = Measurement.objects.select_related("indicator__commitment").get(pk=measurement.pk)
    return Reply(201, MEASUREMENTS.row(saved))

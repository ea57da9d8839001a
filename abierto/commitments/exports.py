"""Open datasets of the commitments app (issue 13): commitments, their actors, milestones,
indicators, measurements, progress reports, evidence metadata and IRM assessments.

Only public commitments (drafts stay private) and only their public side: never an actor's
contact person or email, who reported a measurement or wrote a report, who reviewed evidence,
an evidence file's stored name or path, or a rejected piece of evidence. Evidence is listed
verified or pending, with its status in a column; a file's address is given only once it is
verified (the download itself refuses unverified files to the public).
"""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from abierto.core.datasets import Dataset, fields
from abierto.core.models import ActionLog

from . import progress as arith
from .models import (
    PUBLIC_STATUSES,
    ActorRole,
    Commitment,
    CommitmentActor,
    Completion,
    Direction,
    EarlyResults,
    Evidence,
    EvidenceStatus,
    Indicator,
    IRMAssessment,
    Measurement,
    Milestone,
    MilestoneStatus,
    PotentialImpact,
    ProgressReport,
)

PUBLIC = sorted(PUBLIC_STATUSES)
PUBLIC_EVIDENCE = (EvidenceStatus.VERIFIED, EvidenceStatus.PENDING)


def _updated() -> datetime.datetime | None:
    """Every write on a commitment, its milestones, indicators or reports is audited on the
    commitment: its newest audit entry dates all the app's datasets."""
    content_type = ContentType.objects.get_for_model(Commitment)
    return ActionLog.objects.filter(content_type=content_type).aggregate(last=Max("created_at"))[
        "last"
    ]


@functools.cache
def _url_pattern(name: str, language: str | None) -> str:
    return settings.ABIERTO_SITE_URL + reverse(name, args=["ZZ9999"])


def commitment_url(code: str) -> str:
    return _url_pattern("commitments:detail", get_language()).replace("ZZ9999", code)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# --- commitments ---------------------------------------------------------------------------


def public_commitments() -> QuerySet[Commitment]:
    """Public commitments with their plan, axis, actors and milestones, in id order."""
    return (
        Commitment.objects.filter(status__in=PUBLIC)
        .select_related("plan", "axis")
        .prefetch_related(
            Prefetch(
                "actors",
                queryset=CommitmentActor.objects.select_related("organization").only(
                    "id", "commitment_id", "role", "organization__id", "organization__name"
                ),
            ),
            Prefetch("milestones", queryset=Milestone.objects.order_by("order", "start_date")),
        )
        .order_by("id")
    )


def commitment_progress(commitment: Commitment) -> float:
    facts = [
        arith.MilestoneFacts(
            weight=m.weight, progress=m.progress, end_date=m.end_date, completed=m.is_completed
        )
        for m in commitment.milestones.all()
    ]
    return round(arith.commitment_progress(facts), 1)


def commitment_row(c: Commitment) -> dict:
    lead = next((a.organization for a in c.actors.all() if a.role == ActorRole.LEAD), None)
    return {
        "id": c.pk,
        "codigo": c.code,
        "plan_id": c.plan_id,
        "plan": c.plan.title,
        "titulo": c.title,
        "problema": c.problem,
        "objetivo": c.objective,
        "descripcion": c.description,
        "resultados_esperados": c.expected_results,
        "eje_id": c.axis_id,
        "eje": c.axis.name if c.axis is not None else "",
        "valores_gobierno_abierto": "; ".join(c.ogp_values),
        "ods": "; ".join(str(n) for n in c.sdgs),
        "inicio": c.start_date,
        "fin": c.end_date,
        "estado": c.status,
        "version": c.version,
        "institucion_responsable_id": lead.pk if lead is not None else None,
        "institucion_responsable": lead.name if lead is not None else "",
        "avance": commitment_progress(c),
        "acta": c.acta_url,
        "es_ejemplo": c.is_example,
        "direccion": commitment_url(c.code),
    }


COMMITMENTS = Dataset(
    slug="compromisos",
    title=_("Compromisos de los planes de acción"),
    description=_(
        "La ficha de cada compromiso público (los borradores no se publican): problema, "
        "objetivo, eje, valores de gobierno abierto, periodo, estado, institución responsable "
        "y avance ponderado de sus hitos."
    ),
    fields=fields(
        ("id", "integer", _("Identificador del compromiso.")),
        ("codigo", "string", _("Código del compromiso (por ejemplo EC0016).")),
        ("plan_id", "integer", _("Plan de acción (id del conjunto «planes»).")),
        ("plan", "string", _("Título del plan.")),
        ("titulo", "string", _("Título del compromiso.")),
        ("problema", "string", _("Problema que aborda.")),
        ("objetivo", "string", _("Objetivo.")),
        ("descripcion", "string", _("Descripción.")),
        ("resultados_esperados", "string", _("Resultados esperados.")),
        ("eje_id", "integer", _("Eje del plan (id del conjunto «ejes»).")),
        ("eje", "string", _("Nombre del eje.")),
        (
            "valores_gobierno_abierto",
            "string",
            _("Valores de gobierno abierto, separados por «; »."),
        ),
        ("ods", "string", _("Objetivos de Desarrollo Sostenible (números), separados por «; ».")),
        ("inicio", "date", _("Fecha de inicio.")),
        ("fin", "date", _("Fecha de fin.")),
        ("estado", "string", _("Estado del compromiso."), tuple(PUBLIC)),
        ("version", "integer", _("Versión vigente de la ficha (sube con cada reprogramación).")),
        (
            "institucion_responsable_id",
            "integer",
            _("Institución responsable (id del conjunto «organizaciones»)."),
        ),
        ("institucion_responsable", "string", _("Nombre de la institución responsable.")),
        ("avance", "number", _("Avance del compromiso (0 a 100), ponderado por sus hitos.")),
        ("acta", "string", _("Dirección del acta de compromiso firmada, si la hay.")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
        ("direccion", "string", _("Página pública del compromiso.")),
    ),
    queryset=public_commitments,
    row=commitment_row,
    updated=_updated,
    keywords=("compromisos", "plan de acción", "seguimiento", "OGP"),
)


# --- actors --------------------------------------------------------------------------------


def actor_row(a: CommitmentActor) -> dict:
    return {
        "id": a.pk,
        "compromiso_id": a.commitment_id,
        "compromiso": a.commitment.code,
        "organizacion_id": a.organization_id,
        "organizacion": a.organization.name,
        "rol": a.role,
    }


ACTORS = Dataset(
    slug="actores-de-compromisos",
    title=_("Actores de los compromisos"),
    description=_(
        "Las organizaciones que llevan cada compromiso público y su rol: institución "
        "responsable, de apoyo o contraparte de la sociedad civil. Sin personas de contacto."
    ),
    fields=fields(
        ("id", "integer", _("Identificador de la participación.")),
        ("compromiso_id", "integer", _("Compromiso (id del conjunto «compromisos»).")),
        ("compromiso", "string", _("Código del compromiso.")),
        ("organizacion_id", "integer", _("Organización (id del conjunto «organizaciones»).")),
        ("organizacion", "string", _("Nombre de la organización.")),
        ("rol", "string", _("Rol en el compromiso."), tuple(ActorRole)),
    ),
    queryset=lambda: (
        CommitmentActor.objects.filter(commitment__status__in=PUBLIC)
        .select_related("commitment", "organization")
        .only(
            "id",
            "role",
            "commitment_id",
            "organization_id",
            "commitment__code",
            "organization__name",
        )
        .order_by("id")
    ),
    row=actor_row,
    updated=_updated,
    keywords=("compromisos", "actores", "instituciones"),
)


# --- milestones ----------------------------------------------------------------------------


def milestone_row(m: Milestone) -> dict:
    return {
        "id": m.pk,
        "compromiso_id": m.commitment_id,
        "compromiso": m.commitment.code,
        "entregable": m.deliverable,
        "organizacion_responsable_id": m.responsible_id,
        "organizacion_responsable": m.responsible.name,
        "inicio": m.start_date,
        "fin": m.end_date,
        "peso": m.weight,
        "estado": m.status,
        "avance": m.progress,
        "con_retraso": m.is_delayed_on(timezone.localdate()),
        "es_ejemplo": m.is_example,
    }


MILESTONES = Dataset(
    slug="hitos",
    title=_("Hitos de los compromisos"),
    description=_(
        "Los entregables verificables de cada compromiso público: fechas, peso, estado y "
        "avance reportado. Un hito solo se marca cumplido con una evidencia verificada."
    ),
    fields=fields(
        ("id", "integer", _("Identificador del hito.")),
        ("compromiso_id", "integer", _("Compromiso (id del conjunto «compromisos»).")),
        ("compromiso", "string", _("Código del compromiso.")),
        ("entregable", "string", _("Entregable del hito.")),
        ("organizacion_responsable_id", "integer", _("Organización responsable (id).")),
        ("organizacion_responsable", "string", _("Nombre de la organización responsable.")),
        ("inicio", "date", _("Fecha de inicio.")),
        ("fin", "date", _("Fecha de fin.")),
        ("peso", "integer", _("Peso del hito en el avance del compromiso (%).")),
        ("estado", "string", _("Estado del hito."), tuple(MilestoneStatus)),
        ("avance", "integer", _("Avance reportado (0 a 100).")),
        ("con_retraso", "boolean", _("Verdadero si pasó su fecha de fin sin cumplirse.")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
    ),
    queryset=lambda: (
        Milestone.objects.filter(commitment__status__in=PUBLIC)
        .select_related("commitment", "responsible")
        .order_by("id")
    ),
    row=milestone_row,
    updated=_updated,
    keywords=("compromisos", "hitos", "seguimiento"),
)


# --- indicators and measurements -----------------------------------------------------------


def indicator_row(i: Indicator) -> dict:
    return {
        "id": i.pk,
        "compromiso_id": i.commitment_id,
        "compromiso": i.commitment.code,
        "nombre": i.name,
        "unidad": i.unit,
        "sentido": i.direction,
        "linea_base": _number(i.baseline_value),
        "fecha_linea_base": i.baseline_date,
        "meta": _number(i.target_value),
        "fecha_meta": i.target_date,
        "es_ejemplo": i.is_example,
    }


INDICATORS = Dataset(
    slug="indicadores",
    title=_("Indicadores de los compromisos"),
    description=_(
        "Los indicadores de cada compromiso público, de su línea base a su meta (las "
        "mediciones están en el conjunto «mediciones»)."
    ),
    fields=fields(
        ("id", "integer", _("Identificador del indicador.")),
        ("compromiso_id", "integer", _("Compromiso (id del conjunto «compromisos»).")),
        ("compromiso", "string", _("Código del compromiso.")),
        ("nombre", "string", _("Nombre del indicador.")),
        ("unidad", "string", _("Unidad de medida.")),
        ("sentido", "string", _("Si el valor debe subir o bajar."), tuple(Direction)),
        ("linea_base", "number", _("Valor de la línea base.")),
        ("fecha_linea_base", "date", _("Fecha de la línea base.")),
        ("meta", "number", _("Valor de la meta.")),
        ("fecha_meta", "date", _("Fecha de la meta.")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
    ),
    queryset=lambda: (
        Indicator.objects.filter(commitment__status__in=PUBLIC)
        .select_related("commitment")
        .order_by("id")
    ),
    row=indicator_row,
    updated=_updated,
    keywords=("compromisos", "indicadores"),
)


def measurement_row(m: Measurement) -> dict:
    return {
        "id": m.pk,
        "indicador_id": m.indicator_id,
        "compromiso": m.indicator.commitment.code,
        "valor": _number(m.value),
        "fecha": m.date,
        "fuente": m.source,
        "registrada": m.created_at,
        "es_ejemplo": m.is_example,
    }


MEASUREMENTS = Dataset(
    slug="mediciones",
    title=_("Mediciones de los indicadores"),
    description=_(
        "Cada valor medido de un indicador, con su fecha y su fuente, tal como lo reporta la "
        "institución responsable (autorreporte). No dice quién lo registró."
    ),
    fields=fields(
        ("id", "integer", _("Identificador de la medición.")),
        ("indicador_id", "integer", _("Indicador (id del conjunto «indicadores»).")),
        ("compromiso", "string", _("Código del compromiso.")),
        ("valor", "number", _("Valor medido.")),
        ("fecha", "date", _("Fecha de la medición.")),
        ("fuente", "string", _("De dónde sale el valor.")),
        ("registrada", "datetime", _("Cuándo se registró en la plataforma.")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
    ),
    queryset=lambda: (
        Measurement.objects.filter(indicator__commitment__status__in=PUBLIC)
        .select_related("indicator__commitment")
        .only(
            "id",
            "indicator_id",
            "value",
            "date",
            "source",
            "created_at",
            "is_example",
            "indicator__id",
            "indicator__commitment__id",
            "indicator__commitment__code",
        )
        .order_by("id")
    ),
    row=measurement_row,
    updated=_updated,
    keywords=("compromisos", "indicadores", "mediciones"),
)


# --- progress reports ----------------------------------------------------------------------


def report_row(r: ProgressReport) -> dict:
    return {
        "id": r.pk,
        "compromiso_id": r.commitment_id,
        "compromiso": r.commitment.code,
        "inicio_periodo": r.period_start,
        "fin_periodo": r.period_end,
        "avances": r.narrative,
        "dificultades": r.difficulties,
        "institucion_id": r.organization_id,
        "institucion": r.organization.name if r.organization is not None else "",
        "presentado": r.created_at,
        "es_ejemplo": r.is_example,
    }


def public_reports() -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.filter(commitment__status__in=PUBLIC)
        .select_related("commitment", "organization")
        .only(
            "id",
            "commitment_id",
            "period_start",
            "period_end",
            "narrative",
            "difficulties",
            "organization_id",
            "created_at",
            "is_example",
            "commitment__id",
            "commitment__code",
            "commitment__title",
            "organization__id",
            "organization__name",
        )
        .order_by("id")
    )


REPORTS = Dataset(
    slug="reportes-de-avance",
    title=_("Reportes de avance de los compromisos"),
    description=_(
        "Los reportes periódicos de las instituciones sobre sus compromisos: periodo, avances "
        "y dificultades, en nombre de la institución (nunca de la persona que lo escribió)."
    ),
    fields=fields(
        ("id", "integer", _("Identificador del reporte.")),
        ("compromiso_id", "integer", _("Compromiso (id del conjunto «compromisos»).")),
        ("compromiso", "string", _("Código del compromiso.")),
        ("inicio_periodo", "date", _("Inicio del periodo reportado.")),
        ("fin_periodo", "date", _("Fin del periodo reportado.")),
        ("avances", "string", _("Avances del periodo.")),
        ("dificultades", "string", _("Dificultades.")),
        ("institucion_id", "integer", _("Institución que reporta (id).")),
        ("institucion", "string", _("Nombre de la institución que reporta.")),
        ("presentado", "datetime", _("Cuándo se presentó.")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
    ),
    queryset=public_reports,
    row=report_row,
    updated=_updated,
    keywords=("compromisos", "reportes de avance", "rendición de cuentas"),
)


# --- evidence ------------------------------------------------------------------------------


def evidence_row(e: Evidence) -> dict:
    file_url = ""
    if e.file and e.status == EvidenceStatus.VERIFIED:
        file_url = settings.ABIERTO_SITE_URL + reverse(
            "commitments:evidence_file", kwargs={"pk": e.pk}
        )
    return {
        "id": e.pk,
        "hito_id": e.milestone_id,
        "compromiso": e.milestone.commitment.code,
        "descripcion": e.description,
        "estado": e.status,
        "tipo": "archivo" if e.file else "enlace",
        "enlace": e.url,
        "archivo": file_url,
        "tipo_de_contenido": e.content_type if e.file else "",
        "tamano": e.size if e.file else None,
        "presentada": e.created_at,
        "verificada": e.reviewed_at if e.status == EvidenceStatus.VERIFIED else None,
        "es_ejemplo": e.is_example,
    }


EVIDENCE = Dataset(
    slug="evidencias",
    title=_("Evidencias de los hitos"),
    description=_(
        "Los datos de cada evidencia presentada para un hito: qué demuestra, si está "
        "verificada o pendiente de verificación, su enlace o, si es un archivo verificado, su "
        "dirección de descarga, tipo y tamaño. Las rechazadas no se publican."
    ),
    fields=fields(
        ("id", "integer", _("Identificador de la evidencia.")),
        ("hito_id", "integer", _("Hito (id del conjunto «hitos»).")),
        ("compromiso", "string", _("Código del compromiso.")),
        ("descripcion", "string", _("Qué demuestra.")),
        ("estado", "string", _("Verificada o pendiente de verificación."), PUBLIC_EVIDENCE),
        ("tipo", "string", _("Archivo o enlace."), ("archivo", "enlace")),
        ("enlace", "string", _("Enlace externo, si la evidencia es un enlace.")),
        ("archivo", "string", _("Dirección de descarga del archivo, una vez verificado.")),
        ("tipo_de_contenido", "string", _("Tipo del archivo (MIME).")),
        ("tamano", "integer", _("Tamaño del archivo en bytes.")),
        ("presentada", "datetime", _("Cuándo se presentó.")),
        ("verificada", "datetime", _("Cuándo la verificó el Grupo Núcleo, si lo hizo.")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
    ),
    queryset=lambda: (
        Evidence.objects.filter(
            status__in=PUBLIC_EVIDENCE, milestone__commitment__status__in=PUBLIC
        )
        .select_related("milestone__commitment")
        .only(
            "id",
            "milestone_id",
            "description",
            "status",
            "file",
            "url",
            "content_type",
            "size",
            "created_at",
            "reviewed_at",
            "is_example",
            "milestone__id",
            "milestone__commitment__id",
            "milestone__commitment__code",
        )
        .order_by("id")
    ),
    row=evidence_row,
    updated=_updated,
    keywords=("compromisos", "evidencias", "verificación"),
)


# --- IRM -----------------------------------------------------------------------------------


def irm_row(a: IRMAssessment) -> dict:
    return {
        "id": a.pk,
        "compromiso_id": a.commitment_id,
        "compromiso": a.commitment.code,
        "verificable": a.verifiable,
        "relevancia": "; ".join(a.relevance),
        "impacto_potencial": a.potential_impact,
        "cumplimiento": a.completion,
        "resultados_tempranos": a.early_results,
        "destacado": a.starred,
        "informe": a.report_url,
        "es_ejemplo": a.is_example,
    }


IRM = Dataset(
    slug="evaluaciones-irm",
    title=_("Evaluaciones del Mecanismo de Revisión Independiente (IRM)"),
    description=_(
        "La valoración del IRM de la Alianza para el Gobierno Abierto sobre cada compromiso "
        "público, separada de los autorreportes de las instituciones."
    ),
    fields=fields(
        ("id", "integer", _("Identificador de la evaluación.")),
        ("compromiso_id", "integer", _("Compromiso (id del conjunto «compromisos»).")),
        ("compromiso", "string", _("Código del compromiso.")),
        ("verificable", "boolean", _("Si el compromiso es verificable (vacío: sin valorar).")),
        ("relevancia", "string", _("Valores de gobierno abierto relevantes, separados por «; ».")),
        ("impacto_potencial", "string", _("Impacto potencial."), tuple(PotentialImpact)),
        ("cumplimiento", "string", _("Nivel de cumplimiento."), tuple(Completion)),
        (
            "resultados_tempranos",
            "string",
            _("¿Abrió el gobierno? (resultados tempranos)."),
            tuple(EarlyResults),
        ),
        ("destacado", "boolean", _("Compromiso destacado o prometedor.")),
        ("informe", "string", _("Dirección del informe del IRM.")),
        ("es_ejemplo", "boolean", _("Verdadero si son datos inventados para demostración.")),
    ),
    queryset=lambda: (
        IRMAssessment.objects.filter(commitment__status__in=PUBLIC)
        .select_related("commitment")
        .order_by("id")
    ),
    row=irm_row,
    updated=_updated,
    keywords=("compromisos", "IRM", "evaluación independiente"),
)

DATASETS = [COMMITMENTS, ACTORS, MILESTONES, INDICATORS, MEASUREMENTS, REPORTS, EVIDENCE, IRM]

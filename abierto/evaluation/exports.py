"""Open dataset of the evaluation app (issue 13): the results of published rounds, per
proposal, as aggregates only.

One row per public proposal of a published round: the number of evaluations submitted, the
mean of each criterion and the weighted total (``aggregation.py``), the decision, the candidate
commitment and the reasoned response. Never an evaluator, a single score or a justification;
rounds not yet published and proposals hidden by moderation are left out.
"""

from __future__ import annotations

import datetime

from django.db.models import Max, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from abierto.core.datasets import Dataset, fields

from .aggregation import aggregate, to_decimal
from .models import Assignment, Decision, EvaluationRound, RoundEntry, RoundStatus


def published_entries() -> QuerySet[RoundEntry]:
    return (
        RoundEntry.objects.filter(round__status=RoundStatus.PUBLISHED, proposal__is_hidden=False)
        .select_related("round", "candidate", "proposal")
        .only(
            "id",
            "decision",
            "response_text",
            "round_id",
            "candidate_id",
            "proposal_id",
            "round__id",
            "round__name",
            "round__plan_id",
            "round__published_at",
            "candidate__id",
            "candidate__name",
            "proposal__id",
            "proposal__title",
        )
        .prefetch_related(
            "round__criteria",
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(submitted_at__isnull=False)
                .only("id", "entry_id")
                .prefetch_related("scores"),
                to_attr="submitted",
            ),
        )
        .order_by("id")
    )


def _mean_text(value) -> str:
    decimal = to_decimal(value)
    return "—" if decimal is None else str(decimal)


def result_row(entry: RoundEntry) -> dict:
    criteria = list(entry.round.criteria.all())
    sheets = [
        {s.criterion_id: s.value for s in a.scores.all()}
        for a in entry.submitted  # type: ignore[attr-defined]
    ]
    result = aggregate({c.pk: c.weight for c in criteria}, sheets)
    total = result.total_display
    return {
        "id": entry.pk,
        "ronda_id": entry.round_id,
        "ronda": entry.round.name,
        "plan_id": entry.round.plan_id,
        "publicada": entry.round.published_at,
        "propuesta_id": entry.proposal_id,
        "propuesta": entry.proposal.title,
        "evaluaciones": result.sheets,
        "puntaje_total": None if total is None else float(total),
        "medias_por_criterio": "; ".join(
            f"{c.name}: {_mean_text(cr.mean)}"
            for c, cr in zip(criteria, result.criteria, strict=True)
        ),
        "decision": entry.decision,
        "compromiso_candidato": entry.candidate.name if entry.candidate is not None else "",
        "respuesta_razonada": entry.response_text,
    }


def _updated() -> datetime.datetime | None:
    return EvaluationRound.objects.filter(status=RoundStatus.PUBLISHED).aggregate(
        last=Max("published_at")
    )["last"]


RESULTS = Dataset(
    slug="resultados-de-evaluacion",
    title=_("Resultados de las rondas de evaluación"),
    description=_(
        "Por cada propuesta de una ronda de evaluación publicada: cuántas evaluaciones "
        "recibió, la media de cada criterio (escala 1 a 5), el puntaje total ponderado, la "
        "decisión de la comisión y su respuesta razonada. Solo cifras agregadas: nunca quién "
        "evaluó ni sus calificaciones una por una."
    ),
    fields=fields(
        ("id", "integer", _("Identificador del resultado.")),
        ("ronda_id", "integer", _("Ronda de evaluación (id).")),
        ("ronda", "string", _("Nombre de la ronda.")),
        ("plan_id", "integer", _("Plan de acción (id del conjunto «planes»).")),
        ("publicada", "datetime", _("Cuándo se publicaron los resultados de la ronda.")),
        ("propuesta_id", "integer", _("Propuesta (id del conjunto «propuestas»).")),
        ("propuesta", "string", _("Título de la propuesta.")),
        ("evaluaciones", "integer", _("Evaluaciones enviadas sobre la propuesta.")),
        ("puntaje_total", "number", _("Puntaje total ponderado (1 a 5), si lo hay.")),
        (
            "medias_por_criterio",
            "string",
            _("Media de cada criterio (1 a 5), «criterio: media» separados por «; »."),
        ),
        ("decision", "string", _("Decisión de la comisión."), tuple(Decision)),
        ("compromiso_candidato", "string", _("Compromiso candidato en que se agrupó, si aplica.")),
        ("respuesta_razonada", "string", _("Respuesta razonada de la comisión.")),
    ),
    queryset=published_entries,
    row=result_row,
    updated=_updated,
    keywords=("evaluación", "propuestas", "resultados"),
)

DATASETS = [RESULTS]

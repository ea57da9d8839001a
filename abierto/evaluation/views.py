"""Public transparency of the evaluation: /evaluacion/<plan>/ and its CSV."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from abierto.core.pagecache import shared_page
from abierto.plans.models import ActionPlan

from . import selectors


def _plan_and_rounds(slug: str):
    plan = get_object_or_404(ActionPlan, slug=slug)
    commission = selectors.public_commission(plan)
    if commission is None:
        raise Http404
    return plan, commission, selectors.public_rounds(plan)


@shared_page
def plan_evaluation(request, slug: str):
    plan, commission, rounds = _plan_and_rounds(slug)
    sort = request.GET.get("orden", "puntaje")
    notice = ""
    if sort not in selectors.SORTS:
        notice = _("No se reconoce ese orden; se muestra por puntaje.")
        sort = "puntaje"
    tables = [(r, list(r.criteria.all()), selectors.public_round_table(r, sort)) for r in rounds]
    return render(
        request,
        "evaluation/plan.html",
        {
            "plan": plan,
            "commission": commission,
            "tables": tables,
            "sort": sort,
            "sorts": [
                ("puntaje", _("Puntaje")),
                ("titulo", _("Título")),
                ("numero", _("Número")),
                ("decision", _("Decisión")),
            ],
            "notice": notice,
        },
    )


def neutralise(value) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def plan_evaluation_csv(request, slug: str):
    plan, _commission, rounds = _plan_and_rounds(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evaluacion-{plan.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for r in rounds:
        criteria = list(r.criteria.all())
        writer.writerow(
            ["ronda", "propuesta", "titulo", "puesto", "puntaje_sobre_5", "evaluaciones"]
            + [f"media_{c.name}" for c in criteria]
            + ["decision", "compromiso_candidato", "respuesta"]
        )
        for row in selectors.public_round_table(r):
            writer.writerow(
                [
                    neutralise(v)
                    for v in [
                        r.name,
                        row.entry.proposal_id,
                        row.entry.proposal.title,
                        row.rank,
                        row.result.total_display,
                        row.result.sheets,
                        *[c.mean_display for c in row.result.criteria],
                        row.entry.get_decision_display(),
                        row.entry.candidate.name if row.entry.candidate else "",
                        row.entry.response_text,
                    ]
                ]
            )
    return response

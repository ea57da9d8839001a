"""Public transparency of the evaluation: /evaluacion/<plan>/ and its CSV."""

import csv
import io
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
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


def _page_round(request, rounds) -> int | None:
    """The round whose table ``?pagina=`` pages: ``?ronda=<id>``, else the first one."""
    try:
        wanted = int(request.GET.get("ronda", ""))
    except ValueError:
        wanted = None
    ids = [r.pk for r in rounds]
    if wanted in ids:
        return wanted
    return ids[0] if ids else None


@shared_page
def plan_evaluation(request, slug: str):
    plan, commission, rounds = _plan_and_rounds(slug)
    sort = request.GET.get("orden", "puntaje")
    notice = ""
    if sort not in selectors.SORTS:
        notice = _("No se reconoce ese orden; se muestra por puntaje.")
        sort = "puntaje"
    paged = _page_round(request, rounds)
    tables = []
    for r in rounds:
        # Ranks and counts are over the whole round (the cached aggregation); only the page
        # shown reads its entries (title, decision, candidate) from the database.
        rows = selectors.sorted_results(r, selectors.published_results(r), sort)
        page = Paginator(rows, selectors.RESULTS_PER_PAGE).get_page(
            request.GET.get("pagina") if r.pk == paged else 1
        )
        page.object_list = selectors.with_entries(list(page.object_list))
        querystring = urlencode({"orden": sort, "ronda": r.pk})
        tables.append((r, list(r.criteria.all()), page, len(rows), querystring))
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


#: Entries read from the database at a time while the CSV streams.
CSV_CHUNK = 500


def _csv_lines(rounds):
    """The CSV line by line: every proposal of every published round, best first, reading
    the entries a chunk at a time (the aggregation comes from the cache)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff"
    for r in rounds:
        criteria = list(r.criteria.all())
        writer.writerow(
            ["ronda", "propuesta", "titulo", "puesto", "puntaje_sobre_5", "evaluaciones"]
            + [f"media_{c.name}" for c in criteria]
            + ["decision", "compromiso_candidato", "respuesta"]
        )
        yield flush()
        rows = selectors.published_results(r)
        for start in range(0, len(rows), CSV_CHUNK):
            for row in selectors.with_entries(rows[start : start + CSV_CHUNK]):
                entry = row.entry
                assert entry is not None
                writer.writerow(
                    [
                        neutralise(v)
                        for v in [
                            r.name,
                            row.proposal_id,
                            entry.proposal.title,
                            row.rank,
                            row.total,
                            row.sheets,
                            *row.means,
                            entry.get_decision_display(),
                            entry.candidate.name if entry.candidate else "",
                            entry.response_text,
                        ]
                    ]
                )
            yield flush()


def plan_evaluation_csv(request, slug: str):
    plan, _commission, rounds = _plan_and_rounds(slug)
    response = StreamingHttpResponse(_csv_lines(rounds), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evaluacion-{plan.slug}.csv"'
    return response

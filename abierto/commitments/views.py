"""Public pages of the tracking platform. Thin: selectors read, services write."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from abierto.core import charts
from abierto.core.pagecache import shared_page
from abierto.core.permissions import allowed
from abierto.core.selectors import public_history

from . import selectors, services
from .filters import STANDING_LABELS, clean_filters
from .forms import CommentForm
from .models import Evidence, EvidenceStatus, OGPValue

COMMITMENTS_PER_PAGE = 50
#: The dashboard draws one bar per commitment (and per institution) and lists delayed
#: milestones up to these; past them it links to the filtered list (a plan of hundreds of
#: commitments stays readable, and its page light: 460 institutions made it 245 KB).
DASHBOARD_CHART_MAX = 60
DASHBOARD_DELAYED_MAX = 30


def _rollup_note(rollup) -> str:
    return ngettext(
        "%(n)s compromiso, %(d)s con retraso",
        "%(n)s compromisos, %(d)s con retraso",
        rollup.commitments,
    ) % {"n": rollup.commitments, "d": rollup.delayed}


def _plan_choice(request: HttpRequest, plans: list) -> tuple[object, bool]:
    """The plan asked for by ``?plan=`` (its id), else the newest; and whether it was bad."""
    raw = request.GET.get("plan", "")
    if raw:
        chosen = next((p for p in plans if str(p.pk) == raw.strip()), None)
        if chosen is not None:
            return chosen, False
        return (plans[0] if plans else None), True
    return (plans[0] if plans else None), False


@shared_page
def dashboard(request: HttpRequest) -> HttpResponse:
    plans = selectors.plans_with_commitments()
    plan, bad_plan = _plan_choice(request, plans)
    context: dict = {"plans": plans, "plan": plan, "bad_plan": bad_plan}
    if plan is not None:
        board = selectors.plan_dashboard(plan=plan)
        context["board"] = board
        context["has_examples"] = any(
            row.commitment.is_example or any(m.is_example for m in row.commitment.milestones.all())
            for row in board.rows
        )
        context["overall_bar"] = charts.progress_bar(board.overall)
        context["axis_chart"] = charts.bar_chart(
            [(r.key, r.progress) for r in board.by_axis],
            caption=_("Avance promedio por eje"),
            value_heading=_("Avance"),
            notes=[_rollup_note(r) for r in board.by_axis],
        )
        institutions = board.by_institution
        caption = _("Avance promedio por institución responsable")
        if len(institutions) > DASHBOARD_CHART_MAX:
            # The institutions leading the most commitments (ties: in the plan's order).
            institutions = sorted(institutions, key=lambda r: -r.commitments)
            institutions = institutions[:DASHBOARD_CHART_MAX]
            caption = _(
                "Avance promedio por institución responsable: las %(n)s con más compromisos"
            ) % {"n": DASHBOARD_CHART_MAX}
        context["institutions_more"] = len(board.by_institution) - len(institutions)
        context["institution_chart"] = charts.bar_chart(
            [(r.key, r.progress) for r in institutions],
            caption=caption,
            value_heading=_("Avance"),
            notes=[_rollup_note(r) for r in institutions],
        )
        context["delayed_shown"] = board.delayed[:DASHBOARD_DELAYED_MAX]
        context["delayed_more"] = max(0, len(board.delayed) - DASHBOARD_DELAYED_MAX)
        if len(board.rows) <= DASHBOARD_CHART_MAX:
            context["commitment_chart"] = charts.bar_chart(
                [(row.commitment.code, row.progress) for row in board.rows],
                caption=_("Avance de cada compromiso"),
                value_heading=_("Avance"),
                notes=[row.commitment.title for row in board.rows],
                urls=[row.commitment.get_absolute_url() for row in board.rows],
            )
    return render(request, "commitments/dashboard.html", context)


@shared_page
def commitment_list(request: HttpRequest) -> HttpResponse:
    filterset, ignored = clean_filters(request.GET, selectors.public_commitments())
    commitments = filterset.qs.order_by("plan__number", "code")
    standing = filterset.form.cleaned_data.get("situacion") if filterset.is_valid() else None
    if standing:
        wanted = selectors.commitment_ids_in_standing(commitments, standing)
        commitments = selectors.public_commitments().filter(pk__in=wanted)
        commitments = commitments.order_by("plan__number", "code")
    # Rows (progress, standing, lead) are computed for the page shown, never for every
    # commitment: a plan may have hundreds.
    page = Paginator(commitments, COMMITMENTS_PER_PAGE).get_page(request.GET.get("pagina"))
    page.object_list = selectors.commitment_rows(page.object_list)
    query = request.GET.copy()
    query.pop("pagina", None)
    labels = {name: str(f.label) for name, f in filterset.filters.items()}
    return render(
        request,
        "commitments/list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "rows": page.object_list,
            "querystring": query.urlencode(),
            "ignored": [labels.get(name, name) for name in ignored],
            "standing_labels": STANDING_LABELS,
        },
    )


def _public_commitment(code: str):
    commitment = selectors.commitment_page(code=code)
    if commitment is None:
        raise Http404
    return commitment


@shared_page
def commitment_detail(request: HttpRequest, code: str) -> HttpResponse:
    commitment = _public_commitment(code)
    row = selectors.commitment_rows([commitment])[0]
    indicators = []
    for indicator in commitment.indicators.all():
        measurements = list(indicator.measurements.all())
        compliance = selectors.indicator_compliance(indicator)
        indicators.append(
            {
                "indicator": indicator,
                "measurements": measurements,
                "chart_id": f"indicador-grafico-{indicator.pk}",
                "compliance": charts.progress_bar(compliance) if compliance is not None else None,
                "chart": charts.line_with_target(
                    [(m.date, m.value) for m in measurements],
                    baseline=(indicator.baseline_date, indicator.baseline_value),
                    target=(indicator.target_date, indicator.target_value),
                    caption=_("%(name)s: mediciones frente a la meta") % {"name": indicator.name},
                    unit=indicator.unit,
                ),
            }
        )
    return render(
        request,
        "commitments/detail.html",
        {
            "commitment": commitment,
            "row": row,
            "actors": list(commitment.actors.all()),
            "milestones": [
                {"milestone": m, "bar": charts.progress_bar(m.progress)}
                for m in commitment.milestones.all()
            ],
            "indicators": indicators,
            "proposals": selectors.source_proposals(commitment=commitment),
            "history": list(public_history(target=commitment)),
            "irm": getattr(commitment, "irm_assessment", None),
            "versions": list(commitment.versions.all()),
            "reports": list(commitment.reports.all()),
            "comments": list(commitment.comments.all()),
            "may_comment": allowed(request.user, "commitments.comment", commitment),
            "comment_form": CommentForm(),
            "ogp_values": OGPValue,
        },
    )


def commitment_version(request: HttpRequest, code: str, number: int) -> HttpResponse:
    commitment = _public_commitment(code)
    diff = selectors.version_diff(commitment=commitment, number=number)
    if diff is None:
        raise Http404
    version = next(v for v in commitment.versions.all() if v.number == number)
    return render(
        request,
        "commitments/version.html",
        {
            "commitment": commitment,
            "version": version,
            "diff": diff,
            "sheet": selectors.version_sheet(version=version),
        },
    )


@require_POST
def comment(request: HttpRequest, code: str) -> HttpResponse:
    commitment = _public_commitment(code)
    if not request.user.is_authenticated:
        return redirect_to_login(commitment.get_absolute_url())
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_post(
                actor=request.user, commitment=commitment, body=form.cleaned_data["body"]
            )
        except PermissionDenied:
            messages.error(request, _("Los comentarios se reciben solo durante la consulta."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Gracias: su comentario se publicó sin su nombre."))
    else:
        messages.error(request, _("Escriba un comentario de hasta 3000 caracteres."))
    return redirect(f"{commitment.get_absolute_url()}#consulta")


def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """Verified evidence is public; other files only for those who may verify or report."""
    evidence = Evidence.objects.select_related("milestone__commitment").filter(pk=pk).first()
    if evidence is None or not evidence.file:
        raise Http404
    commitment = evidence.milestone.commitment
    if evidence.status != EvidenceStatus.VERIFIED or not commitment.is_public:
        user = request.user
        if not (
            allowed(user, "commitments.verify_evidence", commitment)
            or allowed(user, "commitments.report_on", commitment)
        ):
            raise Http404
    extension = evidence.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=f"evidencia-{commitment.code}-{evidence.pk}.{extension}",
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

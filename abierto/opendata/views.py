"""Open-data pages and downloads: the catalogue (/datos/), each dataset as CSV or JSON and
the whole catalogue as a Frictionless Data Package."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from abierto.core import ratelimit
from abierto.core.datasets import Dataset
from abierto.core.filters import bounded_int
from abierto.core.net import client_ip
from abierto.core.pagecache import shared_page
from abierto.core.pdf import PDF_CONTENT_TYPE
from abierto.core.permissions import permission_required
from abierto.plans.models import ActionPlan
from abierto.plans.selectors import plan_choices

from . import datapackage, ical, reports, services
from .formats import csv_chunks, json_chunks
from .registry import dataset_license, get_dataset
from .selectors import catalogue as catalogue_entries
from .selectors import mesa_calendars, public_chain_check, staff_report_rows

FORMATS: dict[str, tuple[str, Callable[[Dataset], Iterator[bytes]]]] = {
    "csv": ("text/csv; charset=utf-8", csv_chunks),
    "json": ("application/json", json_chunks),
}


def json_error(message: str, *, status: int = 400, **extra) -> JsonResponse:
    """The error body of every machine-facing endpoint: ``{"error": "...", ...}``."""
    return JsonResponse(
        {"error": message, **extra}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@require_safe
@shared_page
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/catalogue.html",
        {"entries": catalogue_entries(), "mesa_calendars": mesa_calendars()},
    )


def _attachment(response: HttpResponseBase, filename: str) -> HttpResponseBase:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    dataset = get_dataset(slug)
    if dataset is None:
        return json_error(
            _("No existe el conjunto de datos «%(slug)s».") % {"slug": slug}, status=404
        )
    fmt = fmt.lower()
    if fmt not in FORMATS:
        return json_error(
            _("Formato no disponible: «%(fmt)s». Use csv o json.") % {"fmt": fmt[:20]},
            formatos=sorted(FORMATS),
        )
    content_type, chunks = FORMATS[fmt]
    response = StreamingHttpResponse(chunks(dataset), content_type=content_type)
    license = dataset_license(dataset)
    response["Link"] = f'<{license.url}>; rel="license"'
    stamp = timezone.localdate().isoformat()
    return _attachment(response, f"{dataset.slug}-{stamp}.{fmt}")


@require_safe
def package(request: HttpRequest) -> HttpResponseBase:
    response = StreamingHttpResponse(datapackage.package_chunks(), content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    return _attachment(response, f"datos-abiertos-{stamp}.zip")


@require_safe
def package_descriptor(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        datapackage.descriptor(absolute=True), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def stages_calendar(request: HttpRequest) -> HttpResponse:
    """All stages, or one plan's (``?plan=<id>``), as an iCalendar subscription."""
    from abierto.plans.models import ActionPlan, Stage

    stages = Stage.objects.select_related("plan").order_by("start_date", "plan_id", "number")
    name = _("Etapas de los planes de acción")
    plan_param = request.GET.get("plan", "")
    if plan_param:
        if not (plan_param.isascii() and plan_param.isdigit()) or len(plan_param) > 12:
            return json_error(_("El parámetro «plan» debe ser el número de un plan."))
        plan = ActionPlan.objects.filter(pk=int(plan_param)).first()
        if plan is None:
            return json_error(_("No existe ese plan."), status=404)
        stages = stages.filter(plan=plan)
        name = _("Etapas: %(plan)s") % {"plan": plan.title}
    response = HttpResponse(
        ical.calendar(stages, name=str(name)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="etapas.ics"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("machines:sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /gestion/",
        "Disallow: /admin/",
        "Disallow: /cuenta/",
        "Disallow: /idioma/",
        "Disallow: /propuestas/nueva/",
        "Disallow: /propuestas/enviada/",
        "Disallow: /propuestas/estado/",
        "Disallow: /propuestas/mias/",
        "Disallow: /propuestas/similares/",
        "Allow: /",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def verify(request: HttpRequest) -> HttpResponse:
    return render(request, "opendata/verify.html", {"check": public_chain_check()})


# --- Printable reports (/datos/informes/) ---------------------------------------------------


def _report_target(slug: str, kind: str):
    plan = ActionPlan.objects.filter(slug=slug).first()
    report_kind = reports.KINDS.get(kind)
    if plan is None or report_kind is None:
        raise Http404
    return plan, report_kind


@require_safe
def report_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/reports/index.html",
        {"plans": plan_choices(), "kinds": list(reports.KINDS.values())},
    )


@require_safe
def report_page(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The report as a web page; its print stylesheet leaves only the report on paper."""
    plan, report_kind = _report_target(slug, kind)
    return render(request, "opendata/reports/page.html", reports.report_context(report_kind, plan))


@require_safe
def report_pdf(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The report rendered now as a PDF (rate-limited per address: rendering costs CPU)."""
    plan, report_kind = _report_target(slug, kind)
    if not ratelimit.hit("report_pdf_ip", client_ip(request)):
        response = HttpResponse(
            _(
                "Demasiados informes pedidos desde su dirección. Vuelva a intentarlo en unos "
                "minutos o descargue la versión publicada en el repositorio de documentos."
            ),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(ratelimit.limit_for("report_pdf_ip")[1])
        return response
    response = HttpResponse(reports.report_pdf(report_kind, plan), content_type=PDF_CONTENT_TYPE)
    _attachment(response, reports.report_filename(report_kind, plan))
    return response


# --- Back office (/gestion/datos/) -----------------------------------------------------------


@permission_required("opendata.publish_reports")
def staff_reports(request: HttpRequest) -> HttpResponse:
    """Each plan's reports with their last published version, and «Publicar informe»."""
    if request.method == "POST":
        plan_id = bounded_int(request.POST.get("plan"))
        plan = ActionPlan.objects.filter(pk=plan_id).first() if plan_id else None
        kind = request.POST.get("kind", "")
        if plan is None or kind not in reports.KINDS:
            messages.error(request, _("Elija un plan y un informe de la lista."))
        else:
            try:
                published = services.report_publish(actor=request.user, plan=plan, kind=kind)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Informe publicado en el repositorio: versión %(version)s.")
                    % {"version": published.version},
                )
                return redirect("staff:opendata_reports")
    return render(request, "opendata/staff/reports.html", {"rows": staff_report_rows()})

"""Public pages of the mesas app: schedule, calendar, each mesa, registration, feeds, statistics."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from abierto.core import ratelimit
from abierto.core.forms import add_service_errors
from abierto.core.net import client_ip
from abierto.core.pagecache import shared_page
from abierto.core.permissions import allowed
from abierto.plans.models import ActionPlan

from . import ical, selectors, services
from .filters import MesaFilter
from .forms import MonthForm, RegistrationForm
from .models import Mesa, Registration

SESSION_REGISTERED = "mesas:registered"
PAGE_SIZE = 30


def _private(response: HttpResponse) -> HttpResponse:
    """Pages that carry a code or a signed link: no referrer leaves the site, not indexed."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _filtered(request) -> MesaFilter:
    return MesaFilter(request.GET or None, queryset=selectors.public_mesas())


def _plans_with_mesas():
    return list(ActionPlan.objects.filter(mesas__isnull=False).distinct().order_by("-number"))


@require_GET
@shared_page
def mesa_list(request):
    filterset = _filtered(request)
    mesas = filterset.qs
    upcoming, past = selectors.split_schedule(mesas)
    # Both lists by pages: a plan may convene hundreds of mesas (the page stays light).
    upcoming_page = Paginator(upcoming, PAGE_SIZE).get_page(request.GET.get("proximas"))
    page = Paginator(past, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "mesas/list.html",
        {
            "filter": filterset,
            "bad_filters": filterset.bad_values(),
            "query": filterset.active_query(),
            "upcoming_page": upcoming_page,
            "past_page": page,
            "plans": _plans_with_mesas(),
        },
    )


@require_GET
@shared_page
def mesa_calendar(request):
    filterset = _filtered(request)
    month_form = MonthForm(request.GET)
    chosen = month_form.month()
    bad_month = bool(request.GET.get("mes")) and chosen is None
    today = timezone.localdate()
    year, month = chosen or (today.year, today.month)
    weeks, count = selectors.month_grid(filterset.qs, year=year, month=month)
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    query = filterset.active_query()
    return render(
        request,
        "mesas/calendar.html",
        {
            "filter": filterset,
            "bad_filters": filterset.bad_values(),
            "bad_month": bad_month,
            "query": query,
            "weeks": weeks,
            "count": count,
            "month_start": datetime.date(year, month, 1),
            "previous": f"{previous[0]:04d}-{previous[1]:02d}",
            "following": f"{following[0]:04d}-{following[1]:02d}",
        },
    )


@require_GET
@shared_page
def mesa_detail(request, pk: int):
    """The mesa, its places and a link to register: no form, so no CSRF token, and anonymous
    visitors get the page from the shared cache. Its places-left figure comes from the
    registrations table (read by SQL), so a new registration drops the kept copy at once."""
    mesa = selectors.mesa_detail(pk)
    if mesa is None:
        raise Http404
    return render(
        request,
        "mesas/detail.html",
        {
            "mesa": mesa,
            "refusal": services.registration_refusal(mesa),
            "minutes": getattr(mesa, "minutes", None),
            "may_manage": allowed(request.user, "mesas.manage_mesa", mesa),
        },
    )


def _register_page(request, mesa, *, form=None, status=200) -> HttpResponse:
    refusal = services.registration_refusal(mesa)
    if form is None and not refusal:
        initial = {}
        if request.user.is_authenticated:
            initial = {"name": request.user.get_full_name(), "email": request.user.email}
        form = RegistrationForm(initial=initial)
    return _private(
        render(
            request,
            "mesas/register.html",
            {"mesa": mesa, "form": form, "refusal": refusal},
            status=status,
        )
    )


@require_http_methods(["GET", "POST"])
def mesa_register(request, pk: int):
    """The registration form of a mesa (GET) and the registration itself (POST)."""
    mesa = selectors.mesa_detail(pk)
    if mesa is None:
        raise Http404
    if request.method == "GET":
        return _register_page(request, mesa)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        checks = [
            ("register_ip", client_ip(request)),
            ("register_email", ratelimit.email_subject(form.cleaned_data["email"])),
        ]
        token = form.cleaned_data.get("token")
        if token is None:
            limited = next(
                (name for name, subject in checks if not ratelimit.hit(name, subject)), None
            )
        elif Registration.objects.filter(idempotency_token=token).exists():
            limited = None  # a resent form is answered below, never refused
        else:
            # Counted once per token: none of forty identical sendings is "too many".
            limited = ratelimit.hit_once(f"mesas:register:{token}", checks)
        if limited:
            window = ratelimit.limit_for(limited)[1]
            form.add_error(
                None,
                _(
                    "Se recibieron demasiadas inscripciones desde aquí. Vuelva a intentarlo en "
                    "%(minutes)s minutos."
                )
                % {"minutes": max(window // 60, 1)},
            )
            response = _register_page(request, mesa, form=form, status=429)
            response["Retry-After"] = str(window)
            return response
        try:
            registration = services.registration_create(
                actor=request.user,
                mesa=mesa,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                user=request.user if request.user.is_authenticated else None,
                idempotency_token=token,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session[SESSION_REGISTERED] = registration.pk
            return redirect("mesas:registered", pk=mesa.pk)
    return _register_page(request, mesa, form=form, status=400)


@require_GET
def mesa_registered(request, pk: int):
    registration_id = request.session.get(SESSION_REGISTERED)
    registration = (
        Registration.objects.select_related("mesa").filter(pk=registration_id, mesa_id=pk).first()
        if registration_id
        else None
    )
    if registration is None:
        return redirect("mesas:detail", pk=pk)
    return _private(
        render(
            request,
            "mesas/registered.html",
            {"registration": registration, "mesa": registration.mesa},
        )
    )


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token: str):
    registration = services.registration_from_token(token)
    if registration is None:
        return _private(render(request, "mesas/cancel_invalid.html", status=400))
    error = ""
    if request.method == "POST":
        try:
            services.registration_cancel(actor=request.user, registration=registration)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return _private(render(request, "mesas/cancel_done.html", {"mesa": registration.mesa}))
    return _private(
        render(
            request,
            "mesas/cancel_confirm.html",
            {
                "registration": registration,
                "mesa": registration.mesa,
                "error": error,
                "refusal": services.registration_refusal(registration.mesa),
            },
            status=400 if error else 200,
        )
    )


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def mesa_ics(request, pk: int):
    mesa = get_object_or_404(Mesa, pk=pk)
    return _ics_response(ical.calendar([mesa], name=mesa.title), f"mesa-{mesa.pk}.ics")


@require_GET
def plan_ics(request, slug: str):
    plan = get_object_or_404(ActionPlan, slug=slug)
    body = ical.calendar(
        selectors.plan_feed_mesas(plan), name=_("Mesas de cocreación: %(plan)s") % {"plan": plan}
    )
    return _ics_response(body, f"mesas-{plan.slug}.ics")


@require_GET
def minutes_file(request, pk: int):
    mesa = selectors.mesa_detail(pk)
    minutes = getattr(mesa, "minutes", None) if mesa else None
    if minutes is None or not minutes.signed_file:
        raise Http404
    return FileResponse(
        minutes.signed_file.open("rb"),
        as_attachment=True,
        filename=f"acta-mesa-{mesa.pk}.pdf",
        content_type="application/pdf",
    )


@require_GET
@shared_page
def participation(request, slug: str):
    plan = get_object_or_404(ActionPlan, slug=slug)
    stats = selectors.participation_stats(plan)
    return render(
        request,
        "mesas/participation.html",
        {"plan": plan, "stats": stats, "mesas_url": reverse("mesas:list") + f"?plan={plan.slug}"},
    )

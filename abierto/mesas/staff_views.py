"""Back office of mesas (/gestion/mesas/).

The Grupo Núcleo convenes, edits and cancels mesas and assigns facilitators; a facilitator
sees and manages only the mesas assigned to them (``mesas.manage_mesa``): check-in,
voluntary profiles, the list of registrations, marking the mesa held and its minutes.
"""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from abierto.core.forms import add_service_errors
from abierto.core.permissions import allowed, permission_required

from . import selectors, services
from .forms import (
    CancelMesaForm,
    CheckInSearchForm,
    FacilitatorsForm,
    MesaForm,
    MinutesForm,
    ProfileForm,
)
from .models import Attendance, Mesa, Registration


def _mesa(request, pk: int, **kwargs) -> Mesa:
    return get_object_or_404(Mesa, pk=pk)


manage_required = permission_required("mesas.manage_mesa", fn=_mesa)
convene_required = permission_required("mesas.convene_mesa")
convene_mesa_required = permission_required("mesas.convene_mesa", fn=_mesa)


@permission_required("mesas.view_staff_section")
def index(request):
    return render(
        request,
        "mesas/staff/index.html",
        {
            "mesas": list(selectors.staff_mesas(request.user)),
            "may_convene": allowed(request.user, "mesas.convene_mesa"),
        },
    )


@convene_required
@require_http_methods(["GET", "POST"])
def mesa_new(request):
    form = MesaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mesa = services.mesa_create(
                actor=request.user,
                organizers=form.cleaned_data["organizers"],
                supporters=form.cleaned_data["supporters"],
                **form.service_data(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Mesa convocada. Asigne ahora su equipo de facilitación."))
            return redirect("staff:mesas_facilitators", pk=mesa.pk)
    return render(request, "mesas/staff/form.html", {"form": form, "title": _("Convocar una mesa")})


@convene_mesa_required
@require_http_methods(["GET", "POST"])
def mesa_edit(request, pk: int):
    mesa = get_object_or_404(Mesa, pk=pk)
    form = MesaForm(request.POST or None, instance=mesa)
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.mesa_update(
                actor=request.user,
                mesa=mesa,
                data=form.service_data(),
                organizers=form.cleaned_data["organizers"],
                supporters=form.cleaned_data["supporters"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Cambios guardados.") if changes else _("No había nada que cambiar.")
            )
            return redirect("staff:mesas_manage", pk=mesa.pk)
    return render(
        request,
        "mesas/staff/form.html",
        {"form": form, "mesa": mesa, "title": _("Editar la mesa")},
    )


@convene_mesa_required
@require_http_methods(["GET", "POST"])
def mesa_facilitators(request, pk: int):
    mesa = get_object_or_404(Mesa, pk=pk)
    form = FacilitatorsForm(
        request.POST or None, initial={"facilitators": list(mesa.facilitators.all())}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mesa_set_facilitators(
                actor=request.user, mesa=mesa, facilitators=form.cleaned_data["facilitators"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Equipo de facilitación guardado."))
            return redirect("staff:mesas_manage", pk=mesa.pk)
    return render(
        request,
        "mesas/staff/form.html",
        {"form": form, "mesa": mesa, "title": _("Equipo de facilitación")},
    )


@convene_mesa_required
@require_http_methods(["GET", "POST"])
def mesa_cancel(request, pk: int):
    mesa = get_object_or_404(Mesa, pk=pk)
    form = CancelMesaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mesa_cancel(actor=request.user, mesa=mesa, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Mesa cancelada; avisamos por correo a las personas inscritas.")
            )
            return redirect("staff:mesas_manage", pk=mesa.pk)
    return render(
        request,
        "mesas/staff/form.html",
        {
            "form": form,
            "mesa": mesa,
            "title": _("Cancelar la mesa"),
            "submit": _("Cancelar la mesa"),
        },
    )


@manage_required
def mesa_manage(request, pk: int):
    mesa = get_object_or_404(
        Mesa.objects.select_related("plan", "theme").prefetch_related("facilitators"), pk=pk
    )
    registrations = list(selectors.registrations_for(mesa))
    return render(
        request,
        "mesas/staff/manage.html",
        {
            "mesa": mesa,
            "registrations": registrations,
            "confirmed": sum(1 for r in registrations if r.status == "confirmada"),
            "waiting": sum(1 for r in registrations if r.status == "en-espera"),
            "attendance_count": mesa.attendances.count(),
            "may_convene": allowed(request.user, "mesas.convene_mesa"),
            "has_started": mesa.starts_at <= timezone.now(),
            "minutes": getattr(mesa, "minutes", None),
        },
    )


@manage_required
@require_POST
def mesa_held(request, pk: int):
    mesa = get_object_or_404(Mesa, pk=pk)
    try:
        services.mesa_mark_held(actor=request.user, mesa=mesa)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("La mesa quedó registrada como realizada."))
    return redirect("staff:mesas_manage", pk=mesa.pk)


@manage_required
def registrations_csv(request, pk: int):
    """The registrations of one mesa, for its facilitators: personal data, never public."""
    mesa = get_object_or_404(Mesa, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inscripciones-mesa-{mesa.pk}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["codigo", "nombre", "correo", "estado", "inscrita_el", "asistio"])
    for registration in selectors.registrations_for(mesa):
        writer.writerow(
            [
                registration.display_code,
                _csv_safe(registration.name),
                _csv_safe(registration.email),
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                _("sí") if hasattr(registration, "attendance") else _("no"),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@manage_required
@require_http_methods(["GET", "POST"])
def checkin(request, pk: int):
    """Phone-sized: search by name or code, check in, or add a walk-in; then the profile."""
    mesa = get_object_or_404(Mesa, pk=pk)
    form = CheckInSearchForm(request.GET or None)
    results = []
    if form.is_valid():
        results = selectors.find_registrations(mesa, form.cleaned_data["q"])
    if request.method == "POST":
        registration = None
        if request.POST.get("accion") == "inscripcion":
            raw = request.POST.get("inscripcion") or ""
            pk = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else 0
            registration = Registration.objects.filter(pk=pk, mesa=mesa).first()
            if registration is None:
                messages.error(request, _("No encontramos esa inscripción en esta mesa."))
                return redirect("staff:mesas_checkin", pk=mesa.pk)
        try:
            attendance = services.attendance_check_in(
                actor=request.user, mesa=mesa, registration=registration
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("staff:mesas_checkin", pk=mesa.pk)
        messages.success(request, _("Asistencia registrada."))
        return redirect("staff:mesas_profile", pk=mesa.pk, attendance_pk=attendance.pk)
    return render(
        request,
        "mesas/staff/checkin.html",
        {
            "mesa": mesa,
            "form": form,
            "results": results,
            "searched": form.is_valid() and bool(form.cleaned_data["q"]),
            "attendance_count": mesa.attendances.count(),
        },
    )


@manage_required
@require_http_methods(["GET", "POST"])
def profile(request, pk: int, attendance_pk: int):
    mesa = get_object_or_404(Mesa, pk=pk)
    attendance = get_object_or_404(Attendance, pk=attendance_pk, mesa=mesa)
    if attendance.profile_done:
        messages.info(request, _("Los datos voluntarios de esta asistencia ya se registraron."))
        return redirect("staff:mesas_checkin", pk=mesa.pk)
    form = ProfileForm(request.POST or None)
    if request.method == "POST":
        skip = "omitir" in request.POST
        if skip or form.is_valid():
            answers = {} if skip else {k: v or "" for k, v in form.cleaned_data.items()}
            try:
                services.attendee_profile_record(
                    actor=request.user, attendance=attendance, **answers
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("Sin datos voluntarios: listo.")
                    if skip
                    else _("Datos voluntarios guardados."),
                )
            return redirect("staff:mesas_checkin", pk=mesa.pk)
    return render(
        request, "mesas/staff/profile.html", {"mesa": mesa, "form": form, "attendance": attendance}
    )


@manage_required
@require_http_methods(["GET", "POST"])
def minutes(request, pk: int):
    mesa = get_object_or_404(Mesa, pk=pk)
    current = getattr(mesa, "minutes", None)
    initial = {}
    if current is not None:
        initial = {
            "agenda": current.agenda,
            "summary": current.summary,
            "agreements": current.agreements,
            "attendee_count": current.attendee_count,
            "organization_count": current.organization_count,
        }
    else:
        initial = {"attendee_count": mesa.attendances.count()}
    form = MinutesForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(actor=request.user, mesa=mesa, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Acta guardada y publicada en la página de la mesa."))
            return redirect("staff:mesas_manage", pk=mesa.pk)
    return render(
        request,
        "mesas/staff/form.html",
        {
            "form": form,
            "mesa": mesa,
            "title": _("Acta de la mesa"),
            "multipart": True,
            "current_file": current.signed_file if current else None,
        },
    )

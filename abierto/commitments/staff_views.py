"""Back office of commitments (/gestion/compromisos/).

Liaisons see only their organisation's commitments (lead or support) and report on them;
the Grupo Núcleo edits sheets, runs the lifecycle, verifies evidence, answers the consultation
and enters IRM assessments. Every permission is a rule in ``rules.py``; services check again.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from abierto.core.forms import add_service_errors
from abierto.core.permissions import allowed, permission_required

from . import forms, selectors, services
from .irm_import import import_irm_csv
from .models import (
    TRANSITIONS,
    Commitment,
    CommitmentActor,
    ConsultationComment,
    Evidence,
    Indicator,
    Milestone,
    Status,
)


def _commitment(request, pk: int, **kwargs) -> Commitment:
    return get_object_or_404(Commitment.objects.prefetch_related("actors"), pk=pk)


def _milestone_commitment(request, pk: int, **kwargs) -> Commitment:
    milestone = get_object_or_404(Milestone.objects.select_related("commitment"), pk=pk)
    return milestone.commitment


def _indicator_commitment(request, pk: int, **kwargs) -> Commitment:
    indicator = get_object_or_404(Indicator.objects.select_related("commitment"), pk=pk)
    return indicator.commitment


def _evidence_commitment(request, pk: int, **kwargs) -> Commitment:
    evidence = get_object_or_404(Evidence.objects.select_related("milestone__commitment"), pk=pk)
    return evidence.milestone.commitment


def _manage_url(commitment: Commitment) -> str:
    return reverse("staff:commitments_manage", args=[commitment.pk])


def _form_page(
    request: HttpRequest,
    *,
    form,
    title: str,
    save: Callable,
    done_url: str,
    done_message: str,
    commitment: Commitment | None = None,
    intro: str = "",
) -> HttpResponse:
    """Render ``form``; on a valid POST call ``save(cleaned_data)`` and go to ``done_url``.

    A service's ``ValidationError`` lands on the form, and what was typed stays.
    """
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done_message)
            return redirect(done_url)
    return render(
        request,
        "commitments/staff/form.html",
        {
            "form": form,
            "title": title,
            "commitment": commitment,
            "intro": intro,
            "cancel_url": _manage_url(commitment) if commitment else done_url,
        },
    )


# --- index and the commitment's page -------------------------------------------------------


@permission_required("commitments.view_staff_section")
def index(request: HttpRequest) -> HttpResponse:
    is_forum = allowed(request.user, "commitments.manage")
    context: dict = {"is_forum": is_forum}
    if is_forum:
        context["commitments"] = selectors.staff_commitments()
        context["queue"] = selectors.evidence_queue()
    if request.user.organization_id:
        context["desk"] = selectors.liaison_desk(user=request.user)
        context["organization"] = request.user.organization
    return render(request, "commitments/staff/index.html", context)


def _may_see(user, commitment: Commitment) -> bool:
    return (
        allowed(user, "commitments.manage")
        or allowed(user, "commitments.report_on", commitment)
        or allowed(user, "commitments.verify_evidence", commitment)
    )


@permission_required("commitments.view_staff_section")
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.staff_commitment(pk=pk)
    if commitment is None:
        raise Http404
    if not _may_see(request.user, commitment):
        raise PermissionDenied
    return render(
        request,
        "commitments/staff/manage.html",
        {
            "commitment": commitment,
            "may_manage": allowed(request.user, "commitments.manage"),
            "may_report": allowed(request.user, "commitments.report_on", commitment),
            "may_verify": allowed(request.user, "commitments.verify_evidence", commitment),
            "next_statuses": [Status(s) for s in sorted(TRANSITIONS[commitment.status])],
            "transition_form": forms.TransitionForm(),
        },
    )


# --- Grupo Núcleo: sheets, actors, milestones, indicators, lifecycle ------------------------


@permission_required("commitments.manage")
def create(request: HttpRequest) -> HttpResponse:
    form = forms.NewCommitmentForm(request.POST or None)
    created: dict = {}

    def save(data):
        plan = data.pop("plan")
        created["commitment"] = services.commitment_create(actor=request.user, plan=plan, data=data)

    response = _form_page(
        request,
        form=form,
        title=_("Nuevo compromiso"),
        save=save,
        done_url=reverse("staff:commitments_index"),
        done_message=_("Compromiso registrado como borrador."),
    )
    if "commitment" in created:
        return redirect(_manage_url(created["commitment"]))
    return response


@permission_required("commitments.manage")
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment, pk=pk)
    form = forms.CommitmentForm(request.POST or None, instance=commitment)
    if request.method == "POST":
        # The service applies the changes; the form must not touch the instance itself.
        commitment = Commitment.objects.get(pk=pk)
    return _form_page(
        request,
        form=form,
        title=_("Editar la ficha de %(code)s") % {"code": commitment.code},
        save=lambda data: services.commitment_update(
            actor=request.user, commitment=commitment, data=data
        ),
        done_url=_manage_url(commitment),
        done_message=_("Ficha guardada."),
        commitment=commitment,
    )


@permission_required("commitments.manage")
def reprogram(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment, pk=pk)
    form = forms.ReprogramForm(request.POST or None, instance=commitment)
    if request.method == "POST":
        commitment = Commitment.objects.get(pk=pk)

    def save(data):
        justification = data.pop("justification")
        services.commitment_reprogram(
            actor=request.user, commitment=commitment, data=data, justification=justification
        )

    return _form_page(
        request,
        form=form,
        title=_("Reprogramar %(code)s") % {"code": commitment.code},
        intro=_(
            "La ficha actual se guarda como versión anterior, legible y comparable; la "
            "justificación se publica."
        ),
        save=save,
        done_url=_manage_url(commitment),
        done_message=_("Compromiso reprogramado: la versión anterior sigue publicada."),
        commitment=commitment,
    )


@require_POST
@permission_required("commitments.manage")
def from_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    """The round page's «Crear el compromiso borrador»: back to the round, or to the draft."""
    from abierto.evaluation.models import CandidateGroup

    candidate = get_object_or_404(CandidateGroup.objects.select_related("round"), pk=pk)
    back = reverse("staff:evaluation_round", args=[candidate.round_id])
    form = forms.FromCandidateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Escriba el código del compromiso, por ejemplo EC0016."))
        return redirect(back)
    try:
        commitment = services.commitment_from_candidate(
            actor=request.user, candidate=candidate, code=form.cleaned_data["code"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(
        request,
        _("Compromiso %(code)s creado en borrador: complete su ficha.") % {"code": commitment.code},
    )
    return redirect(_manage_url(commitment))


@require_POST
@permission_required("commitments.manage")
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment, pk=pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["status"] not in Status.values:
        messages.error(request, _("Revise el enlace al acta: no es una dirección válida."))
        return redirect(_manage_url(commitment))
    try:
        services.commitment_transition(
            actor=request.user,
            commitment=commitment,
            status=form.cleaned_data["status"],
            acta_url=form.cleaned_data["acta_url"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Estado cambiado a «%(status)s».") % {"status": commitment.get_status_display()},
        )
    return redirect(_manage_url(commitment))


@permission_required("commitments.manage")
def actor_add(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment, pk=pk)
    return _form_page(
        request,
        form=forms.ActorForm(request.POST or None),
        title=_("Añadir un actor a %(code)s") % {"code": commitment.code},
        save=lambda data: services.actor_add(actor=request.user, commitment=commitment, **data),
        done_url=_manage_url(commitment),
        done_message=_("Actor añadido."),
        commitment=commitment,
    )


@require_POST
@permission_required("commitments.manage")
def actor_remove(request: HttpRequest, pk: int, actor_pk: int) -> HttpResponse:
    row = get_object_or_404(CommitmentActor, pk=actor_pk, commitment_id=pk)
    services.actor_remove(actor=request.user, row=row)
    messages.success(request, _("Actor retirado."))
    return redirect(reverse("staff:commitments_manage", args=[pk]))


@permission_required("commitments.manage")
def milestone_edit(request: HttpRequest, pk: int, milestone_pk: int | None = None) -> HttpResponse:
    commitment = get_object_or_404(Commitment, pk=pk)
    milestone = (
        get_object_or_404(Milestone, pk=milestone_pk, commitment=commitment)
        if milestone_pk
        else None
    )
    form = forms.MilestoneForm(request.POST or None, instance=milestone)
    if milestone is not None and request.method == "POST":
        milestone = Milestone.objects.select_related("commitment").get(pk=milestone_pk)

    def save(data):
        if milestone is None:
            services.milestone_create(actor=request.user, commitment=commitment, data=data)
        else:
            services.milestone_update(actor=request.user, milestone=milestone, data=data)

    return _form_page(
        request,
        form=form,
        title=_("Nuevo hito") if milestone is None else _("Editar hito"),
        save=save,
        done_url=_manage_url(commitment),
        done_message=_("Hito guardado."),
        commitment=commitment,
    )


@permission_required("commitments.manage")
def proposals_link(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment, pk=pk)
    return _form_page(
        request,
        form=forms.LinkProposalsForm(request.POST or None, commitment=commitment),
        title=_("Propuestas de origen de %(code)s") % {"code": commitment.code},
        save=lambda data: services.commitment_link_proposals(
            actor=request.user, commitment=commitment, proposals=data["proposals"]
        ),
        done_url=_manage_url(commitment),
        done_message=_("Propuestas de origen vinculadas."),
        commitment=commitment,
    )


@permission_required("commitments.manage")
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment, pk=pk)
    return _form_page(
        request,
        form=forms.IndicatorForm(request.POST or None),
        title=_("Nuevo indicador de %(code)s") % {"code": commitment.code},
        save=lambda data: services.indicator_create(
            actor=request.user, commitment=commitment, data=data
        ),
        done_url=_manage_url(commitment),
        done_message=_("Indicador guardado."),
        commitment=commitment,
    )


@permission_required("commitments.manage")
def comment_answer(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(ConsultationComment.objects.select_related("commitment"), pk=pk)
    return _form_page(
        request,
        form=forms.AnswerForm(request.POST or None, initial={"answer": comment.answer}),
        title=_("Responder un comentario de la consulta"),
        intro=comment.body,
        save=lambda data: services.comment_answer(
            actor=request.user, comment=comment, answer=data["answer"]
        ),
        done_url=_manage_url(comment.commitment),
        done_message=_("Respuesta publicada."),
        commitment=comment.commitment,
    )


# --- IRM -----------------------------------------------------------------------------------


@permission_required("commitments.manage")
def irm_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment, pk=pk)
    current = getattr(commitment, "irm_assessment", None)
    initial = {}
    if current is not None:
        initial = {field: getattr(current, field) for field in services.IRM_FIELDS}
    return _form_page(
        request,
        form=forms.IRMForm(request.POST or None, initial=initial),
        title=_("Evaluación del IRM de %(code)s") % {"code": commitment.code},
        save=lambda data: services.irm_save(actor=request.user, commitment=commitment, data=data),
        done_url=_manage_url(commitment),
        done_message=_("Evaluación del IRM guardada."),
        commitment=commitment,
    )


@permission_required("commitments.manage")
def irm_import(request: HttpRequest) -> HttpResponse:
    form = forms.IRMImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        result = import_irm_csv(actor=request.user, upload=form.cleaned_data["file"])
        if result.ok:
            messages.success(
                request,
                _("Se importaron %(n)s evaluaciones del IRM.") % {"n": result.imported},
            )
            return redirect("staff:commitments_index")
        problems = result.problems
    return render(
        request,
        "commitments/staff/irm_import.html",
        {"form": form, "problems": problems},
    )


# --- reporting (liaisons of the lead or supporting institutions) ----------------------------


@permission_required("commitments.report_on", fn=_commitment)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment(request, pk)
    return _form_page(
        request,
        form=forms.ProgressReportForm(request.POST or None),
        title=_("Reporte de avance de %(code)s") % {"code": commitment.code},
        save=lambda data: services.report_submit(actor=request.user, commitment=commitment, **data),
        done_url=_manage_url(commitment),
        done_message=_("Reporte de avance enviado."),
        commitment=commitment,
    )


@permission_required("commitments.report_on", fn=_milestone_commitment)
def milestone_progress(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("commitment"), pk=pk)
    return _form_page(
        request,
        form=forms.MilestoneProgressForm(
            request.POST or None, initial={"progress": milestone.progress}
        ),
        title=_("Avance del hito «%(name)s»") % {"name": milestone.deliverable},
        save=lambda data: services.milestone_report_progress(
            actor=request.user, milestone=milestone, progress=data["progress"]
        ),
        done_url=_manage_url(milestone.commitment),
        done_message=_("Avance del hito guardado."),
        commitment=milestone.commitment,
    )


@permission_required("commitments.report_on", fn=_milestone_commitment)
def evidence_submit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("commitment"), pk=pk)
    form = forms.EvidenceForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        form=form,
        title=_("Evidencia del hito «%(name)s»") % {"name": milestone.deliverable},
        intro=_(
            "La evidencia queda pendiente hasta que el Grupo Núcleo la verifique; solo entonces "
            "cuenta para dar el hito por cumplido y el archivo se publica."
        ),
        save=lambda data: services.evidence_submit(
            actor=request.user,
            milestone=milestone,
            description=data["description"],
            upload=data["file"],
            url=data["url"],
        ),
        done_url=_manage_url(milestone.commitment),
        done_message=_("Evidencia enviada: queda pendiente de verificación."),
        commitment=milestone.commitment,
    )


@permission_required("commitments.report_on", fn=_indicator_commitment)
def measurement(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("commitment__plan"), pk=pk)
    return _form_page(
        request,
        form=forms.MeasurementForm(request.POST or None),
        title=_("Medición de «%(name)s»") % {"name": indicator.name},
        save=lambda data: services.measurement_record(
            actor=request.user, indicator=indicator, **data
        ),
        done_url=_manage_url(indicator.commitment),
        done_message=_("Medición guardada."),
        commitment=indicator.commitment,
    )


# --- evidence verification -----------------------------------------------------------------


@permission_required("commitments.manage")
def evidence_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request, "commitments/staff/evidence_queue.html", {"queue": selectors.evidence_queue()}
    )


@permission_required("commitments.verify_evidence", fn=_evidence_commitment)
def evidence_review(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("milestone__commitment"), pk=pk)
    reject_form = forms.RejectForm(
        request.POST if request.POST.get("decision") == "rechazar" else None
    )
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "verificar":
                services.evidence_verify(actor=request.user, evidence=evidence)
                messages.success(request, _("Evidencia verificada."))
                return redirect(_manage_url(evidence.milestone.commitment))
            if reject_form.is_valid():
                services.evidence_reject(
                    actor=request.user, evidence=evidence, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(request, _("Evidencia rechazada; la institución verá el motivo."))
                return redirect(_manage_url(evidence.milestone.commitment))
        except ValidationError as exc:
            add_service_errors(reject_form, exc)
    return render(
        request,
        "commitments/staff/evidence_review.html",
        {"evidence": evidence, "form": reject_form, "commitment": evidence.milestone.commitment},
    )

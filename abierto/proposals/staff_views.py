"""Back office for proposals (/gestion/propuestas/): queue, entry on behalf, decisions."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from abierto.core.forms import add_service_errors
from abierto.core.permissions import allowed, permission_required
from abierto.plans.models import ActionPlan

from . import selectors, services
from .filters import StaffQueueFilter
from .forms import (
    BulkActionForm,
    CorrectionForm,
    DecisionForm,
    HideForm,
    PlanChoiceForm,
    ReopenForm,
    ReportReviewForm,
    StaffProposalForm,
)
from .models import DECISION_STATUSES, Attachment, Channel, Proposal, Status

#: The tracking code of a paper or mesa proposal just entered, kept for one display of its
#: receipt: ``{"id": pk, "code": "ABCD-..."}``. Staff never see a code anywhere else.
SESSION_RECEIPT = "proposals:receipt"


@permission_required("proposals.view_queue")
def queue(request):
    params = StaffQueueFilter(request.GET)
    filters = params.selector_filters()
    looking_up = request.method == "POST" and request.POST.get("accion") == "codigo"
    if looking_up or request.GET.get("codigo"):
        # A code a citizen reads out opens their proposal and is never written back on a
        # page (nor in a link: the form posts it; an old ``?codigo=`` link is redirected).
        raw = request.POST.get("codigo", "") if looking_up else request.GET["codigo"]
        found = selectors.proposal_by_code(raw)
        if found is not None and allowed(request.user, "proposals.view_staff", found):
            return redirect("staff:proposals_manage", pk=found.pk)
        messages.error(
            request, _("Ninguna propuesta tiene ese código. Revise cómo se lo dictaron.")
        )
        return redirect("staff:proposals_queue")
    if request.method == "POST":
        if not allowed(request.user, "proposals.decide"):
            raise PermissionDenied
        bulk = BulkActionForm(request.POST)
        if bulk.is_valid():
            moved = services.proposal_bulk_transition(
                actor=request.user,
                proposals=bulk.cleaned_data["ids"],
                to_status=bulk.cleaned_data["to_status"],
            )
            skipped = len(bulk.cleaned_data["ids"]) - moved
            messages.success(
                request,
                _(
                    "%(moved)s propuestas cambiaron de estado; "
                    "%(skipped)s no podían pasar a ese estado."
                )
                % {"moved": moved, "skipped": skipped},
            )
        else:
            for error in bulk.errors.values():
                messages.error(request, " ".join(error))
        return redirect(request.get_full_path())
    paginator = Paginator(selectors.staff_queue(filters, user=request.user), 50)
    page = paginator.get_page(params.cleaned["pagina"])
    query = request.GET.copy()
    query.pop("pagina", None)

    return render(
        request,
        "proposals/staff/queue.html",
        {
            "page": page,
            "filters": filters,
            "plans": ActionPlan.objects.order_by("-number"),
            "Status": Status,
            "Channel": Channel,
            "can_decide": allowed(request.user, "proposals.decide"),
            "bulk_statuses": [
                (Status.IN_REVIEW, Status.IN_REVIEW.label),
                (Status.IN_EVALUATION, Status.IN_EVALUATION.label),
            ],
            "base_query": query.urlencode(),
            "ignored": params.ignored,
        },
    )


@permission_required("proposals.enter")
def proposal_enter(request):
    """Enter a proposal received at a mesa or on paper, on the proposer's behalf."""
    chooser = PlanChoiceForm(request.GET or None)
    plan = chooser.cleaned_data["plan"] if chooser.is_valid() else None
    if plan is None:
        stage = selectors.open_proposal_stage()
        plan = stage.plan if stage else ActionPlan.objects.order_by("-number").first()
    if plan is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = StaffProposalForm(request.POST, request.FILES, plan=plan)
        if form.is_valid():
            try:
                proposal, created = services.proposal_submit(
                    actor=request.user,
                    plan=plan,
                    channel=form.cleaned_data["channel"],
                    attachments=form.cleaned_data["attachments"],
                    idempotency_token=form.cleaned_data["token"],
                    **form.proposal_data(),
                )
            except ValidationError as exc:
                if exc.code == "token_reused":
                    # Someone else's entry used this form: a fresh token, the text kept.
                    data = request.POST.copy()
                    data["token"] = str(uuid.uuid4())
                    form = StaffProposalForm(data, request.FILES, plan=plan)
                    form.is_valid()
                    status = 409
                else:
                    status = 400
                add_service_errors(form, exc)
            else:
                if created:
                    request.session[SESSION_RECEIPT] = {
                        "id": proposal.pk,
                        "code": proposal.display_code,
                    }
                pending = request.session.get(SESSION_RECEIPT) or {}
                if pending.get("id") == proposal.pk:
                    # Also after a double click: the receipt not yet shown is shown now.
                    return redirect("staff:proposals_receipt", pk=proposal.pk)
                messages.info(request, _("Esta propuesta ya estaba registrada."))
                return redirect("staff:proposals_manage", pk=proposal.pk)
        else:
            status = 400
    else:
        form = StaffProposalForm(plan=plan)
    return render(
        request,
        "proposals/staff/enter.html",
        {
            "form": form,
            "plan": plan,
            "chooser": PlanChoiceForm(initial={"plan": plan}),
        },
        status=status,
    )


def _staff_proposal(request, pk: int) -> Proposal:
    proposal = selectors.staff_proposal(pk=pk)
    if proposal is None:
        raise Http404
    return proposal


@never_cache
@permission_required("proposals.view_staff", fn=_staff_proposal)
def proposal_receipt(request, pk: int):
    """The printable receipt of a paper or mesa proposal: its code, shown this once.

    The code comes from the session (never from the URL) and is removed as it is shown; a
    reload or a colleague opening the address reads that it can no longer be seen.
    """
    proposal = _staff_proposal(request, pk)
    receipt = request.session.get(SESSION_RECEIPT)
    code = None
    if receipt and receipt.get("id") == proposal.pk:
        code = receipt["code"]
        del request.session[SESSION_RECEIPT]
    response = render(
        request,
        "proposals/staff/receipt.html",
        {
            "proposal": proposal,
            "code": code,
            "code_groups": code.split("-") if code else [],
            "status_url": settings.ABIERTO_SITE_URL + reverse("proposals:status"),
        },
    )
    return _private(response)


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store, private"
    return response


@permission_required("proposals.view_staff", fn=_staff_proposal)
def proposal_manage(request, pk: int):
    proposal = _staff_proposal(request, pk)
    decision = DecisionForm(proposal=proposal)
    correction = CorrectionForm(initial={"response_text": proposal.response_text})
    reopen = ReopenForm()
    hide = HideForm()
    if request.method == "POST":
        if not allowed(request.user, "proposals.decide"):
            raise PermissionDenied
        action = request.POST.get("accion")
        form = None
        try:
            if action == "decidir":
                form = decision = DecisionForm(request.POST, proposal=proposal)
                if decision.is_valid():
                    data = decision.cleaned_data
                    if decision.is_decision:
                        services.proposal_decide(
                            actor=request.user,
                            proposal=proposal,
                            to_status=data["to_status"],
                            response_text=data["response_text"],
                            merged_into=decision.merge_target(),
                        )
                        messages.success(
                            request,
                            _("Decisión guardada y publicada con su respuesta razonada."),
                        )
                    else:
                        services.proposal_transition(
                            actor=request.user, proposal=proposal, to_status=data["to_status"]
                        )
                        messages.success(request, _("Estado actualizado."))
                    return redirect("staff:proposals_manage", pk=pk)
            elif action == "corregir":
                form = correction = CorrectionForm(request.POST)
                if correction.is_valid():
                    data = correction.cleaned_data
                    services.proposal_correct(
                        actor=request.user,
                        proposal=proposal,
                        to_status=data["to_status"],
                        response_text=data["response_text"],
                        reason=data["reason"],
                        merged_into=correction.merge_target(),
                    )
                    messages.success(request, _("Decisión corregida; el motivo es público."))
                    return redirect("staff:proposals_manage", pk=pk)
            elif action == "reabrir":
                form = reopen = ReopenForm(request.POST)
                if reopen.is_valid():
                    services.proposal_reopen(
                        actor=request.user, proposal=proposal, reason=reopen.cleaned_data["reason"]
                    )
                    messages.success(request, _("La propuesta vuelve a estar en evaluación."))
                    return redirect("staff:proposals_manage", pk=pk)
            elif action == "ocultar":
                form = hide = HideForm(request.POST)
                if hide.is_valid():
                    services.proposal_hide(
                        actor=request.user, proposal=proposal, reason=hide.cleaned_data["reason"]
                    )
                    messages.success(
                        request, _("La propuesta ya no aparece en las páginas públicas.")
                    )
                    return redirect("staff:proposals_manage", pk=pk)
            elif action == "mostrar":
                proposal = services.proposal_unhide(actor=request.user, proposal=proposal)
                if proposal.held_for_check:
                    messages.success(
                        request,
                        _("Moderación levantada; se publicará cuando sea admitida."),
                    )
                else:
                    messages.success(request, _("La propuesta vuelve a ser pública."))
                return redirect("staff:proposals_manage", pk=pk)
        except ValidationError as exc:
            add_service_errors(form if form is not None else decision, exc)
            if action in {"corregir", "reabrir"} and proposal.status not in DECISION_STATUSES:
                # Those forms are not on the page for an open or withdrawn proposal.
                messages.error(request, " ".join(exc.messages))
        proposal = selectors.staff_proposal(pk=pk) or proposal
    return render(
        request,
        "proposals/staff/manage.html",
        {
            "proposal": proposal,
            "decision": decision,
            "correction": correction,
            "reopen": reopen,
            "hide": hide,
            "can_decide": allowed(request.user, "proposals.decide"),
            "is_decided": proposal.status in DECISION_STATUSES,
            "timeline": selectors.proposal_timeline(proposal),
        },
        status=400 if request.method == "POST" else 200,
    )


def _attachment(request, pk: int) -> Attachment:
    attachment = Attachment.objects.select_related("proposal").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment


@permission_required(
    "proposals.view_attachments", fn=lambda request, pk: _attachment(request, pk).proposal
)
def attachment_download(request, pk: int):
    """Private files go out only here, to staff, as downloads (never rendered inline)."""
    attachment = _attachment(request, pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name or f"adjunto.{attachment.extension}",
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Reports («Denunciar») -------------------------------------------------------------------


@permission_required("proposals.moderate")
def reports(request):
    """Proposals with reports waiting for review (hidden ones first)."""
    rows = list(selectors.reported_proposals()[:200])
    return _private(render(request, "proposals/staff/reports.html", {"rows": rows}))


def _reported(request, pk: int) -> Proposal:
    proposal = selectors.staff_proposal(pk=pk)
    if proposal is None:
        raise Http404
    return proposal


@permission_required("proposals.moderate", fn=_reported)
def report_review(request, pk: int):
    """The reports of one proposal; publish it again or keep it hidden with a reason."""
    proposal = _reported(request, pk)
    form = ReportReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        restore = form.cleaned_data["decision"] == "restaurar"
        try:
            services.reports_review(
                actor=request.user,
                proposal=proposal,
                restore=restore,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            done = (
                _("Denuncias revisadas: la propuesta vuelve a publicarse.")
                if restore
                else _("Denuncias revisadas: sigue oculta; se avisó a quien la propuso.")
            )
            messages.success(request, done)
            return redirect("staff:proposals_reports")
    return _private(
        render(
            request,
            "proposals/staff/report_review.html",
            {"proposal": proposal, "form": form, "reports": selectors.report_reasons(proposal)},
            status=400 if request.method == "POST" else 200,
        )
    )

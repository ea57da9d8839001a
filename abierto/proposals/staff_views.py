"""Back office for proposals (/gestion/propuestas/): queue, entry on behalf, decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from abierto.core.forms import add_service_errors
from abierto.core.permissions import allowed, permission_required
from abierto.plans.models import ActionPlan

from . import selectors, services
from .forms import BulkActionForm, DecisionForm, HideForm, PlanChoiceForm, StaffProposalForm
from .models import Attachment, Channel, Proposal, Status


@permission_required("proposals.view_queue")
def queue(request):
    filters = {
        name: request.GET.get(name, "").strip()
        for name in (*selectors.FILTER_FIELDS, "q", "oculta", "codigo")
    }
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
    page = paginator.get_page(request.GET.get("pagina"))
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
    if request.method == "POST":
        form = StaffProposalForm(request.POST, request.FILES, plan=plan)
        if form.is_valid():
            proposal, _created = services.proposal_submit(
                actor=request.user,
                plan=plan,
                channel=form.cleaned_data["channel"],
                attachments=form.cleaned_data["attachments"],
                idempotency_token=form.cleaned_data["token"],
                **form.proposal_data(),
            )
            messages.success(
                request,
                _(
                    "Propuesta registrada. Código de seguimiento para "
                    "entregar a la persona: %(code)s"
                )
                % {"code": proposal.display_code},
            )
            return redirect("staff:proposals_manage", pk=proposal.pk)
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
    )


def _staff_proposal(request, pk: int) -> Proposal:
    proposal = selectors.staff_proposal(pk=pk)
    if proposal is None:
        raise Http404
    return proposal


@permission_required("proposals.view_staff", fn=_staff_proposal)
def proposal_manage(request, pk: int):
    proposal = _staff_proposal(request, pk)
    decision = DecisionForm(proposal=proposal)
    hide = HideForm()
    if request.method == "POST":
        if not allowed(request.user, "proposals.decide"):
            raise PermissionDenied
        action = request.POST.get("accion")
        try:
            if action == "decidir":
                decision = DecisionForm(request.POST, proposal=proposal)
                if decision.is_valid():
                    target = None
                    if decision.cleaned_data.get("merged_into"):
                        target = Proposal.objects.filter(
                            pk=decision.cleaned_data["merged_into"]
                        ).first()
                    services.proposal_transition(
                        actor=request.user,
                        proposal=proposal,
                        to_status=decision.cleaned_data["to_status"],
                        response_text=decision.cleaned_data["response_text"],
                        merged_into=target,
                    )
                    messages.success(request, _("Estado actualizado."))
                    return redirect("staff:proposals_manage", pk=pk)
            elif action == "ocultar":
                hide = HideForm(request.POST)
                if hide.is_valid():
                    services.proposal_hide(
                        actor=request.user, proposal=proposal, reason=hide.cleaned_data["reason"]
                    )
                    messages.success(
                        request, _("La propuesta ya no aparece en las páginas públicas.")
                    )
                    return redirect("staff:proposals_manage", pk=pk)
            elif action == "mostrar":
                services.proposal_unhide(actor=request.user, proposal=proposal)
                messages.success(request, _("La propuesta vuelve a ser pública."))
                return redirect("staff:proposals_manage", pk=pk)
        except ValidationError as exc:
            add_service_errors(hide if action == "ocultar" else decision, exc)
    return render(
        request,
        "proposals/staff/manage.html",
        {
            "proposal": proposal,
            "decision": decision,
            "hide": hide,
            "can_decide": allowed(request.user, "proposals.decide"),
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

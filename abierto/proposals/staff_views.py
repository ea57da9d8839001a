"""Back office for proposals (/gestion/propuestas/): queue, entry on behalf, decisions."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from abierto.core.forms import add_service_errors
from abierto.core.permissions import allowed, permission_required
from abierto.mesas.models import Mesa
from abierto.plans.models import ActionPlan

from . import selectors, services
from .filters import ALL_STATES, StaffQueueFilter
from .forms import (
    BulkActionForm,
    CorrectionForm,
    DecisionForm,
    HideForm,
    MesaImportForm,
    MesaProposalForm,
    PlanChoiceForm,
    ReopenForm,
    StaffProposalForm,
)
from .models import DECISION_STATUSES, Attachment, Channel, Proposal, Status

#: The tracking codes of paper or mesa proposals just entered, each kept for one display of its
#: receipt: ``{"<pk>": "ABCD-..."}`` (a facilitator may enter several before printing). Staff
#: never see a code anywhere else.
SESSION_RECEIPT = "proposals:receipts"
#: At most this many receipts wait in a session (a CSV import of a whole mesa fits).
MAX_PENDING_RECEIPTS = 300


def _pending_receipts(session) -> dict[str, str]:
    return dict(session.get(SESSION_RECEIPT) or {})


def _remember_receipts(session, proposals) -> None:
    receipts = _pending_receipts(session)
    for proposal in proposals:
        receipts.pop(str(proposal.pk), None)
        receipts[str(proposal.pk)] = proposal.display_code
    session[SESSION_RECEIPT] = dict(list(receipts.items())[-MAX_PENDING_RECEIPTS:])


def _take_receipt(session, pk: int) -> str | None:
    receipts = _pending_receipts(session)
    code = receipts.pop(str(pk), None)
    if code is not None:
        session[SESSION_RECEIPT] = receipts
    return code


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
    all_states = request.GET.copy()
    all_states.pop("pagina", None)
    all_states["estado"] = ALL_STATES

    return render(
        request,
        "proposals/staff/queue.html",
        {
            "page": page,
            "rows": selectors.queue_rows(page, today=timezone.localdate()),
            "filters": filters,
            "state_choices": StaffQueueFilter.base_filters["estado"].extra["choices"],
            "all_states_query": all_states.urlencode(),
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
    mesas = selectors.enterable_mesas(request.user, plan)
    if request.method == "POST":
        form = StaffProposalForm(request.POST, request.FILES, plan=plan, mesas=mesas)
        if form.is_valid():
            try:
                proposal, created = services.proposal_submit(
                    actor=request.user,
                    plan=plan,
                    channel=form.cleaned_data["channel"],
                    mesa=form.cleaned_data["mesa"],
                    attachments=form.cleaned_data["attachments"],
                    idempotency_token=form.cleaned_data["token"],
                    **form.proposal_data(),
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) == "token_reused":
                    # Someone else's entry used this form: a fresh token, the text kept.
                    data = request.POST.copy()
                    data["token"] = str(uuid.uuid4())
                    form = StaffProposalForm(data, request.FILES, plan=plan, mesas=mesas)
                    form.is_valid()
                    status = 409
                else:
                    status = 400
                add_service_errors(form, exc)
            else:
                if created:
                    _remember_receipts(request.session, [proposal])
                if str(proposal.pk) in _pending_receipts(request.session):
                    # Also after a double click: the receipt not yet shown is shown now.
                    return redirect("staff:proposals_receipt", pk=proposal.pk)
                messages.info(request, _("Esta propuesta ya estaba registrada."))
                return redirect("staff:proposals_manage", pk=proposal.pk)
        else:
            status = 400
    else:
        form = StaffProposalForm(plan=plan, mesas=mesas)
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
    code = _take_receipt(request.session, proposal.pk)
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
                services.proposal_unhide(actor=request.user, proposal=proposal)
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


# --- Paper proposals of one mesa: the facilitator's fast form and the CSV import ------------

#: The proposal just entered on a mesa's fast form, confirmed once on the blank form that follows.
SESSION_MESA_ENTERED = "proposals:mesa-entered"
#: What the last CSV import of a mesa stored, shown once on the import page.
SESSION_MESA_IMPORTED = "proposals:mesa-imported"


def _mesa(request, mesa_pk: int, **kwargs) -> Mesa:
    mesa = Mesa.objects.select_related("plan").filter(pk=mesa_pk).first()
    if mesa is None:
        raise Http404
    return mesa


@permission_required("proposals.enter_mesa", fn=_mesa)
@require_http_methods(["GET", "POST"])
def mesa_enter(request, mesa_pk: int):
    """The facilitator copies the proposals written at their mesa, one after another: after
    each one the form comes back blank, with a confirmation and the link to its receipt."""
    mesa = _mesa(request, mesa_pk)
    plan = mesa.plan
    status = 200
    entered = None
    if request.method == "POST":
        form = MesaProposalForm(request.POST, request.FILES, plan=plan)
        if form.is_valid():
            try:
                proposal, created = services.proposal_submit(
                    actor=request.user,
                    plan=plan,
                    channel=Channel.MESA,
                    mesa=mesa,
                    attachments=form.cleaned_data["attachments"],
                    idempotency_token=form.cleaned_data["token"],
                    **form.proposal_data(),
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) == "token_reused":
                    data = request.POST.copy()
                    data["token"] = str(uuid.uuid4())
                    form = MesaProposalForm(data, request.FILES, plan=plan)
                    form.is_valid()
                    status = 409
                else:
                    status = 400
                add_service_errors(form, exc)
            else:
                if created:
                    _remember_receipts(request.session, [proposal])
                request.session[SESSION_MESA_ENTERED] = {"id": proposal.pk, "created": created}
                return redirect("staff:proposals_mesa_enter", mesa_pk=mesa.pk)
        else:
            status = 400
    else:
        form = MesaProposalForm(plan=plan)
        just = request.session.pop(SESSION_MESA_ENTERED, None)
        if just:
            entered = Proposal.objects.filter(pk=just["id"], mesa=mesa).first()
            if entered is not None:
                entered.was_created = just["created"]
                entered.has_receipt = str(entered.pk) in _pending_receipts(request.session)
    response = render(
        request,
        "proposals/staff/mesa_enter.html",
        {
            "form": form,
            "mesa": mesa,
            "plan": plan,
            "entered": entered,
            "closed": selectors.mesa_intake_closed(mesa),
            "entered_count": Proposal.objects.filter(mesa=mesa).count(),
        },
        status=status,
    )
    return _private(response)


@permission_required("proposals.enter_mesa", fn=_mesa)
@require_http_methods(["GET", "POST"])
def mesa_import(request, mesa_pk: int):
    """A CSV of the mesa's paper proposals: every row checked first, all stored or none."""
    from abierto.core.uploads import check_upload

    from . import csv_import

    mesa = _mesa(request, mesa_pk)
    status = 200
    check = None
    done = None
    if request.method == "POST":
        form = MesaImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["archivo"]
            data = b""
            try:
                if 0 < (upload.size or 0) <= csv_import.MAX_IMPORT_BYTES:
                    data = upload.read()
                    if not data.strip():
                        raise ValidationError(_("El archivo está vacío."), code="empty")
                    problem = csv_import.utf8_problem(data)
                    if problem:
                        raise ValidationError(problem, code="encoding")
                check_upload(upload, kinds={"csv"}, max_bytes=csv_import.MAX_IMPORT_BYTES)
            except ValidationError as exc:
                form.add_error("archivo", exc)
            else:
                check = csv_import.read_mesa_csv(data, mesa=mesa)
                if check.ok:
                    try:
                        created, already = services.proposal_import_mesa(
                            actor=request.user, mesa=mesa, rows=check.rows
                        )
                    except ValidationError as exc:
                        form.add_error(None, exc)
                    else:
                        _remember_receipts(request.session, created)
                        request.session[SESSION_MESA_IMPORTED] = {
                            "ids": [p.pk for p in created],
                            "already": already,
                        }
                        return redirect("staff:proposals_mesa_import", mesa_pk=mesa.pk)
        status = 400
    else:
        form = MesaImportForm()
        summary = request.session.pop(SESSION_MESA_IMPORTED, None)
        if summary:
            pending = _pending_receipts(request.session)
            done = {
                "already": summary["already"],
                "proposals": [
                    (p, str(p.pk) in pending)
                    for p in Proposal.objects.filter(pk__in=summary["ids"], mesa=mesa).order_by(
                        "id"
                    )
                ],
            }
    from .csv_import import COLUMNS, MAX_ROWS

    response = render(
        request,
        "proposals/staff/mesa_import.html",
        {
            "form": form,
            "mesa": mesa,
            "check": check,
            "done": done,
            "closed": selectors.mesa_intake_closed(mesa),
            "columns": list(COLUMNS),
            "max_rows": MAX_ROWS,
        },
        status=status,
    )
    return _private(response)


@permission_required("proposals.enter_mesa", fn=_mesa)
@require_GET
def mesa_import_template(request, mesa_pk: int):
    """The CSV template: the exact header row, UTF-8 with a BOM."""
    from .csv_import import template_csv

    mesa = _mesa(request, mesa_pk)
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="propuestas-mesa-{mesa.pk}-plantilla.csv"'
    )
    return response

"""Back office of evaluation (/gestion/evaluacion/): commission, rounds, scoring, decisions.

Views are thin: they find the object the person may reach (404 otherwise), parse the form,
call a service and show its Spanish errors.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from abierto.core.forms import add_service_errors
from abierto.core.permissions import allowed, permission_required
from abierto.plans.models import ActionPlan
from abierto.proposals.models import Proposal, Status

from . import selectors, services
from .forms import (
    CandidateForm,
    CommissionForm,
    ConflictForm,
    DecisionForm,
    MemberForm,
    MemberRemoveForm,
    ReassignForm,
    RoundForm,
    ScoreForm,
)
from .models import (
    Assignment,
    CandidateGroup,
    Commission,
    CommissionMember,
    ConflictDeclaration,
    EvaluationRound,
    RoundEntry,
    RoundStatus,
)

#: Anonymous → sign in; signed in but neither Grupo Núcleo nor on a commission → 403.
office_required = permission_required("evaluation.view_staff_section")


def _managed_plan(request, plan_pk: int) -> ActionPlan:
    plan = get_object_or_404(ActionPlan, pk=plan_pk)
    if not allowed(request.user, "evaluation.manage", plan):
        raise PermissionDenied
    return plan


def _managed_round(request, pk: int) -> EvaluationRound:
    evaluation_round = get_object_or_404(EvaluationRound.objects.select_related("plan"), pk=pk)
    if not allowed(request.user, "evaluation.manage", evaluation_round):
        raise PermissionDenied
    return evaluation_round


@office_required
def index(request):
    manager = allowed(request.user, "evaluation.create_commission")
    commissions = list(selectors.evaluation_plans(user=request.user, manager=manager))
    without = []
    if manager:
        without = list(ActionPlan.objects.filter(commission__isnull=True).order_by("-number"))
    return render(
        request,
        "evaluation/staff/index.html",
        {
            "assignments": list(selectors.my_assignments(user=request.user)),
            "commissions": commissions,
            "plans_without_commission": without,
            "now": timezone.now(),
        },
    )


@permission_required("evaluation.create_commission")
@require_POST
def commission_create(request, plan_pk: int):
    plan = get_object_or_404(ActionPlan, pk=plan_pk)
    try:
        services.commission_create(actor=request.user, plan=plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("staff:evaluation_index")
    messages.success(request, _("Comisión evaluadora creada."))
    return redirect("staff:evaluation_commission", plan_pk=plan.pk)


@office_required
def commission(request, plan_pk: int):
    plan = _managed_plan(request, plan_pk)
    commission = get_object_or_404(Commission, plan=plan)
    members = CommissionMember.objects.filter(commission=commission).select_related(
        "user", "organization"
    )
    proposals = (
        Proposal.objects.filter(plan=plan, status=Status.IN_EVALUATION)
        .only("id", "title")
        .order_by("id")
    )
    method_form = CommissionForm(initial={"method": commission.method}, prefix="metodo")
    member_form = MemberForm(prefix="integrante")
    active = members.filter(left_at__isnull=True)
    conflict_form = ConflictForm(prefix="conflicto", members=active, proposals=proposals)
    remove_form = MemberRemoveForm(prefix="retiro", members=active)
    round_form = RoundForm(prefix="ronda")
    if request.method == "POST":
        action = request.POST.get("accion")
        try:
            if action == "metodo":
                method_form = CommissionForm(request.POST, prefix="metodo")
                if method_form.is_valid():
                    services.commission_update(
                        actor=request.user, commission=commission, **method_form.cleaned_data
                    )
                    messages.success(request, _("Método guardado."))
                    return redirect(request.path)
            elif action == "integrante":
                member_form = MemberForm(request.POST, prefix="integrante")
                if member_form.is_valid():
                    data = member_form.cleaned_data
                    services.commission_member_add(
                        actor=request.user,
                        commission=commission,
                        user=data["user"],
                        kind=data["kind"],
                        is_chair=data["is_chair"],
                        organization=data["organization"],
                        public_name=data["public_name"],
                        listed_publicly=data["listed_publicly"],
                    )
                    messages.success(request, _("Integrante registrado."))
                    return redirect(request.path)
            elif action == "conflicto":
                conflict_form = ConflictForm(
                    request.POST, prefix="conflicto", members=active, proposals=proposals
                )
                if conflict_form.is_valid():
                    data = conflict_form.cleaned_data
                    services.conflict_declare(
                        actor=request.user,
                        member=data["member"],
                        proposal=proposals.filter(pk=data["proposal"]).first()
                        if data["proposal"]
                        else None,
                        organization_name=data["organization_name"],
                        reason=data["reason"],
                    )
                    messages.success(request, _("Conflicto de interés registrado."))
                    return redirect(request.path)
            elif action == "retiro":
                remove_form = MemberRemoveForm(request.POST, prefix="retiro", members=active)
                if remove_form.is_valid():
                    released = services.commission_member_remove(
                        actor=request.user,
                        member=remove_form.cleaned_data["member"],
                        reason=remove_form.cleaned_data["reason"],
                    )
                    messages.success(
                        request,
                        ngettext(
                            "Integrante retirado. %(n)s evaluación pendiente quedó libre: "
                            "asígnela de nuevo desde la ronda.",
                            "Integrante retirado. %(n)s evaluaciones pendientes quedaron libres: "
                            "asígnelas de nuevo desde la ronda.",
                            released,
                        )
                        % {"n": released},
                    )
                    return redirect(request.path)
            elif action == "ronda":
                round_form = RoundForm(request.POST, prefix="ronda")
                if round_form.is_valid():
                    new = services.round_create(
                        actor=request.user, plan=plan, **round_form.cleaned_data
                    )
                    messages.success(request, _("Ronda preparada."))
                    return redirect("staff:evaluation_round", pk=new.pk)
        except ValidationError as exc:
            form = {
                "metodo": method_form,
                "integrante": member_form,
                "conflicto": conflict_form,
                "retiro": remove_form,
                "ronda": round_form,
            }.get(action)
            if form is not None:
                add_service_errors(form, exc)
    return render(
        request,
        "evaluation/staff/commission.html",
        {
            "plan": plan,
            "commission": commission,
            "members": members,
            "conflicts": list(
                ConflictDeclaration.objects.filter(member__commission=commission).select_related(
                    "member__user", "proposal"
                )
            ),
            "rounds": plan.evaluation_rounds.order_by("-id"),
            "method_form": method_form,
            "member_form": member_form,
            "conflict_form": conflict_form,
            "remove_form": remove_form,
            "round_form": round_form,
            "admitted": selectors.admitted_count(plan),
        },
    )


@office_required
def round_overview(request, pk: int):
    evaluation_round = _managed_round(request, pk)
    if request.method == "POST":
        action = request.POST.get("accion")
        actions = {
            "abrir": (
                services.round_open,
                _("Ronda abierta: los criterios y pesos quedaron fijados."),
            ),
            "asignar": (services.round_assign, _("Propuestas asignadas.")),
            "cerrar": (services.round_close, _("Ronda cerrada.")),
            "publicar": (
                services.round_publish,
                _("Resultados publicados: cada proponente recibe su respuesta."),
            ),
        }
        if action not in actions:
            messages.error(request, _("Acción desconocida."))
            return redirect(request.path)
        service, done = actions[action]
        try:
            service(actor=request.user, evaluation_round=evaluation_round)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
        return redirect(request.path)
    results = selectors.round_results(evaluation_round)
    members = list(
        CommissionMember.objects.filter(
            commission__plan_id=evaluation_round.plan_id
        ).select_related("user")
    )
    return render(
        request,
        "evaluation/staff/round.html",
        {
            "round": evaluation_round,
            "criteria": list(evaluation_round.criteria.all()),
            "results": results,
            "progress": selectors.evaluator_progress(evaluation_round),
            "candidates": list(evaluation_round.candidates.select_related("round")),
            "members": members,
            "flagged": sum(1 for r in results if r.result.flagged),
        },
    )


@office_required
def reassign(request, pk: int, assignment_pk: int):
    evaluation_round = _managed_round(request, pk)
    assignment = get_object_or_404(
        Assignment.objects.select_related("entry__proposal", "member__user"),
        pk=assignment_pk,
        entry__round=evaluation_round,
    )
    members = CommissionMember.objects.filter(
        commission__plan_id=evaluation_round.plan_id, left_at__isnull=True
    ).select_related("user")
    form = ReassignForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_reassign(
                actor=request.user, assignment=assignment, member=form.cleaned_data["member"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Evaluación reasignada."))
            return redirect("staff:evaluation_round", pk=evaluation_round.pk)
    return render(
        request,
        "evaluation/staff/reassign.html",
        {"round": evaluation_round, "assignment": assignment, "form": form},
    )


@office_required
def group(request, pk: int):
    evaluation_round = _managed_round(request, pk)
    entries = list(evaluation_round.entries.select_related("proposal", "candidate"))
    form = CandidateForm(request.POST or None, entries=entries)
    if request.method == "POST" and form.is_valid():
        chosen = [e for e in entries if e.pk in set(form.cleaned_data["entries"])]
        try:
            services.candidate_save(
                actor=request.user,
                evaluation_round=evaluation_round,
                name=form.cleaned_data["name"],
                entries=chosen,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Compromiso candidato guardado."))
            return redirect("staff:evaluation_round", pk=evaluation_round.pk)
    suggestions = [(e, selectors.grouping_suggestions(e, entries)) for e in entries]
    return render(
        request,
        "evaluation/staff/group.html",
        {
            "round": evaluation_round,
            "form": form,
            "suggestions": [(e, s) for e, s in suggestions if s],
            "candidates": evaluation_round.candidates.prefetch_related("entries__proposal"),
        },
    )


@office_required
def decide(request, pk: int, entry_pk: int):
    evaluation_round = _managed_round(request, pk)
    entry = get_object_or_404(
        RoundEntry.objects.select_related("proposal", "candidate"),
        pk=entry_pk,
        round=evaluation_round,
    )
    candidates = CandidateGroup.objects.filter(round=evaluation_round)
    ranked = next(r for r in selectors.round_results(evaluation_round) if r.entry.pk == entry.pk)
    criteria = list(evaluation_round.criteria.all())
    decision = request.GET.get("decision") or entry.decision or ""
    initial = {
        "decision": decision,
        "candidate": entry.candidate_id,
        "response_text": (not request.GET.get("decision") and entry.response_text)
        or selectors.draft_response(
            ranked,
            criteria,
            decision=decision,
            candidate_name=entry.candidate.name if entry.candidate else "",
        ),
    }
    form = DecisionForm(request.POST or None, initial=initial, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_decide(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Decisión guardada; se aplicará al publicar la ronda."))
            return redirect("staff:evaluation_round", pk=evaluation_round.pk)
    return render(
        request,
        "evaluation/staff/decide.html",
        {
            "round": evaluation_round,
            "entry": entry,
            "ranked": ranked,
            "criteria_results": list(zip(criteria, ranked.result.criteria, strict=True)),
            "form": form,
        },
    )


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@office_required
def score(request, pk: int, proposal_pk: int):
    """The scoring screen of one assigned proposal. Not assigned → 404, by URL or POST."""
    assignment = selectors.assignment_for(user=request.user, round_id=pk, proposal_id=proposal_pk)
    if assignment is None or not allowed(request.user, "evaluation.score", assignment):
        raise Http404
    evaluation_round = assignment.entry.round
    criteria, saved = selectors.scoring_sheet(assignment)
    closed_reason = ""
    if assignment.is_submitted:
        closed_reason = _("Envió esta evaluación; ya no se puede cambiar.")
    elif evaluation_round.status != RoundStatus.OPEN:
        closed_reason = _("La ronda no está abierta.")
    elif timezone.now() > evaluation_round.deadline:
        closed_reason = _("La fecha límite de la ronda ya pasó.")
    initial = {}
    for c in criteria:
        s = saved.get(c.pk)
        if s:
            initial[services.value_field(c.pk)] = str(s.value) if s.value else ""
            initial[services.justification_field(c.pk)] = s.justification
    status = 200
    conflict = {"reason": "", "error": ""}
    if request.method == "POST" and request.POST.get("accion") == "conflicto":
        conflict["reason"] = request.POST.get("motivo", "")[:500]
        if not assignment.is_submitted:
            try:
                services.conflict_declare(
                    actor=request.user,
                    member=assignment.member,
                    proposal=assignment.entry.proposal,
                    reason=conflict["reason"],
                )
            except ValidationError as exc:
                conflict["error"] = " ".join(exc.messages)
            else:
                messages.success(
                    request,
                    _("Conflicto de interés declarado: la propuesta se asignará a otra persona."),
                )
                return redirect("staff:evaluation_index")
        status = 400
        form = ScoreForm(initial=initial, criteria=criteria, disabled=bool(closed_reason))
    elif request.method == "POST":
        form = ScoreForm(request.POST, criteria=criteria)
        submit = request.POST.get("accion") == "enviar"
        if form.is_valid():
            try:
                services.scores_save(
                    actor=request.user, assignment=assignment, scores=form.sheet(), submit=submit
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if _wants_json(request):
                    return JsonResponse(
                        {
                            "ok": True,
                            "message": _("Borrador guardado a las %(time)s.")
                            % {"time": timezone.localtime().strftime("%H:%M")},
                        }
                    )
                messages.success(
                    request,
                    _("Evaluación enviada. Gracias.") if submit else _("Borrador guardado."),
                )
                return redirect(request.path)
        if _wants_json(request):
            return JsonResponse(
                {
                    "ok": False,
                    "message": _("No se guardó el borrador: %(errors)s")
                    % {"errors": " ".join(e for errors in form.errors.values() for e in errors)},
                },
                status=400,
            )
        status = 400
    else:
        form = ScoreForm(initial=initial, criteria=criteria, disabled=bool(closed_reason))
    return render(
        request,
        "evaluation/staff/score.html",
        {
            "assignment": assignment,
            "round": evaluation_round,
            "proposal": assignment.entry.proposal,
            "form": form,
            "closed_reason": closed_reason,
            "others": selectors.other_sheets(assignment),
            "attachments": selectors.reviewer_attachments(assignment),
            "criteria": criteria,
            "conflict": conflict,
        },
        status=status,
    )


@office_required
def round_edit(request, pk: int):
    evaluation_round = _managed_round(request, pk)
    if evaluation_round.status not in (RoundStatus.DRAFT, RoundStatus.OPEN):
        raise Http404
    initial = {
        "name": evaluation_round.name,
        "deadline": timezone.localtime(evaluation_round.deadline),
        "evaluators_per_proposal": evaluation_round.evaluators_per_proposal,
        "allow_attachments": evaluation_round.allow_attachments,
    }
    form = RoundForm(request.POST or None, initial=initial)
    if evaluation_round.status == RoundStatus.OPEN:
        for name in ("name", "evaluators_per_proposal", "allow_attachments"):
            form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(
                actor=request.user, evaluation_round=evaluation_round, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ronda actualizada."))
            return redirect("staff:evaluation_round", pk=evaluation_round.pk)
    return render(
        request, "evaluation/staff/round_edit.html", {"round": evaluation_round, "form": form}
    )


@office_required
def attachment(request, pk: int, proposal_pk: int, attachment_pk: int):
    """An attachment of an assigned proposal, only when the round allows attachments."""
    assignment = selectors.assignment_for(user=request.user, round_id=pk, proposal_id=proposal_pk)
    if assignment is None or not allowed(request.user, "evaluation.score", assignment):
        raise Http404
    found = {a.pk: a for a in selectors.reviewer_attachments(assignment)}
    if attachment_pk not in found:
        raise Http404
    item = found[attachment_pk]
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name or f"adjunto.{item.extension}",
        content_type=item.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

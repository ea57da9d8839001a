"""Writes of the evaluation app. Each is atomic, checks every rule itself and leaves an
ActionLog row; bad input raises ``ValidationError`` with a Spanish message and saves nothing.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.core import audit
from abierto.core.roles import Role
from abierto.core.services import model_update
from abierto.core.text import fold
from abierto.plans.models import ActionPlan
from abierto.proposals import services as proposal_services
from abierto.proposals.models import Proposal, Status

from . import verbs
from .assignment import NotEnoughEvaluators, Slot, balanced_assignment
from .models import (
    MAX_JUSTIFICATION,
    MIN_JUSTIFICATION,
    SCORE_MAX,
    SCORE_MIN,
    Assignment,
    CandidateGroup,
    Commission,
    CommissionMember,
    ConflictDeclaration,
    Decision,
    EvaluationRound,
    MemberKind,
    RoundCriterion,
    RoundEntry,
    RoundStatus,
    Score,
)

WEIGHTS_TOTAL = 100

#: The proposals app's one-save decision: one save to the final state, one email.
_decide = proposal_services.proposal_decide


def _clean(instance) -> None:
    instance.full_clean()
    instance.save()


# --- Commission ------------------------------------------------------------------------------


@transaction.atomic
def commission_create(*, actor, plan: ActionPlan, method: str = "") -> Commission:
    if Commission.objects.filter(plan=plan).exists():
        raise ValidationError(_("Este plan ya tiene una comisión evaluadora."))
    commission = Commission(plan=plan, method=method.strip())
    _clean(commission)
    audit.record(actor=actor, verb=verbs.COMMISSION_CREATED, target=commission)
    return commission


@transaction.atomic
def commission_update(*, actor, commission: Commission, method: str) -> Commission:
    changes = model_update(instance=commission, data={"method": method.strip()}, fields=["method"])
    audit.record(actor=actor, verb=verbs.COMMISSION_UPDATED, target=commission, changes=changes)
    return commission


@transaction.atomic
def commission_member_add(
    *,
    actor,
    commission: Commission,
    user,
    kind: str,
    is_chair: bool = False,
    organization=None,
    forum_membership=None,
    public_name: str = "",
    listed_publicly: bool = False,
) -> CommissionMember:
    """Add a person to the commission (or update them). Membership is what lets them score;
    the ``evaluacion`` role is given too, only so the back office opens for them."""
    member = CommissionMember.objects.filter(commission=commission, user=user).first()
    member = member or CommissionMember(commission=commission, user=user)
    if kind not in MemberKind.values:
        raise ValidationError({"kind": _("Elija si es del Grupo Núcleo o experta invitada.")})
    if is_chair:
        CommissionMember.objects.filter(commission=commission, is_chair=True).exclude(
            pk=member.pk
        ).update(is_chair=False)
    member.kind, member.is_chair = kind, is_chair
    member.organization, member.forum_membership = organization, forum_membership
    member.public_name, member.listed_publicly = public_name.strip(), listed_publicly
    member.left_at, member.left_reason = None, ""  # adding someone who had left brings them back
    created = member.pk is None
    _clean(member)
    user.groups.add(Role.EVALUATOR.group())
    audit.record(
        actor=actor,
        verb=verbs.MEMBER_ADDED if created else verbs.MEMBER_UPDATED,
        target=commission,
        data={"kind": kind, "member": member.pk},
        public=False,
    )
    return member


@transaction.atomic
def commission_member_remove(*, actor, member: CommissionMember, reason: str) -> int:
    """Take a person off the commission. What they submitted stays on record; their evaluations
    not yet submitted in open rounds are released (the chair assigns them again), and they no
    longer score, chair or see the back office through this commission. Returns how many
    pending evaluations were released."""
    member = CommissionMember.objects.select_for_update().get(pk=member.pk)
    reason = reason.strip()
    if member.left_at is not None:
        raise ValidationError(_("Esta persona ya no integra la comisión."))
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Explique el motivo del retiro (al menos 10 caracteres).")}
        )
    released, _by_model = Assignment.objects.filter(
        member=member, submitted_at__isnull=True, entry__round__status=RoundStatus.OPEN
    ).delete()
    member.left_at, member.left_reason, member.is_chair = timezone.now(), reason, False
    member.save(update_fields=["left_at", "left_reason", "is_chair"])
    still_sits = CommissionMember.objects.filter(user_id=member.user_id, left_at__isnull=True)
    if not still_sits.exists():
        member.user.groups.remove(Role.EVALUATOR.group())
    audit.record(
        actor=actor,
        verb=verbs.MEMBER_REMOVED,
        target=member.commission,
        data={"member": member.pk, "released": released},
        public=False,
    )
    return released


@transaction.atomic
def conflict_declare(
    *,
    actor,
    member: CommissionMember,
    reason: str,
    proposal: Proposal | None = None,
    organization_name: str = "",
) -> ConflictDeclaration:
    """Declare an interest. Any assignment it touches that is not yet submitted is removed."""
    reason, organization_name = reason.strip(), organization_name.strip()
    errors = {}
    if proposal is None and not organization_name:
        errors["organization_name"] = _("Indique la propuesta o la organización.")
    if len(reason) < 10:
        errors["reason"] = _("Explique el motivo del conflicto (al menos 10 caracteres).")
    if errors:
        raise ValidationError(errors)
    declaration = ConflictDeclaration(
        member=member, proposal=proposal, organization_name=organization_name, reason=reason
    )
    _clean(declaration)
    pending = Assignment.objects.filter(
        member=member, submitted_at__isnull=True, entry__round__status=RoundStatus.OPEN
    ).select_related("entry__proposal")
    for assignment in pending:
        if conflict_reason(member, assignment.entry.proposal, [declaration]):
            assignment.delete()
    audit.record(
        actor=actor,
        verb=verbs.CONFLICT_DECLARED,
        target=member.commission,
        data={"member": member.pk, "proposal": proposal.pk if proposal else None},
        public=False,
    )
    return declaration


def conflict_reason(
    member: CommissionMember, proposal: Proposal, declarations: Iterable[ConflictDeclaration]
) -> str | None:
    """Why ``member`` may not score ``proposal``, or None. ``member.organization`` loaded."""
    org_key = fold(proposal.organization_name)
    if proposal.submitted_by_id and proposal.submitted_by_id == member.user_id:
        return _("Es quien envió la propuesta.")
    if org_key and member.organization is not None:
        own = {fold(member.organization.name), fold(member.organization.acronym)}
        if org_key in own:
            return _("Pertenece a la organización que propone.")
    for declaration in declarations:
        if declaration.member_id != member.pk:
            continue
        if declaration.proposal_id == proposal.pk:
            return _("Declaró un interés en esta propuesta.")
        if org_key and fold(declaration.organization_name) == org_key:
            return _("Declaró un interés en la organización que propone.")
    return None


# --- Rounds ----------------------------------------------------------------------------------


def _lock_round(evaluation_round: EvaluationRound) -> EvaluationRound:
    return EvaluationRound.objects.select_for_update().get(pk=evaluation_round.pk)


def _round_log(actor, evaluation_round, verb: audit.Verb, *, public: bool = True, **data):
    audit.record(actor=actor, verb=verb, target=evaluation_round, data=data, public=public)


@transaction.atomic
def round_create(
    *,
    actor,
    plan: ActionPlan,
    name: str,
    deadline: datetime.datetime,
    evaluators_per_proposal: int = 3,
    allow_attachments: bool = False,
    proposals: Iterable[Proposal] | None = None,
) -> EvaluationRound:
    """A round in preparation with the plan's admitted proposals (or those given) that are in
    no other round still running."""
    if not Commission.objects.filter(plan=plan).exists():
        raise ValidationError(_("El plan necesita una comisión evaluadora antes de una ronda."))
    errors = {}
    if timezone.is_naive(deadline):
        errors["deadline"] = _("La fecha límite necesita zona horaria.")
    elif deadline <= timezone.now():
        errors["deadline"] = _("La fecha límite debe ser futura.")
    if not 1 <= (evaluators_per_proposal or 0) <= 9:
        errors["evaluators_per_proposal"] = _("Entre 1 y 9 evaluaciones por propuesta.")
    if errors:
        raise ValidationError(errors)
    busy = RoundEntry.objects.exclude(round__status=RoundStatus.PUBLISHED).values("proposal_id")
    admitted = Proposal.objects.filter(
        plan=plan, status=Status.IN_EVALUATION, is_hidden=False
    ).exclude(pk__in=busy)
    if proposals is not None:
        wanted = {p.pk for p in proposals}
        chosen = list(admitted.filter(pk__in=wanted).order_by("id"))
        if len(chosen) != len(wanted):
            raise ValidationError(
                _("Solo entran propuestas admitidas del plan que no estén en otra ronda.")
            )
    else:
        chosen = list(admitted.order_by("id"))
    if not chosen:
        raise ValidationError(_("No hay propuestas admitidas para evaluar en este plan."))
    evaluation_round = EvaluationRound(
        plan=plan,
        name=name.strip(),
        deadline=deadline,
        evaluators_per_proposal=evaluators_per_proposal,
        allow_attachments=allow_attachments,
    )
    _clean(evaluation_round)
    RoundEntry.objects.bulk_create([RoundEntry(round=evaluation_round, proposal=p) for p in chosen])
    _round_log(actor, evaluation_round, verbs.ROUND_CREATED, proposals=len(chosen))
    return evaluation_round


@transaction.atomic
def round_update(
    *,
    actor,
    evaluation_round: EvaluationRound,
    name: str,
    deadline: datetime.datetime,
    evaluators_per_proposal: int,
    allow_attachments: bool,
) -> EvaluationRound:
    """Change a round in preparation; once open, only its deadline (to a future date)."""
    evaluation_round = _lock_round(evaluation_round)
    if evaluation_round.status not in (RoundStatus.DRAFT, RoundStatus.OPEN):
        raise ValidationError(_("Una ronda cerrada o publicada ya no cambia."))
    errors = {}
    if timezone.is_naive(deadline) or deadline <= timezone.now():
        errors["deadline"] = _("La fecha límite debe ser futura.")
    if not 1 <= (evaluators_per_proposal or 0) <= 9:
        errors["evaluators_per_proposal"] = _("Entre 1 y 9 evaluaciones por propuesta.")
    if errors:
        raise ValidationError(errors)
    data: dict[str, object] = {"deadline": deadline}
    if evaluation_round.status == RoundStatus.DRAFT:
        data |= {
            "name": name.strip(),
            "evaluators_per_proposal": evaluators_per_proposal,
            "allow_attachments": allow_attachments,
        }
    changes = model_update(instance=evaluation_round, data=data, fields=list(data))
    audit.record(actor=actor, verb=verbs.ROUND_UPDATED, target=evaluation_round, changes=changes)
    return evaluation_round


def snapshot_criteria(evaluation_round: EvaluationRound, criteria) -> list[RoundCriterion]:
    """Copy the plan's ``criteria`` (names, definitions, weights, in order) into the round:
    what it is scored against, whatever the plan's criteria become later."""
    return RoundCriterion.objects.bulk_create(
        [
            RoundCriterion(
                round=evaluation_round,
                name=c.name,
                definition=c.definition,
                weight=c.weight,
                order=index,
            )
            for index, c in enumerate(criteria)
        ]
    )


@transaction.atomic
def round_open(*, actor, evaluation_round: EvaluationRound) -> EvaluationRound:
    """Open the round: snapshot the plan's criteria and weights (they must add to 100).

    While the round is open the plan's criteria cannot change (``hooks.criteria_lock``).
    """
    evaluation_round = _lock_round(evaluation_round)
    if evaluation_round.status != RoundStatus.DRAFT:
        raise ValidationError(_("Solo se abre una ronda en preparación."))
    if evaluation_round.deadline <= timezone.now():
        raise ValidationError(
            _("La fecha límite ya pasó: cámbiela («Cambiar datos de la ronda») antes de abrirla.")
        )
    criteria = list(evaluation_round.plan.criteria.order_by("order", "id"))
    total = sum(c.weight for c in criteria)
    if not criteria or total != WEIGHTS_TOTAL:
        raise ValidationError(
            _(
                "Los pesos de los criterios del plan suman %(total)s; deben sumar 100 para "
                "abrir la ronda."
            )
            % {"total": total},
            code="weights",
        )
    snapshot_criteria(evaluation_round, criteria)
    evaluation_round.status = RoundStatus.OPEN
    evaluation_round.opened_at = timezone.now()
    evaluation_round.save(update_fields=["status", "opened_at"])
    _round_log(actor, evaluation_round, verbs.ROUND_OPENED)
    return evaluation_round


def _round_members(evaluation_round: EvaluationRound) -> list[CommissionMember]:
    return list(
        CommissionMember.objects.filter(
            commission__plan_id=evaluation_round.plan_id, left_at__isnull=True
        )
        .select_related("organization")
        .order_by("id")
    )


@transaction.atomic
def round_assign(*, actor, evaluation_round: EvaluationRound) -> int:
    """Give every proposal of the open round its evaluators, evenly, skipping conflicts.

    Existing assignments are kept; only missing places are filled. Refused, with nothing
    assigned, when some proposal has fewer eligible evaluators than the round asks for.
    Returns how many assignments were made.
    """
    evaluation_round = _lock_round(evaluation_round)
    if evaluation_round.status != RoundStatus.OPEN:
        raise ValidationError(_("Solo se asignan propuestas en una ronda abierta."))
    members = _round_members(evaluation_round)
    declarations = list(ConflictDeclaration.objects.filter(member__in=members))
    entries = list(
        evaluation_round.entries.select_related("proposal").prefetch_related("assignments")
    )
    slots = []
    for entry in entries:
        eligible = frozenset(
            m.pk for m in members if not conflict_reason(m, entry.proposal, declarations)
        )
        assigned = frozenset(a.member_id for a in entry.assignments.all())
        slots.append(Slot(entry.pk, eligible, assigned))
    load = dict(
        Assignment.objects.filter(entry__round=evaluation_round)
        .values_list("member_id")
        .annotate(n=Count("id"))
    )
    try:
        plan = balanced_assignment(
            slots, per_entry=evaluation_round.evaluators_per_proposal, load=load
        )
    except NotEnoughEvaluators as exc:
        title = next(e.proposal.title for e in entries if e.pk == exc.entry_id)
        raise ValidationError(
            _(
                "Faltan personas evaluadoras: la propuesta «%(title)s» tiene %(eligible)s sin "
                "conflicto de interés y la ronda pide %(needed)s. Sume integrantes a la comisión "
                "o baje el número de evaluaciones por propuesta."
            )
            % {"title": title, "eligible": exc.eligible, "needed": exc.needed},
            code="too_few_evaluators",
        ) from None
    new = [
        Assignment(entry_id=entry_id, member_id=member_id)
        for entry_id, member_ids in plan.items()
        for member_id in member_ids
    ]
    Assignment.objects.bulk_create(new)
    if new:
        _round_log(actor, evaluation_round, verbs.ROUND_ASSIGNED, assignments=len(new))
    return len(new)


@transaction.atomic
def assignment_reassign(*, actor, assignment: Assignment, member: CommissionMember) -> Assignment:
    """The chair moves a not yet submitted evaluation to another member (drafts are lost)."""
    assignment = Assignment.objects.select_related("entry__round", "entry__proposal").get(
        pk=assignment.pk
    )
    evaluation_round = assignment.entry.round
    if evaluation_round.status != RoundStatus.OPEN:
        raise ValidationError(_("Solo se reasigna en una ronda abierta."))
    if assignment.is_submitted:
        raise ValidationError(_("Esta evaluación ya fue enviada: no se puede reasignar."))
    if member.commission.plan_id != evaluation_round.plan_id or member.left_at is not None:
        raise ValidationError({"member": _("Elija a alguien de la comisión de este plan.")})
    if Assignment.objects.filter(entry=assignment.entry, member=member).exists():
        raise ValidationError({"member": _("Esa persona ya evalúa esta propuesta.")})
    reason = conflict_reason(
        member, assignment.entry.proposal, ConflictDeclaration.objects.filter(member=member)
    )
    if reason:
        raise ValidationError(
            {
                "member": _("Esa persona tiene un conflicto de interés: %(reason)s")
                % {"reason": reason}
            }
        )
    entry = assignment.entry
    assignment.delete()
    new = Assignment.objects.create(entry=entry, member=member)
    _round_log(
        actor,
        evaluation_round,
        verbs.ASSIGNMENT_MOVED,
        public=False,
        proposal=entry.proposal_id,
        member=member.pk,
    )
    return new


# --- Scoring ---------------------------------------------------------------------------------


def value_field(criterion_id: int) -> str:
    return f"c{criterion_id}-valor"


def justification_field(criterion_id: int) -> str:
    return f"c{criterion_id}-justificacion"


@transaction.atomic
def scores_save(
    *,
    actor,
    assignment: Assignment,
    scores: Mapping[int, tuple[int | None, str]],
    submit: bool = False,
) -> Assignment:
    """Keep the evaluator's scores as a draft, or submit them when every criterion has a 1-5
    and a justification of 20 to 1000 characters. Every problem is reported at once (keys are
    the form's field names) and nothing is saved then.
    """
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("entry__round", "entry__proposal", "member__organization")
        .get(pk=assignment.pk)
    )
    evaluation_round = assignment.entry.round
    if assignment.member.user_id != getattr(actor, "pk", None):
        raise ValidationError(_("Esta evaluación está asignada a otra persona."))
    if assignment.member.left_at is not None:
        raise ValidationError(_("Usted ya no integra la comisión: no puede calificar."))
    if evaluation_round.status != RoundStatus.OPEN:
        raise ValidationError(_("La ronda no está abierta: ya no se puede calificar."))
    if timezone.now() > evaluation_round.deadline:
        raise ValidationError(_("La fecha límite de la ronda ya pasó: ya no se puede calificar."))
    if assignment.is_submitted and not submit:
        raise ValidationError(_("Esta evaluación ya fue enviada y no se puede cambiar."))
    conflict = conflict_reason(
        assignment.member,
        assignment.entry.proposal,
        ConflictDeclaration.objects.filter(member=assignment.member),
    )
    if conflict:
        raise ValidationError(
            _("No puede calificar esta propuesta por un conflicto de interés: %(reason)s")
            % {"reason": conflict}
        )
    criteria = list(evaluation_round.criteria.all())
    errors: dict[str, str] = {}
    clean: dict[int, tuple[int | None, str]] = {}
    for criterion in criteria:
        raw_value, justification = scores.get(criterion.pk, (None, ""))
        justification = (justification or "").strip()
        value: int | None
        try:
            value = int(raw_value) if raw_value not in (None, "") else None
        except (TypeError, ValueError):
            value = -1
        if value is not None and not SCORE_MIN <= value <= SCORE_MAX:
            errors[value_field(criterion.pk)] = _("%(criterion)s: la puntuación va de 1 a 5.") % {
                "criterion": criterion.name
            }
        elif value is None and submit:
            errors[value_field(criterion.pk)] = _(
                "%(criterion)s: elija una puntuación de 1 a 5."
            ) % {"criterion": criterion.name}
        if len(justification) > MAX_JUSTIFICATION:
            errors[justification_field(criterion.pk)] = _(
                "%(criterion)s: la justificación tiene %(n)s caracteres; el máximo es %(max)s."
            ) % {"criterion": criterion.name, "n": len(justification), "max": MAX_JUSTIFICATION}
        elif submit and len(justification) < MIN_JUSTIFICATION:
            errors[justification_field(criterion.pk)] = _(
                "%(criterion)s: justifique la puntuación (al menos %(min)s caracteres)."
            ) % {"criterion": criterion.name, "min": MIN_JUSTIFICATION}
        clean[criterion.pk] = (value, justification)
    if errors:
        raise ValidationError(errors, code="scores")
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    if assignment.is_submitted:
        # The same sheet sent again (a double click, a resent form, forty at once) is answered
        # as the first sending was; a different one is refused: a submission is final.
        if all(
            (existing[c.pk].value, existing[c.pk].justification) == clean[c.pk]
            for c in criteria
            if c.pk in existing
        ) and set(existing) >= {c.pk for c in criteria}:
            return assignment
        raise ValidationError(_("Esta evaluación ya fue enviada y no se puede cambiar."))
    for criterion in criteria:
        value, justification = clean[criterion.pk]
        score = existing.get(criterion.pk) or Score(assignment=assignment, criterion=criterion)
        if score.pk and score.value == value and score.justification == justification:
            continue
        score.value, score.justification = value, justification
        score.save()
    if submit:
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["submitted_at"])
        _round_log(
            actor,
            evaluation_round,
            verbs.ASSIGNMENT_SUBMITTED,
            public=False,
            proposal=assignment.entry.proposal_id,
        )
    return assignment


# --- Closing, grouping, decisions, publication -------------------------------------------------


@transaction.atomic
def round_close(*, actor, evaluation_round: EvaluationRound) -> EvaluationRound:
    evaluation_round = _lock_round(evaluation_round)
    if evaluation_round.status != RoundStatus.OPEN:
        raise ValidationError(_("Solo se cierra una ronda abierta."))
    evaluation_round.status = RoundStatus.CLOSED
    evaluation_round.closed_at = timezone.now()
    evaluation_round.save(update_fields=["status", "closed_at"])
    _round_log(actor, evaluation_round, verbs.ROUND_CLOSED)
    return evaluation_round


def _editable(evaluation_round: EvaluationRound) -> None:
    if evaluation_round.status not in (RoundStatus.OPEN, RoundStatus.CLOSED):
        raise ValidationError(_("Solo se agrupa y decide en una ronda abierta o cerrada."))


@transaction.atomic
def candidate_save(
    *,
    actor,
    evaluation_round: EvaluationRound,
    name: str,
    entries: Iterable[RoundEntry],
    candidate: CandidateGroup | None = None,
) -> CandidateGroup:
    """Name a candidate commitment and put proposals of the round in it (at least one)."""
    evaluation_round = _lock_round(evaluation_round)
    _editable(evaluation_round)
    entries = list(entries)
    name = name.strip()
    if not entries:
        raise ValidationError({"entries": _("Elija al menos una propuesta para agrupar.")})
    if any(e.round_id != evaluation_round.pk for e in entries):
        raise ValidationError({"entries": _("Solo se agrupan propuestas de esta ronda.")})
    candidate = candidate or CandidateGroup(round=evaluation_round)
    candidate.name = name
    try:
        candidate.full_clean()
    except ValidationError as exc:
        if "__all__" in exc.message_dict or "name" in exc.message_dict:
            raise ValidationError(
                {"name": _("Escriba un nombre que no use otro compromiso candidato de la ronda.")}
            ) from None
        raise
    candidate.save()
    RoundEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
        candidate=candidate, decision=Decision.GROUPED
    )
    _round_log(
        actor,
        evaluation_round,
        verbs.CANDIDATE_SAVED,
        name=name,
        proposals=sorted(e.proposal_id for e in entries),
    )
    return candidate


@transaction.atomic
def entry_decide(
    *,
    actor,
    entry: RoundEntry,
    decision: str,
    response_text: str,
    candidate: CandidateGroup | None = None,
) -> RoundEntry:
    """Record the commission's decision and reasoned response (applied when published)."""
    entry = RoundEntry.objects.select_related("round").get(pk=entry.pk)
    _editable(_lock_round(entry.round))
    response_text = response_text.strip()
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = _("Elija una decisión.")
    elif decision == Decision.GROUPED and (
        candidate is None or candidate.round_id != entry.round_id
    ):
        errors["candidate"] = _("Elija el compromiso candidato en que se agrupa.")
    if len(response_text) < proposal_services.MIN_RESPONSE_LENGTH:
        errors["response_text"] = _(
            "Escriba la respuesta razonada (al menos %(min)s caracteres)."
        ) % {"min": proposal_services.MIN_RESPONSE_LENGTH}
    if errors:
        raise ValidationError(errors)
    changes = (entry.decision, entry.response_text, entry.candidate_id)
    entry.decision, entry.response_text = decision, response_text
    entry.candidate = candidate if decision == Decision.GROUPED else None
    if changes == (entry.decision, entry.response_text, entry.candidate_id):
        return entry
    entry.save(update_fields=["decision", "response_text", "candidate"])
    _round_log(
        actor,
        entry.round,
        verbs.DECISION_DRAFTED,
        public=False,
        proposal=entry.proposal_id,
        decision=decision,
    )
    return entry


@transaction.atomic
def round_publish(*, actor, evaluation_round: EvaluationRound) -> EvaluationRound:
    """Apply every decision through the proposals services (one email per proposer) and mark
    the round published. All or nothing: one proposal that cannot move stops the publication.

    A candidate commitment becomes: its best-scored proposal *selected*, the others *merged*
    into it (the proposals app merges into a proposal; the candidate's name is in each text).
    """
    from .selectors import round_results

    evaluation_round = _lock_round(evaluation_round)
    if evaluation_round.status != RoundStatus.CLOSED:
        raise ValidationError(_("Cierre la ronda antes de publicar sus resultados."))
    entries = list(
        evaluation_round.entries.select_related("proposal", "candidate").order_by("proposal_id")
    )
    # A proposal its proposer withdrew meanwhile keeps that state and gets no decision.
    entries = [e for e in entries if e.proposal.status != Status.WITHDRAWN]
    missing = [e for e in entries if not e.decision or not e.response_text]
    if missing:
        raise ValidationError(
            _("Faltan decisiones con respuesta razonada para %(n)s propuestas.")
            % {"n": len(missing)}
        )
    ranks = {row.entry.pk: row for row in round_results(evaluation_round)}

    def order_key(e: RoundEntry):
        total = ranks[e.pk].result.total if e.pk in ranks else None
        return (-(total or 0), e.proposal_id)

    leads: dict[int, RoundEntry] = {}
    for entry in sorted(entries, key=order_key):
        if entry.decision == Decision.GROUPED and entry.candidate_id not in leads:
            assert entry.candidate_id is not None
            leads[entry.candidate_id] = entry
    for entry in entries:
        proposal = entry.proposal
        if entry.decision == Decision.SELECTED or (
            entry.decision == Decision.GROUPED and leads[entry.candidate_id] is entry  # type: ignore[index]
        ):
            _decide(
                actor=actor,
                proposal=proposal,
                to_status=Status.SELECTED,
                response_text=entry.response_text,
            )
    for entry in entries:
        proposal = entry.proposal
        if entry.decision == Decision.NOT_SELECTED:
            _decide(
                actor=actor,
                proposal=proposal,
                to_status=Status.NOT_SELECTED,
                response_text=entry.response_text,
            )
        elif entry.decision == Decision.GROUPED and leads[entry.candidate_id] is not entry:  # type: ignore[index]
            _decide(
                actor=actor,
                proposal=proposal,
                to_status=Status.MERGED,
                response_text=entry.response_text,
                merged_into=leads[entry.candidate_id].proposal,  # type: ignore[index]
            )
    evaluation_round.status = RoundStatus.PUBLISHED
    evaluation_round.published_at = timezone.now()
    evaluation_round.save(update_fields=["status", "published_at"])
    _round_log(actor, evaluation_round, verbs.ROUND_PUBLISHED, proposals=len(entries))
    return evaluation_round

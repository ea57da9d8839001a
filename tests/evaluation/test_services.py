"""Services of evaluation: each bad input refused in Spanish, nothing half-saved."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from abierto.evaluation import services
from abierto.evaluation.models import (
    Assignment,
    Decision,
    EvaluationRound,
    RoundStatus,
    Score,
)
from abierto.plans import services as plan_services
from abierto.proposals.models import Proposal, Status

from .conftest import GOOD, evaluator, full_sheet, make_admitted


def messages(exc) -> str:
    return " ".join(exc.value.messages)


def test_open_snapshots_criteria_and_locks_the_plan(open_round, chair, plan):
    assert [c.weight for c in open_round.criteria.all()] == [25, 25, 15, 20, 15]
    criterion = plan.criteria.first()
    with pytest.raises(ValidationError) as exc:
        plan_services.criterion_save(
            actor=chair, plan=plan, criterion=criterion, name="Otra", definition="x", weight=25
        )
    assert "ronda de evaluación abierta" in messages(exc)
    criterion.refresh_from_db()
    assert criterion.name == "Relevancia"
    services.round_close(actor=chair, evaluation_round=open_round)
    plan_services.criterion_save(
        actor=chair,
        plan=plan,
        criterion=criterion,
        name="Relevancia",
        definition="Nueva",
        weight=25,
    )
    # The round keeps its snapshot.
    assert open_round.criteria.first().definition != "Nueva"


def test_weights_not_adding_to_100_refuse_to_open(draft_round, chair, plan):
    criterion = plan.criteria.first()
    plan_services.criterion_save(
        actor=chair,
        plan=plan,
        criterion=criterion,
        name=criterion.name,
        definition=criterion.definition,
        weight=30,
    )
    with pytest.raises(ValidationError) as exc:
        services.round_open(actor=chair, evaluation_round=draft_round)
    assert "suman 105; deben sumar 100" in messages(exc)
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.DRAFT
    assert not draft_round.criteria.exists()


def test_assignment_is_balanced_and_complete(open_round):
    loads = {}
    for a in Assignment.objects.filter(entry__round=open_round):
        loads[a.member_id] = loads.get(a.member_id, 0) + 1
    # 4 proposals x 3 evaluators over 4 members, one of them (Esquel) has no conflict here.
    assert sum(loads.values()) == 12
    assert max(loads.values()) - min(loads.values()) <= 1
    for entry in open_round.entries.all():
        assert entry.assignments.count() == 3


def test_assignment_skips_same_organisation_and_declared_interest(
    commission, plan, forum_member, chair, esquel
):
    ours = make_admitted(plan, actor=forum_member, organization_name="  fundación ESQUEL ")
    other = make_admitted(plan, actor=forum_member)
    expert2 = commission.members.get(user=evaluator(2))
    services.conflict_declare(
        actor=evaluator(2), member=expert2, proposal=other, reason="Asesoré a quien la propone."
    )
    r = services.round_create(
        actor=forum_member,
        plan=plan,
        name="R",
        evaluators_per_proposal=2,
        deadline=timezone.now() + datetime.timedelta(days=3),
    )
    services.round_open(actor=chair, evaluation_round=r)
    services.round_assign(actor=chair, evaluation_round=r)
    esquel_member = commission.members.get(organization=esquel)
    assert not Assignment.objects.filter(entry__proposal=ours, member=esquel_member).exists()
    assert not Assignment.objects.filter(entry__proposal=other, member=expert2).exists()


def test_too_few_evaluators_refused_and_nothing_assigned(draft_round, chair):
    EvaluationRound.objects.filter(pk=draft_round.pk).update(evaluators_per_proposal=5)
    draft_round.refresh_from_db()
    services.round_open(actor=chair, evaluation_round=draft_round)
    with pytest.raises(ValidationError) as exc:
        services.round_assign(actor=chair, evaluation_round=draft_round)
    assert "Faltan personas evaluadoras" in messages(exc)
    assert "la ronda pide 5" in messages(exc)
    assert not Assignment.objects.filter(entry__round=draft_round).exists()


def _mine(open_round, n=2):
    return Assignment.objects.filter(entry__round=open_round, member__user=evaluator(n)).first()


def test_draft_then_submit(open_round):
    a = _mine(open_round)
    first = open_round.criteria.first()
    services.scores_save(actor=evaluator(2), assignment=a, scores={first.pk: (3, "")})
    assert Score.objects.get(assignment=a, criterion=first).value == 3
    services.scores_save(actor=evaluator(2), assignment=a, scores=full_sheet(a), submit=True)
    a.refresh_from_db()
    assert a.submitted_at is not None


@pytest.mark.parametrize("value", [0, 6, "x", -1])
def test_score_outside_1_5_refused(open_round, value):
    a = _mine(open_round)
    sheet = full_sheet(a)
    first = open_round.criteria.first()
    sheet[first.pk] = (value, GOOD)
    with pytest.raises(ValidationError) as exc:
        services.scores_save(actor=evaluator(2), assignment=a, scores=sheet, submit=True)
    assert "Relevancia: la puntuación va de 1 a 5." in messages(exc)
    assert not Score.objects.filter(assignment=a).exists()


def test_missing_or_short_justification_refuses_submit(open_round):
    a = _mine(open_round)
    sheet = full_sheet(a)
    crits = list(open_round.criteria.all())
    sheet[crits[0].pk] = (4, "")
    sheet[crits[1].pk] = (4, "corta")
    with pytest.raises(ValidationError) as exc:
        services.scores_save(actor=evaluator(2), assignment=a, scores=sheet, submit=True)
    assert exc.value.message_dict == {
        f"c{crits[0].pk}-justificacion": [
            "Relevancia: justifique la puntuación (al menos 20 caracteres)."
        ],
        f"c{crits[1].pk}-justificacion": [
            "Factibilidad: justifique la puntuación (al menos 20 caracteres)."
        ],
    }
    a.refresh_from_db()
    assert a.submitted_at is None and not a.scores.exists()


def test_too_long_justification_refused(open_round):
    a = _mine(open_round)
    sheet = full_sheet(a)
    sheet[open_round.criteria.first().pk] = (4, "x" * 1001)
    with pytest.raises(ValidationError) as exc:
        services.scores_save(actor=evaluator(2), assignment=a, scores=sheet)
    assert "el máximo es 1000" in messages(exc)


def test_scoring_after_deadline_refused(open_round):
    a = _mine(open_round)
    late = open_round.deadline + datetime.timedelta(minutes=1)
    with time_machine.travel(late), pytest.raises(ValidationError) as exc:
        services.scores_save(actor=evaluator(2), assignment=a, scores=full_sheet(a), submit=True)
    assert "La fecha límite de la ronda ya pasó" in messages(exc)
    assert not a.scores.exists()


def test_scoring_after_submit_refused(open_round):
    a = _mine(open_round)
    services.scores_save(actor=evaluator(2), assignment=a, scores=full_sheet(a), submit=True)
    with pytest.raises(ValidationError) as exc:
        services.scores_save(actor=evaluator(2), assignment=a, scores=full_sheet(a, 1))
    assert "ya fue enviada" in messages(exc)
    assert set(a.scores.values_list("value", flat=True)) == {4}


def test_conflicted_evaluator_cannot_score(open_round):
    a = _mine(open_round)
    member = a.member
    # A conflict declared after assignment removes the pending assignment...
    services.conflict_declare(
        actor=evaluator(2),
        member=member,
        proposal=a.entry.proposal,
        reason="Soy pariente de quien propone.",
    )
    assert not Assignment.objects.filter(pk=a.pk).exists()
    # ... and scoring it anyway is refused.
    b = Assignment.objects.create(entry=a.entry, member=member)
    with pytest.raises(ValidationError) as exc:
        services.scores_save(actor=evaluator(2), assignment=b, scores=full_sheet(b), submit=True)
    assert "conflicto de interés" in messages(exc)


def test_someone_else_cannot_score_my_assignment(open_round):
    a = _mine(open_round)
    with pytest.raises(ValidationError) as exc:
        services.scores_save(actor=evaluator(3), assignment=a, scores=full_sheet(a))
    assert "asignada a otra persona" in messages(exc)


def test_reassign_refuses_conflicted_and_submitted(open_round, chair, commission, esquel):
    entry = open_round.entries.first()
    assigned = {a.member_id for a in entry.assignments.all()}
    free = commission.members.exclude(pk__in=assigned).first()
    a = entry.assignments.exclude(member__user=free.user).first()
    services.conflict_declare(
        actor=free.user, member=free, proposal=entry.proposal, reason="Trabajé en esta propuesta."
    )
    with pytest.raises(ValidationError) as exc:
        services.assignment_reassign(actor=chair, assignment=a, member=free)
    assert "conflicto de interés" in messages(exc)
    services.scores_save(actor=a.member.user, assignment=a, scores=full_sheet(a), submit=True)
    with pytest.raises(ValidationError) as exc:
        services.assignment_reassign(actor=chair, assignment=a, member=free)
    assert "ya fue enviada" in messages(exc)


@pytest.mark.django_db(transaction=True)
def test_publish_applies_decisions_and_mails_each_proposer(open_round, chair, worker, plan):
    for a in Assignment.objects.filter(entry__round=open_round).select_related("member__user"):
        services.scores_save(
            actor=a.member.user, assignment=a, scores=full_sheet(a, 3 + a.entry_id % 3), submit=True
        )
    services.round_close(actor=chair, evaluation_round=open_round)
    entries = list(open_round.entries.order_by("proposal_id"))
    candidate = services.candidate_save(
        actor=chair, evaluation_round=open_round, name="Datos abiertos locales", entries=entries[:2]
    )
    text = "Respuesta razonada de la comisión con sus motivos."
    services.entry_decide(
        actor=chair,
        entry=entries[0],
        decision=Decision.GROUPED,
        candidate=candidate,
        response_text=text,
    )
    services.entry_decide(
        actor=chair,
        entry=entries[1],
        decision=Decision.GROUPED,
        candidate=candidate,
        response_text=text,
    )
    services.entry_decide(
        actor=chair, entry=entries[2], decision=Decision.SELECTED, response_text=text
    )
    with pytest.raises(ValidationError) as exc:
        services.round_publish(actor=chair, evaluation_round=open_round)
    assert "Faltan decisiones" in messages(exc)
    services.entry_decide(
        actor=chair, entry=entries[3], decision=Decision.NOT_SELECTED, response_text=text
    )
    worker()
    from django.core import mail

    mail.outbox.clear()
    services.round_publish(actor=chair, evaluation_round=open_round)
    statuses = {
        p.pk: p.status for p in Proposal.objects.filter(evaluation_entries__round=open_round)
    }
    ids = [e.proposal_id for e in entries]
    assert sorted(statuses[i] for i in ids[:2]) == sorted([Status.SELECTED, Status.MERGED])
    assert statuses[ids[2]] == Status.SELECTED
    assert statuses[ids[3]] == Status.NOT_SELECTED
    outbox = worker()
    assert len(outbox) == 4
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.PUBLISHED
    # The decisions went through the proposals services: the counts of public proposals moved.
    from abierto.proposals.counters import differences

    assert differences() == []


def test_a_withdrawn_proposal_needs_no_decision_and_keeps_its_state(open_round, chair):
    from abierto.proposals.services import proposal_withdraw

    for a in Assignment.objects.filter(entry__round=open_round).select_related("member__user"):
        services.scores_save(actor=a.member.user, assignment=a, scores=full_sheet(a), submit=True)
    services.round_close(actor=chair, evaluation_round=open_round)
    entries = list(open_round.entries.select_related("proposal").order_by("proposal_id"))
    proposal_withdraw(proposal=entries[0].proposal)
    for entry in entries[1:]:
        services.entry_decide(
            actor=chair,
            entry=entry,
            decision=Decision.NOT_SELECTED,
            response_text="La comisión no la selecciona por su puntaje.",
        )
    services.round_publish(actor=chair, evaluation_round=open_round)
    entries[0].proposal.refresh_from_db()
    assert entries[0].proposal.status == Status.WITHDRAWN


def test_saving_a_criterion_unchanged_while_locked_is_a_harmless_no_op(open_round, chair, plan):
    criterion = plan.criteria.first()
    plan_services.criterion_save(
        actor=chair,
        plan=plan,
        criterion=criterion,
        name=criterion.name,
        definition=criterion.definition,
        weight=criterion.weight,
        order=criterion.order,
    )
    with pytest.raises(ValidationError):
        plan_services.criterion_save(
            actor=chair, plan=plan, name="Nuevo criterio", definition="Otro.", weight=5
        )
    # A form that already copied the new values onto the instance changes nothing either.
    criterion.definition = "Cambiada en memoria por un formulario."
    with pytest.raises(ValidationError):
        plan_services.criterion_save(
            actor=chair,
            plan=plan,
            criterion=criterion,
            name=criterion.name,
            definition=criterion.definition,
            weight=criterion.weight,
            order=criterion.order,
        )
    criterion.refresh_from_db()
    assert criterion.definition != "Cambiada en memoria por un formulario."


def test_removing_a_member_keeps_their_submitted_scores_and_frees_the_rest(
    open_round, chair, commission
):
    done, pending = Assignment.objects.filter(entry__round=open_round, member__user=evaluator(2))[
        :2
    ]
    services.scores_save(actor=evaluator(2), assignment=done, scores=full_sheet(done), submit=True)
    member = done.member
    pending_count = Assignment.objects.filter(member=member, submitted_at__isnull=True).count()
    with pytest.raises(ValidationError) as exc:
        services.commission_member_remove(actor=chair, member=member, reason="corto")
    assert "al menos 10 caracteres" in messages(exc)

    released = services.commission_member_remove(
        actor=chair, member=member, reason="Asumió un cargo en una institución evaluada."
    )
    assert released == pending_count >= 1
    assert Assignment.objects.filter(pk=done.pk, submitted_at__isnull=False).exists()
    assert not Assignment.objects.filter(pk=pending.pk).exists()
    member.refresh_from_db()
    assert member.left_at is not None and not member.user.groups.filter(name="evaluacion").exists()
    # They can no longer score, be assigned or be given someone else's evaluation.
    other = Assignment.objects.filter(entry__round=open_round).exclude(member=member).first()
    with pytest.raises(ValidationError) as exc:
        services.assignment_reassign(actor=chair, assignment=other, member=member)
    assert "comisión de este plan" in messages(exc)
    services.round_assign(actor=chair, evaluation_round=open_round)
    assert not Assignment.objects.filter(
        entry__round=open_round, member=member, submitted_at__isnull=True
    ).exists()
    with pytest.raises(ValidationError) as exc:
        services.commission_member_remove(
            actor=chair, member=member, reason="Asumió un cargo en una institución evaluada."
        )
    assert "ya no integra" in messages(exc)
    # Adding them again brings them back.
    services.commission_member_add(
        actor=chair, commission=commission, user=member.user, kind=member.kind
    )
    member.refresh_from_db()
    assert member.left_at is None and member.left_reason == ""

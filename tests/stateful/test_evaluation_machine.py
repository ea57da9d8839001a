"""No sequence of evaluation services (round created, opened, assigned, scored, closed,
decided, published) reaches an invalid state, and the audit chain verifies after each."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule, run_state_machine_as_test

from abierto.evaluation import services
from abierto.evaluation.models import (
    Assignment,
    Decision,
    EvaluationRound,
    RoundEntry,
    RoundStatus,
    Score,
)
from abierto.proposals.models import Status

from ..evaluation.conftest import (  # noqa: F401 (fixtures)
    GOOD,
    chair,
    commission,
    esquel,
    plan,
    proposals,
)
from .machine import ServiceMachine

ORDER = [RoundStatus.DRAFT, RoundStatus.OPEN, RoundStatus.CLOSED, RoundStatus.PUBLISHED]
RESPONSE = "Respuesta razonada de la comisión sobre esta propuesta."


class EvaluationMachine(ServiceMachine):
    plan = None
    chair = None

    @initialize()
    def round(self):
        self.item = services.round_create(
            actor=self.chair,
            plan=self.plan,
            name="Ronda de la máquina de estados",
            deadline=timezone.now() + datetime.timedelta(days=10),
            evaluators_per_proposal=2,
        )
        self.seen = RoundStatus.DRAFT

    def _round(self):
        return EvaluationRound.objects.get(pk=self.item.pk)

    def _step(self, service):
        before = self._round().status
        done = self.attempt(service, actor=self.chair, evaluation_round=self._round())
        after = self._round().status
        if done is None:
            assert after == before
        return done

    @rule()
    def open(self):
        if self._step(services.round_open) is not None:
            assert self._round().criteria.exists()

    @rule()
    def assign(self):
        self._step(services.round_assign)

    @rule()
    def close(self):
        self._step(services.round_close)

    @rule()
    def publish(self):
        self._step(services.round_publish)

    @staticmethod
    def _sheet(assignment) -> list:
        # Per criterion, not sorted by value: a draft may hold several blanks (None), which
        # do not sort.
        rows = Score.objects.filter(assignment=assignment).order_by("criterion_id")
        return list(rows.values_list("criterion_id", "value"))

    @rule(data=st.data(), value=st.sampled_from([1, 3, 5, 6, None]), submit=st.booleans())
    def score(self, data, value, submit):
        assignments = list(Assignment.objects.filter(entry__round=self.item).order_by("id"))
        if not assignments:
            return
        assignment = data.draw(st.sampled_from(assignments))
        sheet = {c.pk: (value, GOOD) for c in self.item.criteria.all()}
        before = self._sheet(assignment)
        was_submitted = assignment.submitted_at is not None
        done = self.attempt(
            services.scores_save,
            actor=assignment.member.user,
            assignment=assignment,
            scores=sheet,
            submit=submit,
        )
        after = self._sheet(assignment)
        if done is None or was_submitted:
            assert after == before  # refused, or a replay of a final sheet: nothing changes

    @rule(data=st.data(), decision=st.sampled_from(Decision.values))
    def decide(self, data, decision):
        entries = list(RoundEntry.objects.filter(round=self.item).order_by("id"))
        if not entries:
            return
        entry = data.draw(st.sampled_from(entries))
        self.attempt(
            services.entry_decide,
            actor=self.chair,
            entry=entry,
            decision=decision,
            response_text=RESPONSE,
        )

    @invariant()
    def valid(self):
        current = self._round()
        assert current.status in RoundStatus.values
        assert ORDER.index(current.status) >= ORDER.index(self.seen), "la ronda volvió atrás"
        self.seen = current.status
        entries = RoundEntry.objects.filter(round=current)
        for entry in entries:
            members = list(entry.assignments.values_list("member_id", flat=True))
            assert len(members) == len(set(members)), "un evaluador asignado dos veces"
            assert len(members) <= current.evaluators_per_proposal
            if entry.decision == Decision.GROUPED:
                assert entry.candidate_id is not None
            if current.status == RoundStatus.PUBLISHED and entry.decision:
                status = entry.proposal.status
                expected = {
                    Decision.SELECTED: {Status.SELECTED},
                    Decision.NOT_SELECTED: {Status.NOT_SELECTED},
                    Decision.GROUPED: {Status.SELECTED, Status.MERGED},
                }[entry.decision]
                assert status in expected | {Status.WITHDRAWN}, (entry.decision, status)
        if current.status == RoundStatus.DRAFT:
            assert not Assignment.objects.filter(entry__round=current).exists()
        count = current.criteria.count()
        for assignment in Assignment.objects.filter(entry__round=current):
            values = list(assignment.scores.values_list("value", flat=True))
            assert all(v is None or 1 <= v <= 5 for v in values)
            if assignment.submitted_at is not None:
                assert len(values) == count and None not in values


@pytest.mark.django_db
def test_no_sequence_of_evaluation_services_reaches_an_invalid_state(
    plan,  # noqa: F811
    commission,  # noqa: F811
    chair,  # noqa: F811
    proposals,  # noqa: F811
):
    EvaluationMachine.plan = plan
    EvaluationMachine.chair = chair
    run_state_machine_as_test(
        EvaluationMachine, settings=settings(max_examples=20, stateful_step_count=12)
    )

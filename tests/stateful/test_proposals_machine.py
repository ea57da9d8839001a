"""No sequence of proposal services (submit, move, decide, merge, withdraw, correct, reopen,
hide, report) reaches a state the lifecycle does not allow, the audit chain verifies after
each, and the counter table always says what a GROUP BY over the public proposals says."""

import itertools
import uuid

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, initialize, invariant, rule, run_state_machine_as_test

from abierto.core.models import ActionLog
from abierto.proposals import counters, services
from abierto.proposals.models import DECISION_STATUSES, TRANSITIONS, Proposal, Status

from ..proposals.conftest import plan  # noqa: F401 (fixture)
from .machine import ServiceMachine

REASON = "Motivo público suficientemente largo para el historial."
RESPONSE = "Respuesta razonada y pública del Grupo Núcleo a la propuesta."
_numbers = itertools.count(1)


def reachable(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


class ProposalMachine(ServiceMachine):
    plan = None
    staff = None
    proposals = Bundle("proposals")

    @initialize(target=proposals)
    def first(self):
        return self.submit(province="pichincha", with_axis=True)

    @rule(
        target=proposals,
        province=st.sampled_from(["pichincha", "azuay", "nacional"]),
        with_axis=st.booleans(),
    )
    def submit(self, province, with_axis):
        n = next(_numbers)
        token = uuid.uuid4()
        kwargs = {
            "actor": None,
            "plan": self.plan,
            "title": f"Propuesta de prueba número {n}",
            "problem": "Un problema público descrito con claridad suficiente.",
            "solution": "Una solución concreta y verificable para el problema.",
            "beneficiaries": "La ciudadanía en general.",
            "province": province,
            "axis": self.plan.axes.first() if with_axis else None,
            "theme": self.plan.themes.first() if n % 2 else None,
            "proposer_type": "ciudadania",
            "contact_name": "Ana Quispe",
            "contact_email": f"ana{n}@example.org",
            "idempotency_token": token,
        }
        proposal, created = services.proposal_submit(**kwargs)
        assert created
        again, created_again = services.proposal_submit(**kwargs)  # a double click
        assert again.pk == proposal.pk and not created_again
        return proposal.pk

    def _status(self, pk):
        return Proposal.objects.get(pk=pk).status

    @rule(pk=proposals, to=st.sampled_from([Status.IN_REVIEW, Status.IN_EVALUATION]))
    def move(self, pk, to):
        before = self._status(pk)
        done = self.attempt(
            services.proposal_transition, actor=self.staff, proposal=Proposal(pk=pk), to_status=to
        )
        after = self._status(pk)
        if done is None:
            assert after == before
        else:
            assert after == to and (to == before or to in reachable(before))

    @rule(pk=proposals, to=st.sampled_from(sorted(DECISION_STATUSES)), other=proposals)
    def decide(self, pk, to, other):
        before = self._status(pk)
        done = self.attempt(
            services.proposal_decide,
            actor=self.staff,
            proposal=Proposal.objects.get(pk=pk),
            to_status=to,
            response_text=RESPONSE,
            merged_into=Proposal.objects.get(pk=other),
        )
        after = self._status(pk)
        if done is None:
            assert after == before
        else:
            assert after == to and to in reachable(before)

    @rule(pk=proposals)
    def withdraw(self, pk):
        before = self._status(pk)
        done = self.attempt(services.proposal_withdraw, proposal=Proposal(pk=pk))
        after = self._status(pk)
        assert after == (Status.WITHDRAWN if done is not None else before)
        if done is not None:
            assert Status.WITHDRAWN in TRANSITIONS[before]

    @rule(pk=proposals, to=st.sampled_from(sorted(DECISION_STATUSES)), other=proposals)
    def correct(self, pk, to, other):
        before = self._status(pk)
        done = self.attempt(
            services.proposal_correct,
            actor=self.staff,
            proposal=Proposal.objects.get(pk=pk),
            to_status=to,
            response_text=RESPONSE + f" Corregida a {to}.",
            reason=REASON,
            merged_into=Proposal.objects.get(pk=other),
        )
        after = self._status(pk)
        if done is None:
            assert after == before
        else:
            assert before in DECISION_STATUSES and after == to

    @rule(pk=proposals)
    def reopen(self, pk):
        before = self._status(pk)
        done = self.attempt(
            services.proposal_reopen, actor=self.staff, proposal=Proposal(pk=pk), reason=REASON
        )
        after = self._status(pk)
        if done is None:
            assert after == before
        else:
            assert before in DECISION_STATUSES and after == Status.IN_EVALUATION

    @rule(pk=proposals, hide=st.booleans())
    def moderate(self, pk, hide):
        if hide:
            services.proposal_hide(actor=self.staff, proposal=Proposal(pk=pk), reason="Spam")
        else:
            services.proposal_unhide(actor=self.staff, proposal=Proposal(pk=pk))
        assert Proposal.objects.get(pk=pk).is_hidden == hide

    @rule(pk=proposals, who=st.sampled_from(["a", "b", "c"]))
    def report(self, pk, who):
        """A visitor reports it; at the plan's threshold (3) it is hidden."""
        self.attempt(
            services.report_submit,
            proposal=Proposal(pk=pk),
            reason="spam",
            reporter_key=f"{who}-{pk}",
        )

    @rule(pk=proposals, restore=st.booleans())
    def review_reports(self, pk, restore):
        self.attempt(
            services.reports_review,
            actor=self.staff,
            proposal=Proposal(pk=pk),
            restore=restore,
            reason="Sigue oculta tras la revisión del Grupo Núcleo.",
        )

    @invariant()
    def the_counters_say_what_a_group_by_says(self):
        assert counters.differences() == []

    @invariant()
    def every_proposal_is_in_a_valid_state(self):
        for p in Proposal.objects.filter(plan=self.plan):
            assert p.status in Status.values
            decided = p.status in DECISION_STATUSES
            assert bool(p.response_text) == decided, (p.status, p.response_text)
            assert (p.merged_into_id is not None) == (p.status == Status.MERGED)
            if p.merged_into_id is not None:
                target = Proposal.objects.get(pk=p.merged_into_id)
                assert target.pk != p.pk and target.plan_id == p.plan_id
            assert p.tracking_code and p.idempotency_token
            assert ActionLog.objects.filter(object_id=str(p.pk)).exists()


@pytest.mark.django_db
def test_no_sequence_of_proposal_services_reaches_an_invalid_state(plan, forum_member):  # noqa: F811
    ProposalMachine.plan = plan
    ProposalMachine.staff = forum_member
    run_state_machine_as_test(
        ProposalMachine, settings=settings(max_examples=15, stateful_step_count=12)
    )

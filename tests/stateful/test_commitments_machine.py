"""No sequence of commitment services (lifecycle transitions, milestone progress, evidence
sent, verified or rejected, progress reports) reaches an invalid state, and the audit chain
verifies after each sequence."""

import datetime

import pytest
from django.db.models import Count, Q
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule, run_state_machine_as_test

from abierto.commitments import services
from abierto.commitments.models import (
    TRANSITIONS,
    Commitment,
    Evidence,
    EvidenceStatus,
    Milestone,
    MilestoneStatus,
    ProgressReport,
    Status,
)

from ..commitments.factories import make_commitment, make_liaison, make_org, make_plan
from .machine import ServiceMachine

ACTA = "https://example.org/acta-firmada.pdf"


class CommitmentMachine(ServiceMachine):
    staff = None
    liaison = None
    lead = None
    plan = None

    @initialize(start=st.sampled_from([Status.DRAFT, Status.FORMALIZED, Status.IN_PROGRESS]))
    def commitment(self, start):
        self.item = make_commitment(self.staff, plan=self.plan, lead=self.lead, status=start)
        self.milestones = list(self.item.milestones.order_by("id").values_list("pk", flat=True))
        self.reports = 0

    def _status(self):
        return Commitment.objects.get(pk=self.item.pk).status

    @rule(to=st.sampled_from(Status.values))
    def transition(self, to):
        before = self._status()
        done = self.attempt(
            services.commitment_transition,
            actor=self.staff,
            commitment=Commitment.objects.get(pk=self.item.pk),
            status=to,
            acta_url=ACTA,
        )
        after = self._status()
        if done is None:
            assert after == before
        else:
            assert to in TRANSITIONS[before] and after == to

    @rule(n=st.integers(0, 1), progress=st.sampled_from([0, 1, 30, 99, 100, 101, -1]))
    def progress(self, n, progress):
        milestone = Milestone.objects.get(pk=self.milestones[n])
        before = (milestone.progress, milestone.status)
        done = self.attempt(
            services.milestone_report_progress,
            actor=self.liaison,
            milestone=milestone,
            progress=progress,
        )
        milestone.refresh_from_db()
        if done is None:
            assert (milestone.progress, milestone.status) == before
        else:
            assert 0 <= progress <= 100 and milestone.progress in (progress, 100)

    @rule(n=st.integers(0, 1))
    def send_evidence(self, n):
        self.attempt(
            services.evidence_submit,
            actor=self.liaison,
            milestone=Milestone.objects.get(pk=self.milestones[n]),
            description="Enlace a la publicación del entregable",
            url="https://example.org/entregable",
        )

    @precondition(lambda self: Evidence.objects.filter(status=EvidenceStatus.PENDING).exists())
    @rule(verify=st.booleans(), data=st.data())
    def review_evidence(self, verify, data):
        pending = list(
            Evidence.objects.filter(
                milestone__commitment=self.item, status=EvidenceStatus.PENDING
            ).order_by("id")
        )
        if not pending:
            return
        evidence = data.draw(st.sampled_from(pending))
        if verify:
            self.attempt(services.evidence_verify, actor=self.staff, evidence=evidence)
        else:
            self.attempt(
                services.evidence_reject,
                actor=self.staff,
                evidence=evidence,
                reason="El enlace no muestra el entregable.",
            )
        evidence.refresh_from_db()
        assert evidence.status != EvidenceStatus.PENDING  # reporting closed does not block it

    @rule(days=st.integers(1, 60))
    def report(self, days):
        end = datetime.date(2026, 1, 31)
        kwargs = {
            "actor": self.liaison,
            "commitment": Commitment.objects.get(pk=self.item.pk),
            "period_start": end - datetime.timedelta(days=days),
            "period_end": end,
            "narrative": f"Avances de los últimos {days} días.",
        }
        first = self.attempt(services.report_submit, **kwargs)
        if first is not None:
            again = services.report_submit(**kwargs)  # the same report sent twice: one row
            assert again.pk == first.pk

    @invariant()
    def valid(self):
        commitment = Commitment.objects.get(pk=self.item.pk)
        assert commitment.status in Status.values
        if commitment.status in {Status.FORMALIZED, Status.IN_PROGRESS, Status.COMPLETED}:
            assert commitment.acta_url
        for m in Milestone.objects.filter(commitment=commitment).annotate(
            verified=Count("evidence", filter=Q(evidence__status=EvidenceStatus.VERIFIED))
        ):
            assert 0 <= m.progress <= 100
            expected = (
                MilestoneStatus.COMPLETED
                if m.progress == 100
                else MilestoneStatus.IN_PROGRESS
                if m.progress
                else MilestoneStatus.NOT_STARTED
            )
            assert m.status == expected, (m.progress, m.status)
            if m.status == MilestoneStatus.COMPLETED:
                assert m.verified >= 1, "un hito cumplido sin evidencia verificada"
        for e in Evidence.objects.filter(milestone__commitment=commitment):
            assert e.status in EvidenceStatus.values
            assert (e.reviewed_at is not None) == (e.status != EvidenceStatus.PENDING)
            assert bool(e.rejection_reason) == (e.status == EvidenceStatus.REJECTED)
        reports = ProgressReport.objects.filter(commitment=commitment)
        assert (
            reports.count()
            == reports.values("period_start", "period_end", "narrative", "author")
            .distinct()
            .count()
        ), "un reporte repetido"


@pytest.mark.django_db
def test_no_sequence_of_commitment_services_reaches_an_invalid_state(forum_member):
    lead = make_org("Institución de la máquina de estados")
    CommitmentMachine.staff = forum_member
    CommitmentMachine.lead = lead
    CommitmentMachine.liaison = make_liaison("enlace.maquina@example.org", lead)
    CommitmentMachine.plan = make_plan()
    run_state_machine_as_test(CommitmentMachine, settings=settings_for_machine())


def settings_for_machine():
    return settings(max_examples=20, stateful_step_count=12)

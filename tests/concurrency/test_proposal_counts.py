"""Forty different submissions at once: the counter table of public proposals ends exact.

Most of them share a counter row (same plan, status, province, channel), and the first ones
race to create rows that do not exist yet: the upsert on the unique key must neither lose an
increment nor create a key twice.
"""

import uuid

import pytest

from abierto.proposals import counters, services
from abierto.proposals.models import Proposal, ProposalCount

from ..proposals.conftest import plan  # noqa: F401 (fixture)
from .burst import burst, in_thread, threads_database

THREADS = 40
PROVINCES = ["azuay", "loja", "pichincha"]


@pytest.mark.django_db(transaction=True)
def test_forty_concurrent_submissions_leave_exact_counts(plan, tmp_path):  # noqa: F811
    axis = plan.axes.first()
    theme = plan.themes.first()

    def send(i):
        yield
        _proposal, created = services.proposal_submit(
            actor=None,
            plan=plan,
            title=f"Propuesta simultánea número {i}",
            problem="Un problema público descrito con claridad suficiente.",
            solution="Una solución concreta y verificable para el problema.",
            beneficiaries="La ciudadanía en general.",
            province=PROVINCES[i % len(PROVINCES)],
            proposer_type="ciudadania",
            contact_name="Persona de prueba",
            axis=axis if i % 2 else None,
            theme=theme if i % 5 else None,
            idempotency_token=uuid.uuid4(),
        )
        return created

    with threads_database(tmp_path):
        assert burst(THREADS, send) == [True] * THREADS
        wrong, proposals, counted, per_province = in_thread(
            lambda: (
                counters.differences(),
                Proposal.objects.count(),
                sum(
                    ProposalCount.objects.filter(axis_id=0, theme_id=0).values_list("n", flat=True)
                ),
                dict(
                    ProposalCount.objects.filter(axis_id=0, theme_id=0).values_list("province", "n")
                ),
            )
        )
    assert wrong == []
    assert proposals == counted == THREADS
    assert per_province == {"azuay": 14, "loja": 13, "pichincha": 13}

"""Exports stream: memory stays flat whatever the number of rows."""

import tracemalloc
import uuid

import pytest
from django.utils import timezone

from abierto.proposals import demo
from abierto.proposals.models import Proposal

pytestmark = pytest.mark.django_db

ROWS = 50_000
LIMIT = 20 * 1024 * 1024


def fill(plan, rows: int) -> None:
    """Bulk rows for a volume test (a fixture, not a domain write: no service needed)."""
    now = timezone.now()
    axis = plan.axes.first()
    batch = []
    for i in range(rows):
        batch.append(
            Proposal(
                plan=plan,
                axis=axis,
                title=f"Propuesta de volumen número {i} sobre datos abiertos municipales",
                problem="Un problema descrito con algunas palabras más " * 4,
                solution="Una solución descrita con algunas palabras más " * 4,
                beneficiaries="Ciudadanía",
                province="pichincha",
                proposer_type="ciudadania",
                status_changed_at=now,
                created_at=now,
                tracking_code=f"V{i:015d}",
                idempotency_token=uuid.uuid4(),
                contact_name="Persona Privada",
                contact_email=f"privada{i}@example.org",
                consent_at=now,
            )
        )
        if len(batch) == 5000:
            Proposal.objects.bulk_create(batch)
            batch = []
    Proposal.objects.bulk_create(batch)


@pytest.mark.timeout(600)  # tracemalloc slows every allocation, PostgreSQL more so
def test_fifty_thousand_proposals_stream_with_flat_memory(client):
    """CSV traced (tracemalloc slows every allocation: one format keeps the test near a
    minute); the JSON writer reads rows through the same iterator (``formats.dataset_rows``)."""
    plan = demo._example_plan(timezone.localdate())
    fill(plan, ROWS)
    response = client.get("/datos/propuestas.csv")
    assert response.streaming
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        total = 0
        lines = 0
        for chunk in response.streaming_content:
            total += len(chunk)
            lines += chunk.count(b"\n")
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert lines >= ROWS  # every row went out
    assert total > 20 * 1024 * 1024  # more than the limit went through memory
    assert peak < LIMIT, f"peak memory growth {peak / 1e6:.1f} MB"

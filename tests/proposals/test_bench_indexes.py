"""The public proposal reads use indexes that match them (found with ``make bench`` and
EXPLAIN). SQLite is checked without statistics, as a site runs it (no ANALYZE): the planner
must find the index by its shape alone."""

import pytest
from django.db import connection
from django.db.models import Count

from abierto.proposals import selectors
from abierto.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def _plan(qs) -> str:
    return qs.explain()


@pytest.fixture(autouse=True)
def _sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("Planes de consulta de SQLite (PostgreSQL los elige por estadísticas).")


def test_merged_into_this_reads_its_own_index():
    # The detail page's "merged into this one": is_hidden = 0 AND merged_into_id = N ORDER BY id
    qs = Proposal.public_objects.filter(merged_into_id=1).only("id", "title").order_by("id")
    plan = _plan(qs)
    assert "proposal_merged_public" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize(
    ("column", "index"),
    [
        ("status", "proposal_public_status"),
        ("province", "proposal_public_province"),
        ("channel", "proposal_public_channel"),
        ("plan_id", "proposal_public_plan"),
    ],
)
def test_facet_counts_read_one_covering_range(column, index):
    qs = selectors.filtered_public_proposals({}).order_by().values(column).annotate(n=Count("id"))
    plan = _plan(qs)
    assert f"COVERING INDEX {index}" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_filtered_page_seeks_on_a_public_filter_index():
    qs = selectors.filtered_public_proposals({"province": "azuay", "status": "recibida"})
    plan = _plan(qs.order_by("-id")[:21])
    assert "proposal_public_" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_a_commitments_source_proposals_read_their_own_index():
    # The commitment page: commitment_id = N AND is_hidden = 0 (commitments.selectors).
    from abierto.commitments.models import Commitment

    plan = _plan(Commitment(pk=1).source_proposals.filter(is_hidden=False).only("id", "title"))
    assert "proposal_commitment_public" in plan, plan


def test_a_mesas_public_proposal_count_reads_its_own_index():
    # The mesa's page: COUNT(*) WHERE is_hidden = 0 AND mesa_id = N (proposals.selectors).
    from abierto.mesas.models import Mesa

    plan = _plan(Proposal.public_objects.filter(mesa=Mesa(pk=1)).order_by())
    assert "proposal_mesa_public" in plan, plan

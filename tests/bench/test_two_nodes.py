"""Two app servers sharing PostgreSQL and Redis act as one site (issue 9, ``make bench
NODES=2``): sessions, cache invalidation and rate limits hold across them.

It runs the bench at the tiny scale with two gunicorn servers on different ports: every
citizen of the submission burst alternates between the nodes at each step (form on one,
review on the other, send on the first: session, CSRF cookie and idempotency token must be
shared), then ``bench/crossnode.py`` checks that status look-ups from one address are refused
after the limit counted once across both nodes, and that a proposal sent through node A shows
at once in node B's list (kept whole in the shared cache).

Only where the site runs on PostgreSQL and Redis (the second pass of ``.ci/run``): two nodes
on the embedded SQLite with per-process caches are not a supported deployment.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = bool(os.environ.get("DATABASE_URL")) and bool(os.environ.get("REDIS_URL"))


@pytest.mark.bench
@pytest.mark.timeout(320)
@pytest.mark.skipif(not SHARED, reason="Dos nodos necesitan DATABASE_URL y REDIS_URL.")
def test_two_nodes_share_sessions_cache_and_rate_limits(tmp_path):
    if not shutil.which("wrk") and not shutil.which("apt-get"):
        pytest.skip("Ni wrk ni apt-get para instalarlo.")
    out = tmp_path / "dos-nodos.json"
    env = {
        k: v for k, v in os.environ.items() if k not in {"ABIERTO_ENV", "DJANGO_SETTINGS_MODULE"}
    }
    run = subprocess.run(
        [
            sys.executable,
            "bench/run.py",
            "--scale",
            "T",
            "--nodes",
            "2",
            "--only",
            "proposal_list,proposal_submit",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    result = json.loads(out.read_text())
    assert result["nodes"] == 2
    cross = result["cross_node"]
    # A proposal sent through node A is counted at once by node B's kept list page.
    assert cross["cache_invalidation"]["ok"], report
    assert cross["cache_invalidation"]["after"] == cross["cache_invalidation"]["before"] + 1
    # The status look-up limit is counted once for both nodes: the one past it is refused.
    assert cross["rate_limit"]["ok"], report
    assert cross["rate_limit"]["statuses"][-1] == 429
    # Sessions: every citizen went through both nodes, and every proposal arrived once.
    rows = {row["family"]: row for row in result["pages"]}
    submit = rows["proposal_submit"]["extra"]
    assert submit["created"] == submit["submissions"] > 0
    assert submit["lost"] == submit["duplicates"] == 0
    assert rows["proposal_submit"]["errors"] == 0

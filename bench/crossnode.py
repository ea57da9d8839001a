"""Two nodes behave as one site (``--nodes 2``): checks run after the load.

- **Rate limits**: status look-ups from one address, alternating between the nodes, are
  refused after the limit (``status_ip``) counted once across both (shared Redis).
- **Cache invalidation**: a proposal sent through node A shows in the list total of node B at
  once (the list page is kept whole in the shared Redis for anonymous visitors and its counts
  under a version; the submission bumps the proposals table's generation and the version).
- **Sessions** need no check here: every citizen of the submission burst already alternates
  between the nodes at each step (session, CSRF cookie and idempotency token).
"""

from __future__ import annotations

import re
import time
import urllib.parse

from load import _TOKEN, _Session, fetch

_TOTAL = re.compile(r'<p role="status">\s*([\d.,\s\xa0]+?)\s+propuesta')


def _list_total(base: str) -> int:
    status, _headers, body = fetch(base, "/propuestas/")
    found = _TOTAL.search(body.decode())
    if status != 200 or not found:
        raise RuntimeError(f"GET /propuestas/ en {base}: {status}")
    return int(re.sub(r"\D", "", found.group(1)))


def rate_limit_across_nodes(bases: list[str], codes: list[str]) -> dict:
    from abierto.core.ratelimit import limit_for

    limit, _window = limit_for("status_ip")
    sessions = [_Session(base) for base in bases]
    tokens = []
    for session in sessions:
        _status, _answer, body = session.request("GET", "/propuestas/estado/")
        found = _TOKEN.search(body.decode())
        tokens.append(found.group(1) if found else "")
    statuses = []
    for n in range(limit + 1):
        k = n % len(sessions)
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": tokens[k], "code": codes[0]})
        status, _answer, _body = sessions[k].request(
            "POST",
            "/propuestas/estado/",
            form.encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": sessions[k].base,
                "X-Forwarded-For": "192.0.2.77",  # one address for every look-up
            },
        )
        statuses.append(status)
    ok = all(s == 200 for s in statuses[:limit]) and statuses[limit] == 429
    return {"ok": ok, "limit": limit, "statuses": statuses[-3:]}


def invalidation_across_nodes(bases: list[str]) -> dict:
    from submission import Citizen

    from abierto.proposals.forms import min_fill_seconds

    before = _list_total(bases[1])  # cached on node B (and in Redis)
    citizen = Citizen(999_999, [bases[0]], lambda *args: None)  # every step through node A
    problem = citizen.open_form()
    if problem is None:
        time.sleep(min_fill_seconds() + 1)
        problem = citizen.send()
    after = _list_total(bases[1])
    return {
        "ok": problem is None and after == before + 1,
        "before": before,
        "after": after,
        "problem": problem,
    }


def check(bases: list[str], facts: dict) -> dict:
    results = {}
    for name, run in (
        ("rate_limit", lambda: rate_limit_across_nodes(bases, facts["proposal_codes"])),
        ("cache_invalidation", lambda: invalidation_across_nodes(bases)),
    ):
        try:
            results[name] = run()
        except Exception as exc:  # a broken check is a failed check, not a lost run
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    return results

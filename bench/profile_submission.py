"""Where one proposal submission spends its time: cProfile, in-process, on a built dataset.

    .venv/bin/python bench/profile_submission.py [--proposals 3000] [--calls 200]
        [--data-dir /tmp/abierto-profile] [--top 25]

Builds (once, kept in ``--data-dir``) the bench's deterministic dataset with ``--proposals``
proposals, in a scratch site with production settings (``bench/scratch.py``), then measures:

1. ``proposals.services.proposal_submit`` called ``--calls`` times (a fresh token and mailbox
   each): milliseconds per call, then the same calls under cProfile with the share of the
   steps that matter (the INSERT, the audit row, the receipt, the commit, ...);
2. the public «Enviar» POST (the review page's fields, ``paso=enviar``) through the whole
   middleware stack with Django's test client (CSRF enforced), each from its own browser
   (session, cookies, address): milliseconds per POST and the same shares.

Run from the checkout to measure (its ``abierto`` is imported). Nothing here is a test: the
figures go to ``docs/operations.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

#: (label, substring of "file:function") of the steps reported; the first match counts.
STEPS = [
    ("proposal_submit (service)", "proposals/services.py:proposal_submit"),
    ("  proposal INSERT (save)", "proposals/services.py:proposal_submit>save"),
    ("  full_clean", "db/models/base.py:full_clean"),
    ("  _check_reception", "proposals/services.py:_check_reception"),
    ("  audit.record", "core/audit.py:record"),
    ("  _refresh_search_vector", "proposals/services.py:_refresh_search_vector"),
    ("  _changed (list version)", "proposals/services.py:_changed"),
    ("  _mail_proposer (render + queue)", "proposals/services.py:_mail_proposer"),
    ("  official_text", "core/services.py:official_text"),
    ("  render_to_string", "template/loader.py:render_to_string"),
    ("  task enqueue (DBTaskResult INSERT)", "django_tasks_db/backend.py:enqueue"),
    ("  COMMIT", "db/backends/base/base.py:commit"),
    ("  on-commit callbacks", "db/backends/base/base.py:run_and_clear_commit_hooks"),
    ("view: _open_plan", "proposals/views.py:_open_plan"),
    ("view: ProposalForm.is_valid", "forms/forms.py:is_valid"),
    ("view: rate limits (hit_once)", "core/ratelimit.py:hit_once"),
    ("session save", "sessions/backends/db.py:save"),
    ("session load", "sessions/backends/db.py:load"),
    ("SQL execute (all)", "db/backends/utils.py:_execute"),
]


def build(folder: Path, proposals: int) -> None:
    import families
    import run
    from django.core.management import call_command
    from families import SCALES, Scale

    families.discover()
    # As bench/run.py: the demo renders PDFs whose stylesheets come from the manifest storage.
    call_command("collectstatic", interactive=False, verbosity=0)
    tiny = SCALES["T"]
    scale = Scale(
        "P" + str(proposals),
        counts={**tiny.counts, "proposals": proposals},
        seconds=tiny.seconds,
        connections=tiny.connections,
        submissions=tiny.submissions,
    )
    run.build_dataset(scale, folder, run.kept_dataset(folder, scale))


def _key(func: tuple[str, int, str]) -> str:
    return f"{func[0]}:{func[2]}"


def shares(profile: cProfile.Profile, total_seconds: float, calls: int) -> list[str]:
    """Milliseconds per submission and share of the total of each step of ``STEPS``."""
    stats = pstats.Stats(profile)
    table = stats.stats  # type: ignore[attr-defined]
    lines = []
    for label, wanted in STEPS:
        parent = None
        if ">" in wanted:
            parent, wanted = wanted.split(">")
        cumulative = 0.0
        for func, (_cc, _nc, _tt, ct, callers) in table.items():
            if parent is None:
                if _key(func).endswith(wanted):
                    cumulative += ct
            elif func[2] == wanted:
                # Only the part called from ``parent`` (Model.save is called elsewhere too).
                for caller, caller_stats in callers.items():
                    if _key(caller).endswith(parent):
                        cumulative += caller_stats[3]
        if cumulative:
            ms = cumulative * 1000 / calls
            lines.append(f"  {label:<40} {ms:7.2f} ms  {100 * cumulative / total_seconds:5.1f}%")
    return lines


def submit_kwargs(plan, axis, n: int) -> dict:
    return {
        "plan": plan,
        "title": f"Perfil {n}: datos abiertos de obras públicas en mi cantón",
        "problem": f"Caso {n}: las obras del cantón no publican avance ni presupuesto y la "
        "comunidad no puede vigilarlas.",
        "solution": "Publicar cada mes el avance físico y financiero de cada obra en datos "
        "abiertos, con fotos y contratos.",
        "beneficiaries": "Vecinos, veedurías y periodistas locales.",
        "axis": axis,
        "province": "pichincha",
        "proposer_type": "ciudadania",
        "contact_name": f"Persona {n}",
        "contact_email": f"perfil{n}-{uuid.uuid4().hex[:8]}@perfil.example.org",
        "idempotency_token": uuid.uuid4(),
    }


def profile_service(calls: int, top: int) -> None:
    from django.contrib.auth.models import AnonymousUser

    from abierto.plans.selectors import open_proposal_stage
    from abierto.proposals import services

    plan = open_proposal_stage().plan
    province = services.Proposal.objects.values_list("province", flat=True).first()
    proposer_type = services.Proposal.objects.values_list("proposer_type", flat=True).first()
    axis = plan.axes.order_by("id").first()

    def one(n: int) -> None:
        kwargs = submit_kwargs(plan, axis, n)
        kwargs.update(province=province, proposer_type=proposer_type)
        services.proposal_submit(actor=AnonymousUser(), **kwargs)

    for n in range(5):  # warm: templates compiled, content types cached
        one(n)
    from django.db import connection

    statements: list[str] = []

    def note(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        one(999)
    print(f"\nSQL statements per proposal_submit: {len(statements)}")
    for sql in statements:
        print("   ", sql[:110])
    started, cpu = time.perf_counter(), time.process_time()
    for n in range(calls):
        one(1000 + n)
    plain, cpu = time.perf_counter() - started, time.process_time() - cpu
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for n in range(calls):
        one(2000 + n)
    profile.disable()
    profiled = time.perf_counter() - started
    print(
        f"\nproposal_submit: {1000 * plain / calls:.1f} ms per call, {1000 * cpu / calls:.1f} ms "
        f"of CPU ({calls} calls, no profiler)"
    )
    print(f"under cProfile: {1000 * profiled / calls:.1f} ms per call; shares of that:")
    print("\n".join(shares(profile, profiled, calls)))
    if top:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(top)


def profile_view(calls: int, top: int) -> None:
    from django.test import Client
    from submission import filled_form, parse, proposal_form

    from abierto.proposals.forms import min_fill_seconds

    host = {"SERVER_NAME": "127.0.0.1"}
    ready = []
    for n in range(calls + 5):
        client = Client(enforce_csrf_checks=True, **host)
        ip = f"10.99.{n // 250}.{n % 250 + 1}"
        page = proposal_form(parse(client.get("/propuestas/nueva/", REMOTE_ADDR=ip).content))
        fields = filled_form(
            page, n, title="Perfil web", email=f"web{n}-{uuid.uuid4().hex[:8]}@perfil.example.org"
        )
        answer = client.post(page["action"], fields, HTTP_X_FORWARDED_FOR=ip, REMOTE_ADDR=ip)
        review = proposal_form(parse(answer.content))
        sent = {name: value for name, kind, value, _c in review["fields"] if kind == "hidden"}
        sent.update(consent="on", paso="enviar")
        ready.append((client, review["action"], sent, ip))
    time.sleep(min_fill_seconds() + 1)

    queries: list[int] = []

    def send(item) -> None:
        client, action, data, ip = item
        answer = client.post(action, data, HTTP_X_FORWARDED_FOR=ip, REMOTE_ADDR=ip)
        assert answer.status_code == 302, (answer.status_code, answer.content[:2000])
        queries.append(int(answer.get("X-Bench-Queries", -1)))

    for item in ready[:5]:
        send(item)
    rest = ready[5:]
    half = len(rest) // 2
    started, cpu = time.perf_counter(), time.process_time()
    for item in rest[:half]:
        send(item)
    plain, cpu = time.perf_counter() - started, time.process_time() - cpu
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for item in rest[half:]:
        send(item)
    profile.disable()
    profiled = time.perf_counter() - started
    print(
        f"\nPOST «Enviar»: {1000 * plain / half:.1f} ms per request, {1000 * cpu / half:.1f} ms "
        f"of CPU ({half}, no profiler)"
    )
    print(f"SQL statements per POST: {min(queries)}-{max(queries)}")
    print(f"under cProfile: {1000 * profiled / (len(rest) - half):.1f} ms per request; shares:")
    print("\n".join(shares(profile, profiled, len(rest) - half)))
    if top:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(top)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=3000)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "abierto-profile"
    )
    parser.add_argument("--top", type=int, default=0, help="also print the N costliest calls")
    parser.add_argument("--only", choices=("build", "service", "view"), default=None)
    args = parser.parse_args(argv)
    os.environ.setdefault("ABIERTO_PROPOSAL_MIN_SECONDS", "1")
    import scratch

    scratch.configure(args.data_dir)
    # Each profiled browser is its own address: the per-address limit is not what is measured.
    os.environ["ABIERTO_RATE_LIMITS"] = "submit_ip=100000/3600,submit_email=100000/3600"
    scratch.setup()
    build(args.data_dir, args.proposals)
    from django.db import connection

    print(f"database: {connection.vendor}, proposals: {args.proposals}")
    if args.only == "build":
        return 0
    if args.only in (None, "service"):
        profile_service(args.calls, args.top)
    if args.only in (None, "view"):
        profile_view(args.calls, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

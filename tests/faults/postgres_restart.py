#!/usr/bin/env python
"""Fault (b): PostgreSQL restarted while people register and read.

Only a private PostgreSQL started here (``/tmp/faults/pg``, port 5439): never the shared one.
Writers register people for a mesa and readers open pages; the database is stopped (fast
shutdown), kept down ``--down`` seconds, and started again. Measured: what visitors got while
it was down (the Spanish 503 page, never a 500), how long after PostgreSQL accepted
connections again the first write succeeded (target: under 5 s), and that every
acknowledged write is in the database once, with the audit chain verified.

    .venv/bin/python tests/faults/postgres_restart.py [--down 3] [--restarts 2]
"""

import argparse
import sys
import time

from harness import (
    SCRATCH,
    PrivatePostgres,
    check_acknowledged,
    gunicorn,
    log,
    prepare_site,
    run_load,
    site_environment,
    verify_audit,
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--down", type=float, default=3.0, help="segundos sin base de datos")
    parser.add_argument("--restarts", type=int, default=2)
    parser.add_argument("--writers", type=int, default=6)
    args = parser.parse_args(argv)
    folder = SCRATCH / "postgres-restart"
    postgres = PrivatePostgres().start()
    recoveries: list[float] = []
    statuses_down: dict[int, int] = {}
    try:
        env = site_environment(folder, database_url=postgres.url)
        mesa_id = prepare_site(env)
        with gunicorn(env, folder) as server:
            log(f"gunicorn en {server.base} sobre PostgreSQL privado :{postgres.port}")
            tally, finish = run_load(
                server.base,
                mesa_id,
                writers=args.writers,
                readers=2,
                read_paths=["/", f"/mesas/{mesa_id}/", "/propuestas/"],
            )
            started = time.monotonic()
            time.sleep(5)
            for n in range(args.restarts):
                log(f"reinicio {n + 1}: detengo PostgreSQL")
                stop_at = time.monotonic()
                postgres.pg_ctl("stop", "-m", "fast")
                time.sleep(args.down)
                postgres.pg_ctl("start")
                up_at = time.monotonic()
                log(f"PostgreSQL acepta conexiones de nuevo ({up_at - stop_at:.1f} s abajo)")
                deadline = up_at + 30
                recovered = None
                while time.monotonic() < deadline and recovered is None:
                    time.sleep(0.05)
                    with tally.lock:
                        recovered = next(
                            (
                                t
                                for t, kind, status in tally.events
                                if kind == "write" and status == 302 and t > up_at
                            ),
                            None,
                        )
                recoveries.append(round((recovered or deadline) - up_at, 2))
                with tally.lock:
                    for t, _kind, status in tally.events:
                        if stop_at <= t <= up_at:
                            statuses_down[status] = statuses_down.get(status, 0) + 1
                log(f"primera escritura aceptada {recoveries[-1]} s después")
                time.sleep(5)
            finish()
            elapsed = time.monotonic() - started
        result = check_acknowledged(env, folder, tally.acknowledged)
        audit = verify_audit(env)
    finally:
        postgres.stop()
    summary = {
        "seconds": round(elapsed, 1),
        "restarts": args.restarts,
        "down_seconds_each": args.down,
        "answers_while_down": statuses_down,
        "spanish_503_pages": tally.spanish_503,
        "answers_500": sum(1 for _t, _k, s in tally.events if s == 500),
        "recovery_seconds": recoveries,
        "acknowledged": len(tally.acknowledged),
        "writes_per_second": round(len(tally.acknowledged) / elapsed, 1),
        "acknowledged_missing": len(result["missing"]),
        "acknowledged_duplicated": len(result["duplicated"]),
        "rows_in_database": result["total"],
        "verify_actionlog": audit,
    }
    log(f"resultado: {summary}")
    ok = (
        tally.acknowledged
        and not result["missing"]
        and not result["duplicated"]
        and audit == "ok"
        and summary["answers_500"] == 0
        and tally.spanish_503 > 0
        and all(r < 5 for r in recoveries)
    )
    log("BIEN" if ok else "FALLA")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

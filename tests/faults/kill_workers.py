#!/usr/bin/env python
"""Fault (a): gunicorn workers killed with SIGKILL while people register for a mesa.

Writers register new people without pause (each registration is a transaction with its audit
row); every few seconds one worker is killed with ``kill -9`` (the master starts another).
Afterwards: every registration the site acknowledged (302 to the receipt page) is in the
database exactly once, and ``manage.py verify_actionlog`` says ``ok``.

    .venv/bin/python tests/faults/kill_workers.py [--seconds 30] [--postgresql]

``--postgresql`` runs on a private PostgreSQL (``/tmp/faults/pg``, port 5439); by default
SQLite in WAL mode, as a single-node site runs. Exit 0 when everything held.
"""

import argparse
import random
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
    signal_pid,
    site_environment,
    verify_audit,
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--every", type=float, default=3.0, help="segundos entre kill -9")
    parser.add_argument("--writers", type=int, default=6)
    parser.add_argument("--postgresql", action="store_true")
    args = parser.parse_args(argv)
    folder = SCRATCH / ("kill-workers-pg" if args.postgresql else "kill-workers")
    postgres = PrivatePostgres().start() if args.postgresql else None
    try:
        env = site_environment(folder, database_url=postgres.url if postgres else "")
        if not postgres:
            (folder / "abierto.sqlite3").unlink(missing_ok=True)
        mesa_id = prepare_site(env)
        with gunicorn(env, folder) as server:
            log(
                f"gunicorn en {server.base}; {args.writers} escritores, kill -9 cada {args.every} s"
            )
            tally, finish = run_load(server.base, mesa_id, writers=args.writers, readers=1)
            started = time.monotonic()
            kills = 0
            while time.monotonic() - started < args.seconds:
                time.sleep(args.every)
                workers = server.worker_pids()
                if workers and signal_pid(random.choice(workers)):
                    kills += 1
            finish()
            elapsed = time.monotonic() - started
        result = check_acknowledged(env, folder, tally.acknowledged)
        audit = verify_audit(env)
    finally:
        if postgres:
            postgres.stop()
    summary = {
        "database": "postgresql" if args.postgresql else "sqlite",
        "seconds": round(elapsed, 1),
        "workers_killed": kills,
        "acknowledged": len(tally.acknowledged),
        "writes_per_second": round(len(tally.acknowledged) / elapsed, 1),
        "refused": tally.refused,
        "no_answer": tally.errors,
        "rows_in_database": result["total"],
        "acknowledged_missing": len(result["missing"]),
        "acknowledged_duplicated": len(result["duplicated"]),
        "verify_actionlog": audit,
    }
    log(f"resultado: {summary}")
    ok = not result["missing"] and not result["duplicated"] and audit == "ok" and kills > 0
    ok = ok and len(tally.acknowledged) > 0
    log("BIEN: nada reconocido se perdió y la cadena de auditoría verifica" if ok else "FALLA")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

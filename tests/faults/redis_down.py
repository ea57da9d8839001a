#!/usr/bin/env python
"""Fault (c): Redis killed while the site serves, then started again.

Only a private ``redis-server`` started here (port 6399): never the shared one. Readers open
pages and writers register people; Redis is killed (SIGKILL) for ``--down`` seconds. Expected:
pages keep being served (200: the cache is bypassed, never a 500), the rate-limited anonymous
writes are refused while limits cannot be counted (429, fail closed), and once Redis is back
writes are accepted again. Every acknowledged write is in the database once.

    .venv/bin/python tests/faults/redis_down.py [--down 8]
"""

import argparse
import sys
import time

from harness import (
    SCRATCH,
    PrivateRedis,
    check_acknowledged,
    gunicorn,
    log,
    prepare_site,
    run_load,
    site_environment,
    verify_audit,
)


def window(tally, start, end, kind):
    counts: dict[int, int] = {}
    with tally.lock:
        for t, k, status in tally.events:
            if k == kind and start <= t <= end:
                counts[status] = counts.get(status, 0) + 1
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--down", type=float, default=8.0)
    parser.add_argument("--writers", type=int, default=4)
    args = parser.parse_args(argv)
    folder = SCRATCH / "redis-down"
    (folder / "abierto.sqlite3").unlink(missing_ok=True)
    redis = PrivateRedis().start()
    try:
        env = site_environment(folder, redis_url=redis.url)
        mesa_id = prepare_site(env)
        with gunicorn(env, folder) as server:
            log(f"gunicorn en {server.base} con Redis privado :{redis.port}")
            tally, finish = run_load(
                server.base,
                mesa_id,
                writers=args.writers,
                readers=2,
                read_paths=["/", f"/mesas/{mesa_id}/", "/propuestas/", "/planes/"],
            )
            started = time.monotonic()
            time.sleep(5)
            before = (started, time.monotonic())
            log("mato redis-server (SIGKILL)")
            redis.kill()
            down_at = time.monotonic()
            time.sleep(args.down)
            redis.start()
            up_at = time.monotonic()
            log(f"redis-server de nuevo arriba ({up_at - down_at:.1f} s abajo)")
            time.sleep(5)
            finish()
            end = time.monotonic()
        result = check_acknowledged(env, folder, tally.acknowledged)
        audit = verify_audit(env)
    finally:
        redis.kill()
    first_write_after = next(
        (
            round(t - up_at, 2)
            for t, k, s in tally.events
            if k == "write" and s == 302 and t > up_at
        ),
        None,
    )
    summary = {
        "before": {
            "reads": window(tally, *before, "read"),
            "writes": window(tally, *before, "write"),
        },
        "while_down": {
            "reads": window(tally, down_at + 0.5, up_at, "read"),
            "writes": window(tally, down_at + 0.5, up_at, "write"),
        },
        "after": {
            "reads": window(tally, up_at, end, "read"),
            "writes": window(tally, up_at, end, "write"),
        },
        "first_write_accepted_after_redis_back_s": first_write_after,
        "acknowledged": len(tally.acknowledged),
        "acknowledged_missing": len(result["missing"]),
        "acknowledged_duplicated": len(result["duplicated"]),
        "verify_actionlog": audit,
    }
    log(f"resultado: {summary}")
    down_reads, down_writes = summary["while_down"]["reads"], summary["while_down"]["writes"]
    ok = (
        set(down_reads) == {200}
        and set(down_writes) <= {429}
        and down_writes.get(429, 0) > 0
        and first_write_after is not None
        and not result["missing"]
        and not result["duplicated"]
        and audit == "ok"
    )
    log("BIEN" if ok else "FALLA")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

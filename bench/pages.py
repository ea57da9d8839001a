"""Benchmark: every public page on the demo data, through the real views (no network).

Fills a scratch SQLite database (or the throwaway PostgreSQL database in
``BENCH_DATABASE_URL``) with the demo data, then requests each page ``REPEAT`` times and reports
the median and 95th percentile time, the number of queries of one request, and the peak memory
of the process. Each page has a target; the script exits 1 if a target is missed.

    .venv/bin/python bench/pages.py
"""

import os
import resource
import statistics
import sys
import time

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
#: (path, p95 target in ms, most queries allowed for one request on a warm cache)
PAGES = [
    ("/", 60, 8),
    ("/gobierno-abierto/", 60, 8),
    ("/planes/", 60, 8),
    ("/grupo-nucleo/", 60, 10),
    ("/actores/", 80, 10),
    ("/documentos/", 60, 10),
    ("/propuestas/", 80, 12),
    ("/propuestas/nueva/", 80, 15),
    ("/propuestas/estado/", 40, 6),
    ("/salud/", 20, 2),
]
MEMORY_TARGET_MB = 250

import scratch  # noqa: E402, F401 - sets up Django on a scratch database
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from abierto.plans.models import ActionPlan  # noqa: E402


def main() -> int:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    plan = ActionPlan.objects.filter(is_example=False).first()
    pages = list(PAGES)
    if plan is not None:
        pages.insert(3, (f"/planes/{plan.slug}/", 80, 12))
    client = Client()
    failures = 0
    print(f"{'página':<42} {'p50 ms':>8} {'p95 ms':>8} {'meta':>6} {'consultas':>10}")
    for path, target_ms, max_queries in pages:
        client.get(path)  # warm the cache and the template loader
        times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[18]
        ok = p95 <= target_ms and len(queries) <= max_queries
        failures += not ok
        mark = "" if ok else "  <- fuera de meta"
        print(f"{path:<42} {p50:8.1f} {p95:8.1f} {target_ms:6d} {len(queries):10d}{mark}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memoria máxima del proceso: {peak_mb:.0f} MB (meta {MEMORY_TARGET_MB} MB)")
    failures += peak_mb > MEMORY_TARGET_MB
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

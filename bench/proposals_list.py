"""Benchmark: the public proposal list with 100,000 proposals, first page against last page.

Fills a scratch database (never the site's): SQLite in a temporary folder by default, or the
PostgreSQL database named by ``BENCH_DATABASE_URL`` (it must be a throwaway database; its
proposals table is filled). Then times, through the real view, the first page, the last page
("Más antiguas"), a page in the middle reached by its cursor, a filtered page and a search.

    .venv/bin/python bench/proposals_list.py              # SQLite
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/abierto_bench \
        .venv/bin/python bench/proposals_list.py          # PostgreSQL

Seek pagination makes the last page cost what the first does: both read one index range of
20 rows (``ORDER BY id`` with ``LIMIT 21``); OFFSET would read and discard 99,980 rows.
"""

import os
import time
import uuid

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
REPEAT = 5

import scratch  # noqa: E402, F401 - sets up Django on a scratch database
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from abierto.proposals import demo  # noqa: E402
from abierto.proposals.models import Proposal, Status  # noqa: E402
from abierto.proposals.text import fold  # noqa: E402

PROVINCES = ["pichincha", "guayas", "azuay", "manabi", "loja", "chimborazo", "el-oro"]
STATUSES = [s.value for s in Status]
WORDS = [
    "transparencia",
    "participación",
    "datos",
    "abiertos",
    "compras",
    "públicas",
    "municipio",
    "salud",
    "educación",
    "ambiente",
    "agua",
    "género",
    "presupuesto",
    "control",
    "social",
    "información",
    "acceso",
    "contratos",
    "obras",
    "justicia",
]


def fill(plan) -> None:
    axes = list(plan.axes.all())
    themes = list(plan.themes.all())
    now = timezone.now()
    existing = Proposal.objects.count()
    batch = []
    for i in range(existing, ROWS):
        words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(5)]
        title = f"Propuesta {i}: {' '.join(words[:3])}"
        problem = "Problema de " + " ".join(words) + f" en la comunidad número {i}."
        batch.append(
            Proposal(
                plan=plan,
                title=title,
                problem=problem,
                solution="Solución " + " ".join(words),
                beneficiaries="Ciudadanía",
                axis=axes[i % len(axes)],
                theme=themes[i % len(themes)],
                province=PROVINCES[i % len(PROVINCES)],
                proposer_type="ciudadania",
                channel=["web", "mesa", "papel"][i % 3],
                status=STATUSES[i % 2],
                status_changed_at=now,
                created_at=now,
                tracking_code=f"B{i:015d}"[:16],
                idempotency_token=uuid.uuid4(),
                contact_name="Bench",
                consent_at=now,
                title_key=fold(title),
                search_text=fold(f"{title} {problem}"),
            )
        )
        if len(batch) == 5000:
            Proposal.objects.bulk_create(batch)
            batch = []
    if batch:
        Proposal.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE proposals_proposal SET search_vector = "
                "setweight(to_tsvector('spanish', title_key), 'A') || "
                "setweight(to_tsvector('spanish', search_text), 'B') "
                "WHERE search_vector IS NULL"
            )
            cursor.execute("ANALYZE proposals_proposal")


def timed(client: Client, url: str) -> tuple[float, float]:
    """(cold, warm) in ms: cold with an empty cache (counts computed), warm the best of REPEAT."""
    times = []
    cache.clear()
    for _ in range(REPEAT + 1):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return times[0] * 1000, min(times[1:]) * 1000


def main() -> None:
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        plan = demo._example_plan(timezone.localdate())
    started = time.perf_counter()
    fill(plan)
    filled = time.perf_counter() - started
    total = Proposal.objects.count()
    middle = Proposal.objects.order_by("id").values_list("id", flat=True)[total // 2]
    client = Client()
    cases = [
        ("primera página", "/propuestas/"),
        ("última página", "/propuestas/?ultima=1"),
        ("página del medio (cursor)", f"/propuestas/?despues={middle}"),
        ("filtro provincia + estado", "/propuestas/?province=azuay&status=recibida"),
        ("filtro + última página", "/propuestas/?province=azuay&ultima=1"),
        ("búsqueda «participacion»", "/propuestas/?q=participacion"),
    ]
    print(f"Base de datos: {connection.vendor}; {total:,} propuestas (llenado: {filled:.1f} s)")
    print(f"  {'':<30} {'caché fría':>12} {'caché tibia':>12}")
    for label, url in cases:
        cold, warm = timed(client, url)
        print(f"  {label:<30} {cold:9.1f} ms {warm:9.1f} ms")


if __name__ == "__main__":
    main()

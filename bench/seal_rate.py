"""How fast the audit chain is sealed: rows per second of ``core.audit.seal_pending``.

    .venv/bin/python bench/seal_rate.py [--rows 50000] [--batch 1000] [--data-dir /tmp/x]

Writes ``--rows`` unsealed audit rows in a scratch SQLite site (``bench/scratch.py``; the
``<name>_bench_scratch`` database when ``DATABASE_URL`` names a PostgreSQL server), seals
them with the former ``bulk_update`` (one ``CASE WHEN`` statement per batch) and, after
unsealing them again, with ``seal_pending``; prints rows/s of each and checks that both give
every row the same hashes and that the chain verifies. Not a test: the figure goes to
``docs/operations.md``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def seal_with_bulk_update(*, batch: int) -> int:
    """``seal_pending`` as it was until 2026-11-30 (one ``bulk_update`` per batch)."""
    from django.db import transaction

    from abierto.core import audit
    from abierto.core.models import ActionLog

    sealed = 0
    while True:
        with transaction.atomic():
            last = (
                ActionLog.objects.filter(seq__isnull=False)
                .order_by("-seq")
                .values_list("seq", "row_hash")
                .first()
            )
            seq, prev = last if last else (0, "")
            rows = list(
                ActionLog.objects.filter(seq__isnull=True)
                .select_related("content_type")
                .order_by("id")[:batch]
            )
            for row in rows:
                seq += 1
                row.seq = seq
                row.prev_hash = prev or ""
                row.content_hash = audit.content_hash(row)
                row.private_hash = audit.private_hash(row)
                row.row_hash = audit.chain_hash(row.prev_hash, row.content_hash, row.private_hash)
                prev = row.row_hash
            ActionLog.objects.bulk_update(
                rows, ["seq", "prev_hash", "content_hash", "private_hash", "row_hash"]
            )
        sealed += len(rows)
        if len(rows) < batch:
            return sealed


def write_rows(count: int) -> None:
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from abierto.core.models import ActionLog
    from abierto.plans.models import ActionPlan

    kind = ContentType.objects.get_for_model(ActionPlan)
    start = timezone.now() - datetime.timedelta(days=30)
    ActionLog.objects.all().delete()
    ActionLog.objects.bulk_create(
        [
            ActionLog(
                created_at=start + datetime.timedelta(seconds=n),
                actor=None,
                actor_role="sistema",
                verb="legacy.recorded",
                content_type=kind,
                object_id=str(n % 500 + 1),
                data={"resumen": f"Fila {n} de la medición del sellado"},
                changes={"status": ["received", "in_review"]} if n % 3 else {},
                public=n % 7 != 0,
            )
            for n in range(count)
        ],
        batch_size=2000,
    )


def unseal() -> None:
    from abierto.core.models import ActionLog

    ActionLog.objects.update(
        seq=None, prev_hash="", content_hash="", private_hash="", row_hash=None
    )


def hashes() -> dict[int, tuple]:
    from abierto.core.models import ActionLog

    return {
        pk: rest
        for pk, *rest in ActionLog.objects.values_list(
            "pk", "seq", "prev_hash", "content_hash", "private_hash", "row_hash"
        ).iterator(chunk_size=5000)
    }


def timed(label: str, seal, rows: int) -> float:
    started = time.perf_counter()
    sealed = seal()
    seconds = time.perf_counter() - started
    assert sealed == rows, (sealed, rows)
    print(f"{label:<34} {rows} rows in {seconds:6.1f} s: {rows / seconds:8.0f} rows/s")
    return seconds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "abierto-seal-rate"
    )
    parser.add_argument("--skip-before", action="store_true", help="only seal_pending")
    args = parser.parse_args(argv)
    import scratch

    postgresql = bool(os.environ.get("DATABASE_URL"))
    scratch.configure(args.data_dir)
    if postgresql:
        scratch.recreate_postgresql(os.environ["DATABASE_URL"])
    else:
        (args.data_dir / "abierto.sqlite3").unlink(missing_ok=True)
    scratch.setup()
    from django.core.management import call_command
    from django.db import connection

    from abierto.core import audit

    call_command("migrate", verbosity=0)
    write_rows(args.rows)
    print(f"database: {connection.vendor}, batch: {args.batch}")
    before = None
    if not args.skip_before:
        timed("bulk_update (before)", lambda: seal_with_bulk_update(batch=args.batch), args.rows)
        before = hashes()
        unseal()
    timed("seal_pending (executemany)", lambda: audit.seal_pending(batch=args.batch), args.rows)
    if before is not None:
        assert hashes() == before, "the two sealers gave different hashes"
        print("same hashes from both")
    assert audit.first_broken_link() is None, "the chain does not verify"
    print("chain verifies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

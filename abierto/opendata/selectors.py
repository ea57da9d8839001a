"""Reads of the open-data app: the catalogue with its row counts and last updates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache

from abierto.core.datasets import Dataset
from abierto.core.licenses import License
from abierto.core.pagecache import reads

from .registry import all_datasets, dataset_license, dataset_updated

#: Counts and dates of the catalogue page are kept this long in the shared cache.
CATALOGUE_TTL = 60


@dataclass
class CatalogueEntry:
    dataset: Dataset
    rows: int
    updated: datetime.datetime | None
    license: License


def catalogue() -> list[CatalogueEntry]:
    """Every dataset with its row count and last change (two queries each, cached a minute)."""
    entries = []
    for dataset in all_datasets():
        key = f"opendata:stats:{dataset.slug}"
        reads(dataset.queryset().model._meta.db_table)
        stats = cache.get(key)
        if stats is None:
            stats = (dataset.queryset().count(), dataset_updated(dataset))
            cache.set(key, stats, CATALOGUE_TTL)
        entries.append(
            CatalogueEntry(
                dataset=dataset,
                rows=stats[0],
                updated=stats[1],
                license=dataset_license(dataset),
            )
        )
    return entries


@dataclass
class ChainCheck:
    ok: bool
    rows: int
    broken_at: int | None
    reason: str
    last_hash: str
    pending: int


def public_chain_check() -> ChainCheck:
    """Re-compute the public chain from the public dataset (as a visitor's download would),
    cached until a new row is sealed."""
    from abierto.core.exports import iter_chain
    from abierto.core.models import ActionLog

    from .chain import verify_rows

    last = (
        ActionLog.objects.filter(seq__isnull=False)
        .order_by("-seq")
        .values_list("seq", "row_hash")
        .first()
    )
    pending = ActionLog.objects.filter(seq__isnull=True).count()
    key = f"opendata:chain:{last[0] if last else 0}:{last[1] if last else ''}"
    cached = cache.get(key)
    if cached is None:
        result = verify_rows(iter_chain())
        cached = (result.ok, result.rows, result.broken_at, result.reason)
        cache.set(key, cached, 300)
    ok, rows, broken_at, reason = cached
    return ChainCheck(ok, rows, broken_at, reason, (last[1] or "") if last else "", pending)


@dataclass
class ReportRow:
    plan: object
    kind: object
    last: object  # PublishedReport | None


def staff_report_rows() -> list[ReportRow]:
    """Every plan × report kind with its last published version (two queries)."""
    from abierto.plans.models import ActionPlan

    from .models import PublishedReport
    from .reports import KINDS

    last: dict[tuple[int, str], PublishedReport] = {}
    for published in PublishedReport.objects.select_related("document").order_by("version"):
        last[(published.plan_id, published.kind)] = published
    return [
        ReportRow(plan=plan, kind=kind, last=last.get((plan.pk, kind.slug)))
        for plan in ActionPlan.objects.order_by("-number")
        for kind in KINDS.values()
    ]


def mesa_calendars() -> list[tuple[str, str]]:
    """``(plan title, plan slug)`` of each plan with mesas, for its mesas' iCalendar (cached)."""
    from abierto.plans.models import ActionPlan

    key = "opendata:mesa-calendars"
    plans = cache.get(key)
    if plans is None:
        plans = list(
            ActionPlan.objects.filter(mesas__isnull=False)
            .distinct()
            .order_by("-number")
            .values_list("title", "slug")
        )
        cache.set(key, plans, CATALOGUE_TTL)
    return plans

"""Reads of the open-data app: the catalogue with its row counts and last updates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache

from abierto.core.datasets import Dataset
from abierto.core.licenses import License

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

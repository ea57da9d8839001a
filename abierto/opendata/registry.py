"""The catalogue of open datasets, gathered from every app's ``exports.py``.

Apps declare datasets with ``abierto.core.datasets`` (re-exported here) and name the module in
their manifest (``exports="abierto.<app>.exports"``); core's own datasets (the public history)
come first. Order: ``INSTALLED_APPS``.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import replace
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from abierto.core.datasets import FIELD_TYPES, Dataset, DatasetField, Value, fields
from abierto.core.licenses import License, get_license
from abierto.core.manifest import manifests
from abierto.core.models import ActionLog

__all__ = [
    "FIELD_TYPES",
    "Dataset",
    "DatasetField",
    "Value",
    "all_datasets",
    "dataset_license",
    "dataset_updated",
    "fields",
    "get_dataset",
]


def _exports_modules() -> list[tuple[str, str]]:
    """``(app_label, module)``: core's datasets first, then each manifest's ``exports``."""
    found = [("core", "abierto.core.exports")]  # core has no manifest: it is the base
    found += [(m.label, m.exports) for m in manifests() if m.exports]
    return found


@cache
def _catalogue() -> dict[str, Dataset]:
    found: dict[str, Dataset] = {}
    for app_label, module_name in _exports_modules():
        module = importlib.import_module(module_name)
        for dataset in getattr(module, "DATASETS", []):
            if dataset.slug in found:
                raise ValueError(f"Two datasets are called {dataset.slug!r}")
            found[dataset.slug] = replace(dataset, app_label=app_label)
    return found


def all_datasets() -> list[Dataset]:
    return list(_catalogue().values())


def get_dataset(slug: str) -> Dataset | None:
    return _catalogue().get(slug)


def dataset_license(dataset: Dataset) -> License:
    return get_license(dataset.license)


def dataset_updated(dataset: Dataset) -> datetime.datetime | None:
    """When the dataset last changed: its own ``updated``, or the newest audit entry on its
    model (every write goes through a service that records one)."""
    if dataset.updated is not None:
        return dataset.updated()
    content_type = ContentType.objects.get_for_model(dataset.model)
    return ActionLog.objects.filter(content_type=content_type).aggregate(last=Max("created_at"))[
        "last"
    ]

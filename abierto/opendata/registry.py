"""The catalogue of open datasets, gathered from every app's ``exports.py``.

Apps declare datasets with ``abierto.core.datasets`` (re-exported here); this module finds
them. Discovery: the app manifest's ``exports`` module when the app has a manifest, otherwise
``abierto.<app>.exports`` if it exists, for every installed ``abierto.*`` app, in
``INSTALLED_APPS`` order.
"""

from __future__ import annotations

import datetime
import importlib
import importlib.util
from dataclasses import replace
from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from abierto.core.datasets import FIELD_TYPES, Dataset, DatasetField, Value, fields
from abierto.core.licenses import License, get_license
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


def _exports_module(app_config) -> str | None:
    manifest = getattr(app_config, "manifest", None)
    declared = getattr(manifest, "exports", None)
    if declared:
        return declared
    candidate = f"{app_config.name}.exports"
    try:
        return candidate if importlib.util.find_spec(candidate) is not None else None
    except ModuleNotFoundError:
        return None


@cache
def _catalogue() -> dict[str, Dataset]:
    found: dict[str, Dataset] = {}
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("abierto."):
            continue
        module_name = _exports_module(app_config)
        if module_name is None:
            continue
        module = importlib.import_module(module_name)
        for dataset in getattr(module, "DATASETS", []):
            if dataset.slug in found:
                raise ValueError(f"Two datasets are called {dataset.slug!r}")
            found[dataset.slug] = replace(dataset, app_label=app_config.label)
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

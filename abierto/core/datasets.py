"""How an app declares an open dataset (issue 13).

Each app lists its public datasets in ``abierto/<app>/exports.py`` as ``DATASETS = [...]``;
``abierto.opendata`` discovers them, lists them at ``/datos/`` and serves them as CSV, JSON and
one Frictionless Data Package. The declaration lives here, in core, so that every app can
write its ``exports.py`` without importing ``opendata`` (the top layer): apps stand in layers and
a lower app never imports a higher one. ``abierto.opendata.registry`` re-exports these names.

A row function returns public values only: it is the single place where an app decides what
of a row leaves the site. Values are ``str``, ``int``, ``float``, ``bool``, ``date``,
``datetime`` or ``None``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise

#: Table Schema (Frictionless) field types a dataset may use.
FIELD_TYPES = frozenset({"string", "integer", "number", "boolean", "date", "datetime"})

Value = str | int | float | bool | datetime.date | datetime.datetime | None


@dataclass(frozen=True)
class DatasetField:
    """One column: its name (stable, Spanish, snake_case), Table Schema type and meaning."""

    name: str
    type: str
    description: str | Promise
    #: The values the column may take, when it is a closed list (status codes, provinces...).
    enum: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"{self.name}: unknown field type {self.type!r}")


@dataclass(frozen=True)
class Dataset:
    """A public dataset: what it holds, its columns and how to read its rows.

    ``queryset`` returns the rows to publish (already filtered to what the public may see,
    with ``select_related`` for what ``row`` reads, and a stable ``order_by``). ``row`` turns
    one object into ``{field name: value}`` with exactly the declared fields.
    ``updated`` returns when the data last changed (``None``: unknown); by default the
    registry uses the newest audit entry on the dataset's model.
    ``license`` overrides the site's data licence (``ABIERTO_DATA_LICENSE``) for this dataset.
    """

    slug: str
    title: str | Promise
    description: str | Promise
    fields: tuple[DatasetField, ...]
    queryset: Callable[[], QuerySet[Any]]
    row: Callable[[Any], dict[str, Value]]
    updated: Callable[[], datetime.datetime | None] | None = None
    license: str | None = None
    #: Keywords for catalogues (datapackage ``keywords``).
    keywords: tuple[str, ...] = field(default_factory=tuple)
    #: Columns that identify a row (Table Schema ``primaryKey``).
    primary_key: tuple[str, ...] = ("id",)
    #: Set by the registry: the app that declared it.
    app_label: str = ""

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def model(self) -> type[Model]:
        return self.queryset().model


def fields(*specs: Iterable[Any]) -> tuple[DatasetField, ...]:
    """``fields(("id", "integer", _("...")), ...)``: a short way to write a column list."""
    return tuple(DatasetField(*spec) for spec in specs)

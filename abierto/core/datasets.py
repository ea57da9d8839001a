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

import collections
import datetime
import functools
from collections.abc import Callable, Iterable, Iterator
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
    #: For large datasets: the queryset's columns (fields and annotations) that ``row`` reads
    #: as attributes. When set, the whole-file exports read them with ``values_list`` and hand
    #: ``row`` a light record with those attributes instead of a model instance (building a
    #: model per row was a third of a 100,000-row export). ``row`` then must read nothing else.
    record_columns: tuple[str, ...] = ()

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def records(self, *, chunk_size: int) -> Iterator[Any]:
        """Every row's source for ``row``: records when ``record_columns`` is set, else model
        instances, read ``chunk_size`` at a time."""
        queryset = self.queryset()
        if not self.record_columns:
            return queryset.iterator(chunk_size=chunk_size)
        record = _record_type(self.record_columns)
        rows = queryset.values_list(*self.record_columns).iterator(chunk_size=chunk_size)
        return map(record._make, rows)

    @property
    def model(self) -> type[Model]:
        return self.queryset().model


@functools.cache
def _record_type(columns: tuple[str, ...]) -> Any:
    return collections.namedtuple("Record", columns)


def fields(*specs: Iterable[Any]) -> tuple[DatasetField, ...]:
    """``fields(("id", "integer", _("...")), ...)``: a short way to write a column list."""
    return tuple(DatasetField(*spec) for spec in specs)

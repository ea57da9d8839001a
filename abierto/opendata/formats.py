"""Dataset rows as CSV and JSON, streamed: one chunk of rows in memory at a time.

Every value goes through :func:`cell_text` (CSV) or :func:`json_value` (JSON), so a date reads
the same in both. CSV cells that a spreadsheet would run as formulas are neutralised.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterator

from django.utils import timezone

from abierto.core.csvsafe import FORMULA_FIRST, neutralise_cell
from abierto.core.datasets import Dataset, Value

#: Rows read from the database per round trip while streaming.
CHUNK_SIZE = 2000


def json_value(value: Value, tz: datetime.tzinfo | None = None) -> str | int | float | bool | None:
    """``value`` as JSON holds it. ``tz``: the site's time zone, looked up once per file by
    the streams below (a lookup per cell cost more than the rest of the cell)."""
    if type(value) is str:
        return value
    if isinstance(value, datetime.datetime):
        return value.astimezone(tz or timezone.get_current_timezone()).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)  # lazy labels and TextChoices members become plain text
    return value


def cell_text(value: Value, tz: datetime.tzinfo | None = None) -> str:
    if type(value) is str:  # most cells: checked first; neutralise_cell inline (millions)
        return "'" + value if value[:1] in FORMULA_FIRST else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return neutralise_cell(str(json_value(value, tz)))


def dataset_rows(dataset: Dataset) -> Iterator[dict[str, Value]]:
    """Each row as ``dataset.row`` returns it (read its values by ``dataset.field_names``)."""
    return map(dataset.row, dataset.records(chunk_size=CHUNK_SIZE))


class _Line:
    """A file-like object for ``csv.writer`` that hands back what was written."""

    def write(self, value: str) -> str:
        return value


def csv_lines(dataset: Dataset) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\r\n")
    tz = timezone.get_current_timezone()
    names = dataset.field_names
    yield writer.writerow(names)
    for row in dataset_rows(dataset):
        yield writer.writerow([cell_text(row[name], tz) for name in names])


def csv_chunks(dataset: Dataset, *, lines_per_chunk: int = 200) -> Iterator[bytes]:
    """The CSV as UTF-8 bytes, a few hundred lines per chunk (fewer, larger writes)."""
    buffer: list[str] = []
    for line in csv_lines(dataset):
        buffer.append(line)
        if len(buffer) >= lines_per_chunk:
            yield "".join(buffer).encode()
            buffer = []
    if buffer:
        yield "".join(buffer).encode()


def json_chunks(dataset: Dataset, *, rows_per_chunk: int = 200) -> Iterator[bytes]:
    """A JSON array of objects, one per row, keys in the declared field order."""
    yield b"["
    buffer: list[str] = []
    first = True
    tz = timezone.get_current_timezone()
    names = dataset.field_names
    for row in dataset_rows(dataset):
        text = json.dumps({name: json_value(row[name], tz) for name in names}, ensure_ascii=False)
        buffer.append(("\n" if first else ",\n") + text)
        first = False
        if len(buffer) >= rows_per_chunk:
            yield "".join(buffer).encode()
            buffer = []
    if buffer:
        yield "".join(buffer).encode()
    yield b"\n]\n"

"""Shared pieces of the public API (``/api/v1/``, django-ninja), for each app's ``api.py``.

Items are built from the app's open datasets (``exports.py``): the API publishes exactly the
columns a download publishes, so what is public is decided in one place (the row function).
Lists use cursor (seek) pagination on ``id``: ``?despues=<id>`` and ``?limite=<n>``; a page
size over :data:`MAX_PAGE_SIZE` or any bad value answers 400 with ``{"error": ...}``.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

import pydantic
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation
from ninja import Schema

from .datasets import Dataset

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

_PY_TYPES: dict[str, Any] = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": bool,
    "date": datetime.date,
    "datetime": datetime.datetime,
}


class ApiError(Exception):
    """Raised by an endpoint: the API answers ``status`` with ``{"error": message}``."""

    def __init__(
        self, message: str, *, status: int = 400, details: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        #: ``[{"parametro": ..., "motivo": ...}]``: which input was refused and why.
        self.details = details


class ErrorOut(Schema):
    error: str
    detalles: list[dict[str, Any]] | None = None


def dataset_schema(dataset: Dataset, name: str) -> type[pydantic.BaseModel]:
    """A response schema with the dataset's columns (descriptions in the official language)."""
    with translation.override(settings.LANGUAGE_CODE):
        columns: dict[str, Any] = {}
        for field in dataset.fields:
            py_type = _PY_TYPES[field.type]
            columns[field.name] = (
                py_type | None,
                pydantic.Field(default=None, description=str(field.description)),
            )
        return pydantic.create_model(name, __doc__=str(dataset.title), **columns)


def page_size(limite: int | None) -> int:
    if limite is None:
        return DEFAULT_PAGE_SIZE
    if limite < 1 or limite > MAX_PAGE_SIZE:
        raise ApiError(
            translation.gettext("El tamaño de página («limite») va de 1 a %(max)s.")
            % {"max": MAX_PAGE_SIZE}
        )
    return limite


def cursor_page(
    request: HttpRequest,
    qs: QuerySet[Any],
    *,
    dataset: Dataset,
    despues: int | None,
    limite: int | None,
) -> dict[str, Any]:
    """One page of ``qs`` after the id ``despues``, in id order, as dataset rows.

    ``siguiente`` is the address of the next page (same filters), or null on the last one.
    """
    size = page_size(limite)
    if despues is not None:
        qs = qs.filter(pk__gt=despues)
    objects = list(qs.order_by("pk")[: size + 1])
    has_more = len(objects) > size
    objects = objects[:size]
    following = None
    if has_more and objects:
        params = request.GET.copy()
        params["despues"] = str(objects[-1].pk)
        params["limite"] = str(size)
        following = request.build_absolute_uri(request.path) + "?" + urlencode(params, doseq=True)
    return {
        "resultados": [dataset.row(obj) for obj in objects],
        "siguiente": following,
        "limite": size,
    }


def page_schema(item: type[pydantic.BaseModel], name: str) -> type[pydantic.BaseModel]:
    return pydantic.create_model(
        name,
        resultados=(list[item], ...),  # type: ignore[valid-type]
        siguiente=(
            str | None,
            pydantic.Field(default=None, description="Dirección de la página siguiente."),
        ),
        limite=(int, ...),
    )

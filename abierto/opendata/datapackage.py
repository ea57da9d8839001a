"""The whole catalogue as a Frictionless Data Package (https://specs.frictionlessdata.io/).

``paquete.zip`` holds ``datapackage.json``, one Table Schema per resource under ``schemas/``
and one CSV per dataset under ``data/``. The zip is written to the response as it is built
(a zip can be streamed: each entry carries its sizes after its data), so memory stays flat.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from abierto.core.datasets import Dataset
from abierto.core.licenses import get_license

from .formats import csv_chunks
from .registry import all_datasets, dataset_license


def table_schema(dataset: Dataset) -> dict:
    with translation.override(settings.LANGUAGE_CODE):
        schema_fields = []
        for f in dataset.fields:
            spec: dict = {"name": f.name, "type": f.type, "description": str(f.description)}
            if f.type == "boolean":
                spec["trueValues"] = ["true"]
                spec["falseValues"] = ["false"]
            if f.enum:
                spec["constraints"] = {"enum": [str(value) for value in f.enum]}
            schema_fields.append(spec)
        schema: dict = {"fields": schema_fields, "missingValues": [""]}
        if dataset.primary_key and set(dataset.primary_key) <= set(dataset.field_names):
            schema["primaryKey"] = list(dataset.primary_key)
        return schema


def _license(dataset: Dataset | None = None) -> dict:
    lic = dataset_license(dataset) if dataset else get_license()
    return {"name": lic.id, "title": lic.title, "path": lic.url}


def descriptor(*, absolute: bool = False) -> dict:
    """``datapackage.json``. Inside the zip, paths are relative; served alone, absolute."""
    site = settings.ABIERTO_SITE_URL
    with translation.override(settings.LANGUAGE_CODE):
        resources = []
        for dataset in all_datasets():
            if absolute:
                path = site + reverse("opendata:download", args=[dataset.slug, "csv"])
                schema: dict | str = table_schema(dataset)
            else:
                path = f"data/{dataset.slug}.csv"
                schema = f"schemas/{dataset.slug}.json"
            resources.append(
                {
                    "name": dataset.slug,
                    "title": str(dataset.title),
                    "description": str(dataset.description),
                    "profile": "tabular-data-resource",
                    "path": path,
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                    "schema": schema,
                    "licenses": [_license(dataset)],
                }
            )
        return {
            "profile": "tabular-data-package",
            "name": "abierto-datos-abiertos",
            "title": f"{settings.ABIERTO_SITE_NAME}: datos abiertos",
            "description": (
                "Datos públicos de la plataforma de Gobierno Abierto: planes de acción, "
                "actores, propuestas ciudadanas con sus respuestas razonadas e historial "
                "público. Sin datos personales."
            ),
            "homepage": site + reverse("opendata:catalogue"),
            "created": timezone.now().isoformat(timespec="seconds"),
            "licenses": [_license()],
            "sources": [{"title": settings.ABIERTO_SITE_NAME, "path": site + "/"}],
            "resources": resources,
        }


class _Sink:
    """A write-only, unseekable file: zipfile then streams (data descriptors after entries)."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._position = 0

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts = []
        return data


def package_chunks() -> Iterator[bytes]:
    sink = _Sink()
    now = timezone.localtime().timetuple()[:6]

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=now)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(sink, mode="w") as archive:  # type: ignore[call-overload]
        archive.writestr(
            entry("datapackage.json"), json.dumps(descriptor(), ensure_ascii=False, indent=2)
        )
        for dataset in all_datasets():
            archive.writestr(
                entry(f"schemas/{dataset.slug}.json"),
                json.dumps(table_schema(dataset), ensure_ascii=False, indent=2),
            )
        yield sink.take()
        for dataset in all_datasets():
            with archive.open(entry(f"data/{dataset.slug}.csv"), mode="w") as member:
                for chunk in csv_chunks(dataset):
                    member.write(chunk)
                    data = sink.take()
                    if data:
                        yield data
            yield sink.take()
    yield sink.take()

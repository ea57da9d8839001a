"""Open dataset of the core app: the public history, i.e. the audit chain as the public may
see it (issue 13, audit log v2).

Every sealed row of the chain is listed, in chain order (``seq``), so that anyone can re-compute
the chain from the download (``manage.py verify_public_chain``, ``/datos/verificar/``):

- a row the public may read (marked public, about an object whose history is public and
  still visible: a proposal hidden by moderation takes its history with it) carries its
  content: date, verb, object, the actor's role (never the person), ``data`` and ``changes``
  (public JSON), plus its hashes;
- any other row carries its hashes only: the chain shows that it exists, not what it says.

Rows written but not yet sealed (the sealer runs right after each commit) appear once sealed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Max, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from .audit import canonical
from .datasets import Dataset, fields
from .manifest import public_history_models
from .models import ActionLog


def _visible_keys() -> dict[int, object]:
    """For each content type with a public history: a subquery of its visible keys, or None
    when every object of the model is visible."""
    visible: dict[int, object] = {}
    for label in sorted(public_history_models()):
        model = apps.get_model(label)
        content_type = ContentType.objects.get_for_model(model)
        public_manager = getattr(model, "public_objects", None)
        visible[content_type.pk] = (
            None
            if public_manager is None
            else public_manager.annotate(key=Cast("pk", CharField())).values("key")
        )
    return visible


def chain_rows() -> QuerySet[ActionLog]:
    """Every sealed audit row, in chain order, annotated with ``shown``: may the public read
    its content?"""
    from django.db.models import BooleanField, Case, Q, Value, When

    shown = Q(pk__in=[])
    for content_type_id, keys in _visible_keys().items():
        condition = Q(content_type_id=content_type_id)
        if keys is not None:
            condition &= Q(object_id__in=keys)
        shown |= condition
    return (
        ActionLog.objects.filter(seq__isnull=False)
        .select_related("content_type")
        .defer("actor")
        .annotate(
            shown=Case(
                When(Q(public=True) & shown, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("seq")
    )


def utc_timestamp(moment: datetime.datetime) -> str:
    """The date exactly as the content hash covers it (UTC, ISO 8601, microseconds)."""
    return moment.astimezone(datetime.UTC).isoformat()


def chain_row(row: ActionLog) -> dict:
    shown = bool(getattr(row, "shown", False))
    content = {
        "fecha": utc_timestamp(row.created_at) if shown else None,
        "rol_actor": row.actor_role if shown else None,
        "accion": row.verb if shown else None,
        "objeto": f"{row.content_type.app_label}.{row.content_type.model}" if shown else None,
        "objeto_id": row.object_id if shown else None,
        "datos": canonical(row.data) if shown else None,
        "cambios": canonical(row.changes) if shown else None,
        "publico": row.public if shown else None,
    }
    return {
        "seq": row.seq,
        "contenido_visible": shown,
        **content,
        "hash_contenido": row.content_hash,
        "hash_privado": row.private_hash,
        "hash_anterior": row.prev_hash,
        "hash": row.row_hash,
    }


def iter_chain() -> Iterator[dict]:
    for row in chain_rows().iterator(chunk_size=2000):
        yield chain_row(row)


PUBLIC_HISTORY = Dataset(
    slug="historial-publico",
    title=_("Historial público (cadena verificable)"),
    description=_(
        "Cada registro de la bitácora de auditoría, en el orden de la cadena. Los registros "
        "públicos traen su contenido: fecha, acción, objeto, rol de quien actuó (nunca la "
        "persona), datos y cambios; los demás, solo sus sumas de verificación. Con este "
        "archivo cualquiera puede recalcular la cadena y comprobar que nadie la alteró."
    ),
    fields=fields(
        ("seq", "integer", _("Posición del registro en la cadena (1, 2, 3...).")),
        ("contenido_visible", "boolean", _("Si el contenido del registro es público.")),
        ("fecha", "string", _("Fecha y hora UTC, ISO 8601, tal como la cubre la suma.")),
        ("rol_actor", "string", _("Rol público de quien actuó.")),
        ("accion", "string", _("Código de la acción (p. ej. proposal.received).")),
        ("objeto", "string", _("Tipo de objeto (aplicación.modelo).")),
        ("objeto_id", "string", _("Identificador del objeto.")),
        ("datos", "string", _("Datos públicos de la acción (JSON canónico).")),
        ("cambios", "string", _("Campos cambiados, {campo: [antes, después]} (JSON canónico).")),
        ("publico", "boolean", _("Marcado como público.")),
        ("hash_contenido", "string", _("SHA-256 del contenido del registro.")),
        ("hash_privado", "string", _("SHA-256 de la parte privada (quién actuó).")),
        ("hash_anterior", "string", _("Suma «hash» del registro anterior de la cadena.")),
        ("hash", "string", _("SHA-256 de hash_anterior|hash_contenido|hash_privado.")),
    ),
    queryset=chain_rows,
    row=chain_row,
    updated=lambda: ActionLog.objects.filter(seq__isnull=False).aggregate(last=Max("created_at"))[
        "last"
    ],
    keywords=("auditoría", "historial", "trazabilidad", "cadena de sumas"),
    primary_key=("seq",),
)

DATASETS = [PUBLIC_HISTORY]

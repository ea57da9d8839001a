"""The audit trail (v2): verbs as constants, structured data, a hash chain sealed off the
request's critical path.

Recording (inside the service's transaction)::

    from abierto.core import audit
    PLAN_UPDATED = Verb("plan.updated", _("Datos del plan actualizados."))
    audit.record(actor=user, verb=PLAN_UPDATED, target=plan, changes={"title": [old, new]})

- A verb is ``"<noun>.<past participle>"`` with a translatable label; apps declare theirs in
  their manifest. The label is formatted with the row's ``data`` in the reader's language, so
  the history reads in Spanish or English from the same row.
- ``changes`` is ``{field: [old, new]}`` and ``data`` any public JSON the label needs. An empty
  ``changes`` (``{}``) means nothing changed: no row is written for a no-op.
- Public rows never carry personal data: fields a model lists in ``AUDIT_PRIVATE_FIELDS`` are
  dropped from their ``changes``.
- Rows are inserted without a hash. ``seal_pending`` (a task queued on commit; also run by
  ``manage.py verify_actionlog``) gives each committed row the next sequence number and chains
  it: ``row_hash = sha256(prev_hash | content_hash | private_hash)``, where ``content_hash``
  covers everything a visitor may see of the row and ``private_hash`` the acting person (an
  HMAC keyed with ``ABIERTO_AUDIT_SECRET``, so it cannot be reversed by guessing ids). So no
  site-wide lock is held by a request, and the public can verify the chain from the public
  dataset (public rows with their content, private rows by their ``content_hash`` only).
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SEAL_PENDING_KEY = "core:actionlog:seal-queued"
# Any fixed number: a PostgreSQL advisory lock taken only by the sealer (one at a time).
_SEAL_LOCK = 7_260_419


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "…"


@dataclass(frozen=True)
class Verb:
    """An audit verb: ``code`` (``"proposal.decided"``), a label formatted with the row's
    ``data`` (``_("Decisión: %(status)s.")``), and optional ``display`` functions turning a
    stored value into its label (``{"status": lambda v: Status(v).label}``)."""

    code: str
    label: str | Promise
    display: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)

    def render(self, data: Mapping[str, Any]) -> str:
        shown = _Missing()
        for key, value in (data or {}).items():
            show = self.display.get(key)
            try:
                shown[key] = str(show(value)) if show else value
            except (KeyError, ValueError):
                shown[key] = value
        text = str(self.label)
        try:
            return text % shown
        except (TypeError, ValueError):
            return text


#: Verbs of the core itself.
LEGACY = Verb("legacy.recorded", _("%(resumen)s"))
CORE_VERBS = [LEGACY]


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record(
    *,
    actor,
    verb: Verb,
    target: models.Model,
    data: Mapping[str, Any] | None = None,
    changes: Mapping[str, Any] | None = None,
    public: bool = True,
):
    """Write one audit row for ``target`` (call it inside the service's transaction).

    Returns the row, or ``None`` when ``changes`` is given and empty (nothing changed).
    """
    from django.contrib.contenttypes.models import ContentType

    from .manifest import verbs
    from .models import ActionLog
    from .roles import SYSTEM_ACTOR, public_role_of

    if changes is not None and not changes:
        return None
    if verbs().get(verb.code) is not verb:
        raise KeyError(f"Verbo de auditoría no declarado en un manifiesto: {verb.code}")
    # Long texts (a page body) are kept short: the entry says what changed, not the whole text.
    changes = {
        name: [v[:300] + "…" if isinstance(v, str) and len(v) > 300 else v for v in pair]
        for name, pair in (changes or {}).items()
    }
    if public:
        for name in getattr(type(target), "AUDIT_PRIVATE_FIELDS", ()):
            changes.pop(name, None)
    user = actor if getattr(actor, "is_authenticated", False) else None
    row = ActionLog.objects.create(
        created_at=timezone.now(),
        actor=user,
        actor_role=public_role_of(actor if actor == SYSTEM_ACTOR else user),
        verb=verb.code,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        data=_jsonable(dict(data or {})),
        changes=_jsonable(changes),
        public=public,
    )
    transaction.on_commit(queue_seal)
    return row


def queue_seal() -> None:
    """Ask the worker to seal new rows (once, however many rows a burst writes)."""
    from .tasks import seal_actionlog

    if cache.add(SEAL_PENDING_KEY, 1, 60):
        seal_actionlog.enqueue()


def content_hash(row) -> str:
    """What a visitor may see of a row (for a private row, its existence and kind only)."""
    payload = [
        row.seq,
        row.created_at.astimezone(datetime.UTC).isoformat(),
        row.actor_role,
        row.verb,
        f"{row.content_type.app_label}.{row.content_type.model}",
        str(row.object_id),
        row.data,
        row.changes,
        row.public,
    ]
    return hashlib.sha256(canonical(payload).encode()).hexdigest()


def private_hash(row) -> str:
    """Who acted, keyed with the site's audit secret: the public chain carries this hash, and
    without the secret nobody can try account ids against it to link a person's actions."""
    from django.conf import settings

    key = settings.ABIERTO_AUDIT_SECRET.encode()
    return hmac.new(key, canonical([row.seq, row.actor_id]).encode(), hashlib.sha256).hexdigest()


def chain_hash(prev_hash: str, content: str, private: str) -> str:
    return hashlib.sha256(f"{prev_hash}|{content}|{private}".encode()).hexdigest()


_SEALED_FIELDS = ("seq", "prev_hash", "content_hash", "private_hash", "row_hash")


def _seal_statement() -> str:
    """``UPDATE <actionlog> SET seq = %s, ... WHERE id = %s``: one row per parameter tuple."""
    from .models import ActionLog

    quote = connection.ops.quote_name
    fields = ", ".join(
        f"{quote(ActionLog._meta.get_field(name).column)} = %s" for name in _SEALED_FIELDS
    )
    # Names from the model's own metadata, quoted; every value is a parameter.
    table, pk = quote(ActionLog._meta.db_table), quote(ActionLog._meta.pk.column)
    return f"UPDATE {table} SET {fields} WHERE {pk} = %s"  # noqa: S608


def seal_pending(*, batch: int = 1000) -> int:
    """Seal every committed row that has no hash yet, oldest first. Returns how many.

    One sealer at a time (an advisory lock on PostgreSQL; SQLite's write lock otherwise);
    each batch is its own short transaction. A batch is written with one keyed ``UPDATE``
    per row (``executemany``), so the cost per row does not depend on the batch size:
    ``bulk_update`` builds one statement with a ``CASE WHEN`` per row and column, whose
    cost per row grows with the batch (about 380 rows/s at scale L).
    """
    from .models import ActionLog

    statement = _seal_statement()
    sealed = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SEAL_LOCK])
            last = (
                ActionLog.objects.filter(seq__isnull=False)
                .order_by("-seq")
                .values_list("seq", "row_hash")
                .first()
            )
            seq, prev = last if last else (0, "")
            rows = list(
                ActionLog.objects.filter(seq__isnull=True)
                .select_related("content_type")
                .order_by("id")[:batch]
            )
            params = []
            for row in rows:
                seq += 1
                row.seq = seq
                row.prev_hash = prev or ""
                row.content_hash = content_hash(row)
                row.private_hash = private_hash(row)
                row.row_hash = chain_hash(row.prev_hash, row.content_hash, row.private_hash)
                prev = row.row_hash
                params.append([*(getattr(row, name) for name in _SEALED_FIELDS), row.pk])
            if params:
                with connection.cursor() as cursor:
                    cursor.executemany(statement, params)
        sealed += len(rows)
        if len(rows) < batch:
            return sealed


def first_broken_link():
    """The first sealed row whose hashes or link to the previous row do not verify, or None."""
    from .models import ActionLog

    previous = ""
    rows = (
        ActionLog.objects.filter(seq__isnull=False)
        .select_related("content_type")
        .order_by("seq")
        .iterator(chunk_size=2000)
    )
    for expected_seq, row in enumerate(rows, start=1):
        if (
            row.seq != expected_seq
            or row.prev_hash != previous
            or row.content_hash != content_hash(row)
            or row.private_hash != private_hash(row)
            or row.row_hash != chain_hash(row.prev_hash, row.content_hash, row.private_hash)
        ):
            return row
        previous = row.row_hash
    return None


def history_line(row) -> str:
    """The text of one history row in the active language."""
    from .manifest import verbs

    verb = verbs().get(row.verb)
    if verb is None:
        return str((row.data or {}).get("resumen") or row.verb)
    return verb.render(row.data or {})

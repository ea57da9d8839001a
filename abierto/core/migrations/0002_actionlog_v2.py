"""Audit log v2: structured data, chain sealed after commit (see abierto/core/audit.py).

The v1 chain is verified first: a broken v1 chain is not re-sealed (that would hide the
tampering); the migration stops and names the row. Each v1 row keeps its Spanish summary in
``data["resumen"]`` under the verb ``legacy.recorded``, then every row is sealed into the v2
chain in its original order.
"""

import hashlib
import json

from django.db import migrations, models


def _v1_hash(row) -> str:
    payload = json.dumps(
        [
            row.prev_hash,
            row.created_at.isoformat(),
            row.actor_id,
            row.actor_role,
            row.verb,
            row.content_type_id,
            str(row.object_id),
            row.summary,
            row.public,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def forwards(apps, schema_editor):
    from abierto.core import audit

    ActionLog = apps.get_model("core", "ActionLog")
    previous = ""
    rows = list(ActionLog.objects.select_related("content_type").order_by("id"))
    for row in rows:
        if row.prev_hash != previous or _v1_hash(row) != row.row_hash:
            raise RuntimeError(
                f"La cadena del registro de acciones está rota en la fila {row.pk}: "
                "no se migra. Ejecute verify_actionlog con la versión anterior."
            )
        previous = row.row_hash
    seq, prev = 0, ""
    for row in rows:
        seq += 1
        row.data = {"resumen": row.summary, "verbo_anterior": row.verb}
        row.verb = audit.LEGACY.code
        row.changes = {}
        row.seq = seq
        row.prev_hash = prev
        row.content_hash = audit.content_hash(row)
        row.private_hash = audit.private_hash(row)
        row.row_hash = None  # unique: cleared first, set below
        prev = audit.chain_hash(row.prev_hash, row.content_hash, row.private_hash)
        row._new_hash = prev
    ActionLog.objects.bulk_update(
        rows, ["data", "verb", "changes", "seq", "prev_hash", "content_hash", "private_hash", "row_hash"]
    )
    for row in rows:
        row.row_hash = row._new_hash
    ActionLog.objects.bulk_update(rows, ["row_hash"])


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="actionlog",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="datos"),
        ),
        migrations.AddField(
            model_name="actionlog",
            name="changes",
            field=models.JSONField(blank=True, default=dict, verbose_name="cambios"),
        ),
        migrations.AddField(
            model_name="actionlog",
            name="seq",
            field=models.BigIntegerField(
                blank=True, null=True, unique=True, verbose_name="número en la cadena"
            ),
        ),
        migrations.AddField(
            model_name="actionlog",
            name="content_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="actionlog",
            name="private_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name="actionlog",
            name="row_hash",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="actionlog", name="summary"),
        migrations.AddIndex(
            model_name="actionlog",
            index=models.Index(
                condition=models.Q(("seq__isnull", True)),
                fields=["id"],
                name="actionlog_unsealed",
            ),
        ),
    ]

"""Writes of the core app: the ActionLog."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from .models import ActionLog

# Any fixed number: PostgreSQL advisory lock that serialises ActionLog appends so two
# writers never chain onto the same previous row. SQLite needs none (IMMEDIATE transactions).
_ACTIONLOG_LOCK = 7_260_418


def actionlog_record(
    *,
    actor,
    verb: str,
    target: models.Model,
    summary: str = "",
    public: bool = True,
) -> ActionLog:
    """Append one row to the audit trail, chained to the previous row.

    Call it inside the service's transaction: the row commits or rolls back with the change.
    """
    from abierto.accounts.roles import public_role_of

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ACTIONLOG_LOCK])
        last = ActionLog.objects.order_by("-id").values_list("row_hash", flat=True).first()
        user = actor if getattr(actor, "is_authenticated", False) else None
        row = ActionLog(
            created_at=timezone.now(),
            actor=user,
            actor_role=public_role_of(user),
            verb=verb,
            content_type=ContentType.objects.get_for_model(target),
            object_id=str(target.pk),
            summary=summary[:500],
            public=public,
            prev_hash=last or "",
        )
        row.row_hash = row.compute_hash()
        row.save()
    return row

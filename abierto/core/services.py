"""Writes of the core app: the ActionLog."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

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


def official_text(message: str, **params) -> str:
    """Text kept for everyone (audit summaries, mail subjects) in the official language.

    Whatever language the person acting chose, the shared record reads the same. Pass lazy
    labels (``Status.SELECTED.label``) rather than ``get_FOO_display()``, which is already
    evaluated in the actor's language.
    """
    with translation.override(settings.LANGUAGE_CODE):
        text = gettext(message)
        return text % {key: str(value) for key, value in params.items()} if params else text

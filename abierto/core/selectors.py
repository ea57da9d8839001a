"""Reads of the core app."""

from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import ActionLog


def public_history(*, target: Model) -> QuerySet[ActionLog]:
    """The public rows of an object's history, oldest first (no actor, only the role)."""
    return ActionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        public=True,
    ).only("created_at", "verb", "summary", "actor_role")


def actionlog_first_broken_link() -> ActionLog | None:
    """The first row whose hash or link to the previous row does not verify, or None."""
    previous = ""
    rows: Iterator[ActionLog] = ActionLog.objects.order_by("id").iterator(chunk_size=2000)
    for row in rows:
        if row.prev_hash != previous or row.compute_hash() != row.row_hash:
            return row
        previous = row.row_hash
    return None

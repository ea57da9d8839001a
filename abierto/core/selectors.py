"""Reads of the core app."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import ActionLog


def public_history(*, target: Model) -> QuerySet[ActionLog]:
    """The public rows of an object's history, oldest first (no actor, only the role)."""
    return ActionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        public=True,
    ).only("created_at", "verb", "data", "changes", "actor_role", "seq", "row_hash", "prev_hash")

"""The audit trail: one row per state change, chained by hashes so tampering shows."""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionLog(models.Model):
    """A state change: who did what to which object, when.

    ``summary`` is public text and never holds personal data; ``actor`` is private (the public
    history shows ``actor_role`` only). ``row_hash`` covers this row's fields and
    ``prev_hash``, the ``row_hash`` of the row before it, so the whole history can be verified
    with ``manage.py verify_actionlog``.
    """

    created_at = models.DateTimeField(_("fecha"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_role = models.CharField(_("rol del actor"), max_length=60, blank=True)
    verb = models.CharField(_("acción"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    summary = models.CharField(_("resumen público"), max_length=500, blank=True)
    public = models.BooleanField(_("público"), default=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    row_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("registro de acción")
        verbose_name_plural = _("registro de acciones")
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id", "id"])]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.verb} {self.content_type_id}:{self.object_id}"
        )

    def compute_hash(self) -> str:
        payload = json.dumps(
            [
                self.prev_hash,
                self.created_at.isoformat(),
                self.actor_id,
                self.actor_role,
                self.verb,
                self.content_type_id,
                str(self.object_id),
                self.summary,
                self.public,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode()).hexdigest()

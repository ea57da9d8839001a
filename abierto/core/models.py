"""The audit trail: one row per change, sealed into a hash chain (see ``core/audit.py``)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionLog(models.Model):
    """A change: who did what to which object, when, and what changed.

    ``verb`` is a code declared by an app (``"proposal.decided"``); ``data`` is the public JSON
    its label is formatted with and ``changes`` the changed fields (old → new). ``actor`` is
    private (the public history shows ``actor_role`` only). ``seq`` and the hashes are set by
    the sealer after commit (``core.audit.seal_pending``); ``manage.py verify_actionlog``
    checks the chain.
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
    data = models.JSONField(_("datos"), default=dict, blank=True)
    changes = models.JSONField(_("cambios"), default=dict, blank=True)
    public = models.BooleanField(_("público"), default=True)
    seq = models.BigIntegerField(_("número en la cadena"), null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    private_hash = models.CharField(max_length=64, blank=True)
    row_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("registro de acción")
        verbose_name_plural = _("registro de acciones")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "id"]),
            models.Index(
                fields=["id"], condition=models.Q(seq__isnull=True), name="actionlog_unsealed"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.verb} {self.content_type_id}:{self.object_id}"
        )


class EmailDelivery(models.Model):
    """One email the task worker handed to the mail server, by the task that sent it.

    A task run again after its worker died (``manage.py task_worker`` puts abandoned tasks
    back in the queue) finds its row and does not send twice. The row is written right
    after the server accepted the message: a worker killed in between sends it again, with
    the same ``Message-ID``, which mail servers and clients use to drop the copy.
    """

    task_id = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("correo entregado")
        verbose_name_plural = _("correos entregados")

    def __str__(self) -> str:
        return self.task_id

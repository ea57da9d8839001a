"""Open dataset of the core app: the public history (the public rows of the audit log).

Only rows marked public, about objects whose history the public may read, and only their
public columns: the date, the verb, the object, the actor's role (never the person), the
public summary and the two hashes that chain the row to the one before it.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Max, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from .datasets import Dataset, fields
from .models import ActionLog


def public_history_entries() -> QuerySet[ActionLog]:
    """Public audit rows on publicly readable objects, oldest first.

    An object hidden from the public (a proposal hidden by moderation) takes its history with
    it, as its history page does.
    """
    from .views import PUBLIC_HISTORY_MODELS

    scope = Q(pk__in=[])
    for label in sorted(PUBLIC_HISTORY_MODELS):
        model = apps.get_model(label)
        rows = Q(content_type=ContentType.objects.get_for_model(model))
        public_manager = getattr(model, "public_objects", None)
        if public_manager is not None:
            visible = public_manager.annotate(key=Cast("pk", CharField())).values("key")
            rows &= Q(object_id__in=visible)
        scope |= rows
    return (
        ActionLog.objects.filter(scope, public=True)
        .select_related("content_type")
        .only(
            "id",
            "created_at",
            "verb",
            "content_type__app_label",
            "content_type__model",
            "object_id",
            "actor_role",
            "summary",
            "prev_hash",
            "row_hash",
        )
        .order_by("id")
    )


def history_row(row: ActionLog) -> dict:
    return {
        "id": row.pk,
        "fecha": row.created_at,
        "accion": row.verb,
        "objeto": f"{row.content_type.app_label}.{row.content_type.model}",
        "objeto_id": row.object_id,
        "rol_actor": row.actor_role,
        "resumen": row.summary,
        "hash_anterior": row.prev_hash,
        "hash": row.row_hash,
    }


PUBLIC_HISTORY = Dataset(
    slug="historial-publico",
    title=_("Historial público"),
    description=_(
        "Cada cambio de estado público registrado en la plataforma: fecha, acción, objeto, "
        "rol de quien actuó (nunca la persona), resumen público y las sumas de verificación "
        "que encadenan cada registro con el anterior."
    ),
    fields=fields(
        ("id", "integer", _("Número del registro en el historial.")),
        ("fecha", "datetime", _("Fecha y hora del cambio.")),
        ("accion", "string", _("Código de la acción registrada.")),
        ("objeto", "string", _("Tipo de objeto (aplicación.modelo).")),
        ("objeto_id", "string", _("Identificador del objeto.")),
        ("rol_actor", "string", _("Rol público de quien actuó.")),
        ("resumen", "string", _("Resumen público del cambio.")),
        ("hash_anterior", "string", _("Suma SHA-256 del registro anterior de la cadena.")),
        ("hash", "string", _("Suma SHA-256 de este registro.")),
    ),
    queryset=public_history_entries,
    row=history_row,
    updated=lambda: ActionLog.objects.filter(public=True).aggregate(last=Max("created_at"))["last"],
    keywords=("auditoría", "historial", "trazabilidad"),
)

DATASETS = [PUBLIC_HISTORY]

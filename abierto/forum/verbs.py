"""Audit verbs of the forum app."""

from django.utils.translation import gettext_lazy as _

from abierto.core.audit import Verb

ORGANIZATION_CREATED = Verb("organization.created", _("Organización registrada."))
ORGANIZATION_IMPORTED = Verb(
    "organization.imported", _("Organización registrada por importación CSV.")
)
ORGANIZATION_UPDATED = Verb("organization.updated", _("Datos de la organización actualizados."))
TOPIC_CREATED = Verb("topic.created", _("Tema de interés añadido."))
TOPIC_UPDATED = Verb("topic.updated", _("Tema de interés actualizado."))
MEMBERSHIP_CREATED = Verb("membership.created", _("Miembro del Grupo Núcleo registrado."))
MEMBERSHIP_UPDATED = Verb("membership.updated", _("Miembro del Grupo Núcleo actualizado."))
MEETING_CREATED = Verb("meeting.created", _("Reunión registrada."))
MEETING_UPDATED = Verb("meeting.updated", _("Datos de la reunión actualizados."))

VERBS = [
    ORGANIZATION_CREATED,
    ORGANIZATION_IMPORTED,
    ORGANIZATION_UPDATED,
    TOPIC_CREATED,
    TOPIC_UPDATED,
    MEMBERSHIP_CREATED,
    MEMBERSHIP_UPDATED,
    MEETING_CREATED,
    MEETING_UPDATED,
]

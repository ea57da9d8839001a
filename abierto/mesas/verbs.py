"""Audit verbs of the mesas app: past tense, ``<noun>.<past participle>``.

Public verbs appear on a mesa's public history; registration and attendance verbs are private
entries (they concern a person) and their data never carries a name or an email.
"""

from django.utils.translation import gettext_lazy as _

from abierto.core.audit import Verb

MESA_CREATED = Verb("mesa.created", _("Mesa convocada: %(title)s (%(city)s)."))
MESA_UPDATED = Verb("mesa.updated", _("Datos de la mesa actualizados."))
MESA_CANCELLED = Verb("mesa.cancelled", _("Mesa cancelada: %(reason)s"))
MESA_HELD = Verb("mesa.held", _("Mesa realizada."))
MESA_FACILITATORS_CHANGED = Verb(
    "mesa.facilitators_changed", _("Equipo de facilitación actualizado (%(count)s personas).")
)
MINUTES_PUBLISHED = Verb("minutes.published", _("Acta publicada."))
MINUTES_UPDATED = Verb("minutes.updated", _("Acta actualizada."))
PUBLISHED_FIGURE_SAVED = Verb(
    "published_participation.saved",
    _("Cifra publicada de participación registrada (%(source)s): %(total)s personas."),
)


def _registration_status(value):
    from .models import RegistrationStatus

    return RegistrationStatus(value).label


REGISTRATION_CREATED = Verb(
    "registration.created",
    _("Inscripción: %(status)s."),
    display={"status": _registration_status},
)
REGISTRATION_CANCELLED = Verb("registration.cancelled", _("Inscripción cancelada."))
REGISTRATION_PROMOTED = Verb(
    "registration.promoted", _("Inscripción confirmada desde la lista de espera.")
)
REGISTRATION_REMINDED = Verb("registration.reminded", _("Recordatorio enviado."))
ATTENDANCE_CHECKED_IN = Verb("attendance.checked_in", _("Asistencia registrada."))
PROFILE_RECORDED = Verb("attendee_profile.recorded", _("Datos voluntarios registrados."))

VERBS = [
    MESA_CREATED,
    MESA_UPDATED,
    MESA_CANCELLED,
    MESA_HELD,
    MESA_FACILITATORS_CHANGED,
    MINUTES_PUBLISHED,
    MINUTES_UPDATED,
    PUBLISHED_FIGURE_SAVED,
    REGISTRATION_CREATED,
    REGISTRATION_CANCELLED,
    REGISTRATION_PROMOTED,
    REGISTRATION_REMINDED,
    ATTENDANCE_CHECKED_IN,
    PROFILE_RECORDED,
]

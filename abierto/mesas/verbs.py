"""Audit verbs of the mesas app: past tense, ``<noun>.<past participle>``.

Public verbs appear on a mesa's public history; registration and attendance verbs are private
entries (they concern a person) and never carry a name or an email.
"""

from django.utils.translation import gettext_lazy as _

MESA_CREATED = "mesa.created"
MESA_UPDATED = "mesa.updated"
MESA_CANCELLED = "mesa.cancelled"
MESA_HELD = "mesa.held"
MESA_FACILITATORS_CHANGED = "mesa.facilitators_changed"
MINUTES_PUBLISHED = "minutes.published"
MINUTES_UPDATED = "minutes.updated"
PUBLISHED_FIGURE_SAVED = "published_participation.saved"
REGISTRATION_CREATED = "registration.created"
REGISTRATION_CANCELLED = "registration.cancelled"
REGISTRATION_PROMOTED = "registration.promoted"
ATTENDANCE_CHECKED_IN = "attendance.checked_in"
PROFILE_RECORDED = "attendee_profile.recorded"

#: Labels of the verbs a visitor may read on a mesa's public history.
PUBLIC_LABELS = {
    MESA_CREATED: _("Mesa convocada."),
    MESA_UPDATED: _("Datos de la mesa actualizados."),
    MESA_CANCELLED: _("Mesa cancelada."),
    MESA_HELD: _("Mesa realizada."),
    MESA_FACILITATORS_CHANGED: _("Equipo de facilitación actualizado."),
    MINUTES_PUBLISHED: _("Acta publicada."),
    MINUTES_UPDATED: _("Acta actualizada."),
}

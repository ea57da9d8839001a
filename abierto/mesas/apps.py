from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MesasConfig(AppConfig):
    name = "abierto.mesas"
    label = "mesas"
    verbose_name = _("Mesas de cocreación")

    def ready(self):
        from abierto.accounts.roles import Role
        from abierto.core.history import register_history_verbs
        from abierto.core.staff import StaffSection, register_staff_section
        from abierto.core.views import register_public_history

        from . import rules  # noqa: F401  (registers the permissions)
        from .models import Mesa
        from .verbs import PUBLIC_LABELS

        register_public_history(Mesa)
        register_history_verbs(dict(PUBLIC_LABELS))
        register_staff_section(
            StaffSection(
                title=_("Mesas de cocreación"),
                description=_(
                    "Convocatoria, facilitación, inscripciones, registro de asistencia y actas."
                ),
                url_name="staff:mesas_index",
                roles=(Role.FORUM_MEMBER, Role.FACILITATOR),
                order=30,
            )
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "abierto.commitments"
    label = "commitments"
    verbose_name = _("Compromisos y seguimiento")

    def ready(self):
        from abierto.accounts.roles import Role
        from abierto.core.history import register_history_verbs
        from abierto.core.staff import StaffSection, register_staff_section
        from abierto.core.views import register_public_history

        from . import rules  # noqa: F401  (registers the per-object rules)
        from .models import Commitment
        from .verbs import VERBS

        register_public_history(Commitment)
        register_history_verbs({verb.code: verb.label for verb in VERBS})
        register_staff_section(
            StaffSection(
                title=_("Compromisos"),
                description=_(
                    "Fichas de compromisos, hitos, indicadores, reportes de avance, "
                    "verificación de evidencias y evaluaciones del IRM."
                ),
                url_name="staff:commitments_index",
                roles=(Role.FORUM_MEMBER, Role.LIAISON),
                order=40,
            )
        )

from django.apps import AppConfig
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "abierto.proposals"
    label = "proposals"
    verbose_name = _("Propuestas")

    def ready(self):
        from abierto.core.history import register_history_verbs
        from abierto.core.staff import StaffSection, register_staff_section
        from abierto.core.views import register_public_history

        from .models import Proposal, Status
        from .rules import INTAKE_ROLES

        register_public_history(Proposal)
        register_history_verbs(
            {
                "proposal_received": _("Propuesta recibida."),
                "proposal_withdrawn": _("Retirada por quien la propuso."),
                "proposal_hidden": _("Ocultada por moderación."),
                "proposal_unhidden": _("Visible de nuevo tras revisión de moderación."),
                # The reason is in the Spanish summary only (audit v2 will carry it as data).
                "proposal_corrected": _("Decisión corregida por el Grupo Núcleo."),
                "proposal_reopened": _("Decisión reabierta: vuelve a estar en evaluación."),
                **{
                    f"proposal_{status.value}": format_lazy(
                        _("Estado: {status}."), status=status.label
                    )
                    for status in Status
                },
            }
        )
        register_staff_section(
            StaffSection(
                title=_("Propuestas ciudadanas"),
                description=_(
                    "Cola de revisión, decisiones con respuesta razonada, moderación y registro "
                    "de propuestas de mesas o en papel."
                ),
                url_name="staff:proposals_queue",
                roles=INTAKE_ROLES,
                order=40,
            )
        )

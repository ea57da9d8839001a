from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "abierto.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluación de propuestas")

    def ready(self):
        from abierto.accounts.roles import Role
        from abierto.core.history import register_history_verbs
        from abierto.core.staff import StaffSection, register_staff_section
        from abierto.core.views import register_public_history

        from . import hooks
        from .models import EvaluationRound

        hooks.register()
        register_history_verbs(
            {
                "evaluation_commission_created": _("Comisión evaluadora creada."),
                "evaluation_method_updated": _("Método de evaluación actualizado."),
                "evaluation_round_created": _("Ronda de evaluación preparada."),
                "evaluation_round_opened": _("Ronda abierta: criterios y pesos fijados."),
                "evaluation_round_assigned": _("Propuestas asignadas a la comisión."),
                "evaluation_candidate_saved": _("Compromiso candidato agrupado."),
                "evaluation_round_closed": _("Ronda cerrada."),
                "evaluation_round_published": _("Resultados y respuestas publicados."),
            }
        )
        register_public_history(EvaluationRound)
        register_staff_section(
            StaffSection(
                title=_("Evaluación de propuestas"),
                description=_(
                    "Comisión evaluadora de cada plan, rondas, calificación con los criterios "
                    "públicos, agrupación, decisiones y publicación de respuestas."
                ),
                url_name="staff:evaluation_index",
                roles=(Role.EVALUATOR, Role.FORUM_MEMBER),
                order=45,
            )
        )

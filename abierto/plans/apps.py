from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "abierto.plans"
    label = "plans"
    verbose_name = _("Planes de acción")

    def ready(self):
        from abierto.accounts.roles import Role
        from abierto.core.history import register_history_verbs
        from abierto.core.staff import StaffSection, register_staff_section
        from abierto.core.views import register_public_history

        from .models import ActionPlan

        register_public_history(ActionPlan)
        register_history_verbs(
            {
                "plan_create": _("Plan publicado."),
                "plan_update": _("Datos del plan actualizados."),
                "plan_new_version": _("Nueva versión del plan publicada."),
                # Written before plans kept one row (kept so the old entries still read well).
                "plan_superseded": _("Reemplazado por una nueva versión."),
                "plan_facilitators_set": _("Facilitadores del plan actualizados."),
            }
        )
        register_staff_section(
            StaffSection(
                title=_("Planes de acción"),
                description=_("Planes y sus versiones, etapas, ejes, criterios y temas."),
                url_name="staff:plans_index",
                roles=(Role.FORUM_MEMBER, Role.ADMIN),
                order=20,
            )
        )

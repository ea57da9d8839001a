from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "abierto.forum"
    label = "forum"
    verbose_name = _("Foro multiactor")

    def ready(self):
        from abierto.accounts.roles import Role
        from abierto.core.history import register_history_verbs
        from abierto.core.staff import StaffSection, register_staff_section
        from abierto.core.views import register_public_history

        from .models import ForumMeeting

        register_public_history(ForumMeeting)
        register_history_verbs(
            {
                "meeting_create": _("Reunión registrada."),
                "meeting_update": _("Datos de la reunión actualizados."),
            }
        )
        register_staff_section(
            StaffSection(
                title=_("Grupo Núcleo y actores"),
                description=_(
                    "Organizaciones (también por CSV), miembros del foro, temas de "
                    "interés y reuniones con sus actas."
                ),
                url_name="staff:forum_index",
                roles=(Role.FORUM_MEMBER, Role.ADMIN),
                order=25,
            )
        )

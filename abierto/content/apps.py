from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "abierto.content"
    label = "content"
    verbose_name = _("Contenido")

    def ready(self) -> None:
        from abierto.accounts.roles import Role
        from abierto.core.history import register_history_verbs
        from abierto.core.staff import StaffSection, register_staff_section
        from abierto.core.views import register_public_history

        from .models import Document, Page

        register_staff_section(
            StaffSection(
                title=_("Contenido y documentos"),
                description=_(
                    "Editar las páginas informativas y publicar documentos en el repositorio."
                ),
                url_name="staff:content_pages",
                roles=(Role.FORUM_MEMBER, Role.ADMIN),
                order=10,
            )
        )
        register_public_history(Page)
        register_history_verbs(
            {
                "page_created": _("Página publicada."),
                "page_updated": _("Página actualizada."),
                "document_created": _("Documento publicado."),
                "document_updated": _("Documento actualizado."),
            }
        )
        register_public_history(Document)

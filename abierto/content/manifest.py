from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, StaffSection

from .verbs import VERBS

MANIFEST = AppManifest(
    urls=[("", "abierto.content.urls")],
    staff_urls=("contenido/", "abierto.content.staff_urls"),
    staff_sections=[
        StaffSection(
            title=_("Páginas informativas"),
            description=_("Editar las páginas de información del sitio, en español e inglés."),
            url_name="staff:content_pages",
            permission="content.manage_pages",
            order=10,
        ),
        StaffSection(
            title=_("Documentos"),
            description=_("Publicar documentos en el repositorio."),
            url_name="staff:content_documents",
            permission="content.manage_documents",
            order=12,
        ),
    ],
    demo="abierto.content.demo",
    demo_after=("plans",),
    verbs=VERBS,
    public_history=("content.page", "content.document"),
)

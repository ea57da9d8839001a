from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, StaffSection

from .verbs import VERBS

MANIFEST = AppManifest(
    urls=[("", "abierto.forum.urls")],
    staff_urls=("foro/", "abierto.forum.staff_urls"),
    staff_sections=[
        StaffSection(
            title=_("Grupo Núcleo y actores"),
            description=_(
                "Organizaciones (también por CSV), miembros del foro, temas de interés y "
                "reuniones con sus actas."
            ),
            url_name="staff:forum_index",
            permission="forum.manage",
            order=25,
        )
    ],
    demo="abierto.forum.demo",
    verbs=VERBS,
    public_history=(
        "forum.organization",
        "forum.forummeeting",
        "forum.forummembership",
    ),
)

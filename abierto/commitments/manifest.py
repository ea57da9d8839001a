from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, StaffSection

from .verbs import VERBS


def _waiting(user) -> str | None:
    from django.utils.translation import ngettext

    from .selectors import staff_waiting_count

    count = staff_waiting_count(user=user)
    if not count:
        return None
    return ngettext(
        "%(n)s tarea de seguimiento pendiente", "%(n)s tareas de seguimiento pendientes", count
    ) % {"n": count}


MANIFEST = AppManifest(
    # One module holds both public prefixes: /seguimiento/ and /compromisos/.
    urls=[("", "abierto.commitments.urls")],
    staff_urls=("compromisos/", "abierto.commitments.staff_urls"),
    staff_sections=[
        StaffSection(
            title=_("Compromisos y seguimiento"),
            description=_(
                "Fichas de compromisos y su ciclo de vida, hitos, indicadores, reportes de "
                "avance de las instituciones, verificación de evidencias y evaluaciones del IRM."
            ),
            url_name="staff:commitments_index",
            permission="commitments.view_staff_section",
            order=50,
            count=_waiting,
        )
    ],
    demo="abierto.commitments.demo",
    demo_after=("forum", "plans", "proposals"),
    verbs=VERBS,
    public_history=("commitments.commitment",),
)

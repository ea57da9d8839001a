from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, Figure, StaffSection

from .verbs import VERBS


def _waiting(user) -> str | None:
    from django.utils.translation import ngettext

    from .selectors import staff_waiting_count

    count = staff_waiting_count(user=user)
    if not count:
        return None
    return ngettext(
        "%(n)s propuesta espera revisión", "%(n)s propuestas esperan revisión", count
    ) % {"n": count}


def _reported(user) -> str | None:
    from django.utils.translation import ngettext

    from .selectors import reported_count

    count = reported_count()
    if not count:
        return None
    return ngettext(
        "%(n)s propuesta denunciada por revisar", "%(n)s propuestas denunciadas por revisar", count
    ) % {"n": count}


def _home_figures():
    from django.urls import reverse
    from django.utils.translation import ngettext

    from .selectors import home_counts

    counts = home_counts()
    return [
        Figure(
            counts["received"],
            ngettext("propuesta recibida", "propuestas recibidas", counts["received"]),
            url=reverse("proposals:list"),
            order=10,
        ),
        Figure(
            counts["answered"],
            ngettext(
                "propuesta con respuesta razonada",
                "propuestas con respuesta razonada",
                counts["answered"],
            ),
            order=20,
        ),
    ]


MANIFEST = AppManifest(
    urls=[("propuestas/", "abierto.proposals.urls")],
    staff_urls=("propuestas/", "abierto.proposals.staff_urls"),
    staff_sections=[
        StaffSection(
            title=_("Propuestas ciudadanas"),
            description=_(
                "Cola de revisión, decisiones con respuesta razonada, moderación y registro de "
                "propuestas de mesas o en papel."
            ),
            url_name="staff:proposals_queue",
            permission="proposals.view_queue",
            order=40,
            count=_waiting,
        ),
        StaffSection(
            title=_("Propuestas denunciadas"),
            description=_(
                "Propuestas que el público denunció: revisarlas, volver a publicarlas o "
                "mantenerlas ocultas con un motivo."
            ),
            url_name="staff:proposals_reports",
            permission="proposals.moderate",
            order=41,
            count=_reported,
        ),
    ],
    demo="abierto.proposals.demo",
    demo_after=("plans", "content"),
    verbs=VERBS,
    public_history=("proposals.proposal",),
    home_figures=_home_figures,
    exports="abierto.proposals.exports",
    api="abierto.proposals.api",
)

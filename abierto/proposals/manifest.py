from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, Figure, Panel, StaffSection

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


def _mesa_panel(mesa) -> dict | None:
    """The mesa's public page: how many public proposals were written there (held mesas)."""
    from abierto.mesas.models import MesaStatus

    from .selectors import mesa_proposal_count

    count = mesa_proposal_count(mesa)
    if not count and mesa.status != MesaStatus.HELD:
        return None
    return {"count": count}


def _mesa_staff_panel(mesa) -> dict:
    """The mesa's back-office page: its proposals, and the fast form and CSV import."""
    from .models import Proposal
    from .selectors import mesa_intake_closed, mesa_proposal_count

    return {
        "count": Proposal.objects.filter(mesa=mesa).count(),
        "public_count": mesa_proposal_count(mesa),
        "closed": mesa_intake_closed(mesa),
    }


def _participation_panel(plan) -> dict:
    from .selectors import participation_proposals

    return {"stats": participation_proposals(plan)}


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
        )
    ],
    demo="abierto.proposals.demo",
    demo_after=("plans", "content"),
    verbs=VERBS,
    public_history=("proposals.proposal",),
    home_figures=_home_figures,
    exports="abierto.proposals.exports",
    api="abierto.proposals.api",
    panels=[
        Panel("mesa_detail", "proposals/_mesa_panel.html", _mesa_panel),
        Panel("mesa_staff", "proposals/_mesa_staff_panel.html", _mesa_staff_panel),
        Panel("plan_participation", "proposals/_participation_panel.html", _participation_panel),
    ],
)

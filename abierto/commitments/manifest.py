from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, Panel, StaffSection

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


def _plan_panel(plan) -> dict | None:
    """A plan's page links its commitments and tracking once it has public commitments."""
    from .models import PUBLIC_STATUSES

    count = plan.commitments.filter(status__in=sorted(PUBLIC_STATUSES)).count()
    return {"plan": plan, "count": count} if count else None


def _proposal_panel(proposal) -> dict | None:
    """On a proposal's response: the public commitment it fed (provenance, both sides)."""
    from .models import PUBLIC_STATUSES

    commitment = proposal.commitment if proposal.commitment_id else None
    if commitment is None or commitment.status not in PUBLIC_STATUSES:
        return None
    return {"commitment": commitment}


def _candidate_panel(candidate) -> dict | None:
    """On the round's staff page: each candidate group's commitment, or the form to draft it."""
    from .models import Commitment

    if candidate.round.status != "publicada":
        return None
    return {
        "candidate": candidate,
        "commitment": Commitment.objects.filter(candidate=candidate).first(),
    }


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
    exports="abierto.commitments.exports",
    api="abierto.commitments.api",
    public_history=("commitments.commitment",),
    panels=[
        Panel("plan_detail", "commitments/_plan_links.html", _plan_panel),
        Panel("proposal_response", "commitments/_proposal_commitment.html", _proposal_panel),
        Panel("candidate_group", "commitments/_candidate_panel.html", _candidate_panel),
    ],
)

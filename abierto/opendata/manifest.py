from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, Panel, StaffSection

from .verbs import VERBS


def _plan_panel(plan) -> dict | None:
    """The printable reports a plan has something to put in: the plan document and the
    accountability report once it has public commitments, the reasoned responses once it has
    public proposals; nothing for a plan with neither."""
    from abierto.commitments.models import PUBLIC_STATUSES, Commitment
    from abierto.proposals.models import Proposal

    from .reports import ACTION_PLAN, PROGRESS, RESPONSES

    kinds = []
    if Commitment.objects.filter(plan=plan, status__in=PUBLIC_STATUSES).exists():
        kinds += [ACTION_PLAN, PROGRESS]
    if Proposal.public_objects.filter(plan=plan).exists():
        kinds.append(RESPONSES)
    return {"plan": plan, "kinds": kinds} if kinds else None


MANIFEST = AppManifest(
    urls=[("datos/", "abierto.opendata.urls")],
    machine_urls=[
        ("api/v1/", "abierto.opendata.api_urls"),
        ("", "abierto.opendata.root_urls"),
    ],
    staff_urls=("datos/", "abierto.opendata.staff_urls"),
    staff_sections=[
        StaffSection(
            title=_("Informes"),
            description=_(
                "Publicar en el repositorio el documento del plan, el informe de avance y el "
                "de respuestas razonadas."
            ),
            url_name="staff:opendata_reports",
            permission="opendata.publish_reports",
            order=60,
        ),
    ],
    demo="abierto.opendata.demo",
    demo_after=("commitments", "proposals", "evaluation", "mesas", "content", "forum"),
    verbs=VERBS,
    panels=[Panel("plan_detail", "opendata/reports/_plan_panel.html", _plan_panel)],
)

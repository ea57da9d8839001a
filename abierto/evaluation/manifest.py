from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, Panel, StaffSection

from . import hooks
from .verbs import VERBS


def _pending(user) -> str | None:
    from django.utils.translation import ngettext

    from .selectors import pending_count

    count = pending_count(user=user)
    if not count:
        return None
    return ngettext("%(n)s evaluación pendiente", "%(n)s evaluaciones pendientes", count) % {
        "n": count
    }


MANIFEST = AppManifest(
    urls=[("evaluacion/", "abierto.evaluation.urls")],
    staff_urls=("evaluacion/", "abierto.evaluation.staff_urls"),
    staff_sections=[
        StaffSection(
            title=_("Evaluación de propuestas"),
            description=_(
                "Comisión evaluadora de cada plan, rondas, calificación con los criterios "
                "públicos, agrupación, decisiones y publicación de respuestas."
            ),
            url_name="staff:evaluation_index",
            permission="evaluation.view_staff_section",
            order=45,
            count=_pending,
        )
    ],
    demo="abierto.evaluation.demo",
    demo_after=("plans", "proposals"),
    verbs=VERBS,
    exports="abierto.evaluation.exports",
    public_history=("evaluation.evaluationround",),
    panels=[
        Panel("proposal_detail", "evaluation/_proposal_scores.html", hooks.proposal_panel),
        Panel("plan_detail", "evaluation/_plan_panel.html", hooks.plan_panel),
    ],
    hooks={"plans.criteria_lock": hooks.criteria_lock},
)

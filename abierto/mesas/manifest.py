from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, Figure, Panel, StaffSection

from .verbs import VERBS


def _assigned(user) -> str | None:
    from django.utils.translation import ngettext

    from .selectors import staff_upcoming_count

    count = staff_upcoming_count(user)
    if not count:
        return None
    return ngettext("%(n)s mesa próxima", "%(n)s mesas próximas", count) % {"n": count}


def _home_figures():
    from django.urls import reverse
    from django.utils.translation import ngettext

    from .selectors import held_count, latest_published_figure

    count = held_count()
    figures = [
        Figure(
            count,
            ngettext("mesa de cocreación realizada", "mesas de cocreación realizadas", count),
            url=reverse("mesas:list"),
            order=30,
        )
    ]
    # The participation of the latest plan with a published figure, linked to its statistics.
    published = latest_published_figure()
    if published is not None:
        total, number, slug = published
        figures.append(
            Figure(
                total,
                ngettext(
                    "persona participó en la cocreación del plan %(n)s",
                    "personas participaron en la cocreación del plan %(n)s",
                    total,
                )
                % {"n": number},
                url=reverse("mesas:participation", args=[slug]),
                order=35,
            )
        )
    return figures


def _plan_panel(plan) -> dict | None:
    """The plan's page links its mesas and its participation statistics when it has mesas."""
    from .models import Mesa

    count = Mesa.objects.filter(plan=plan).count()
    return {"plan": plan, "mesa_count": count} if count else None


MANIFEST = AppManifest(
    urls=[("mesas/", "abierto.mesas.urls")],
    staff_urls=("mesas/", "abierto.mesas.staff_urls"),
    staff_sections=[
        StaffSection(
            title=_("Mesas de cocreación"),
            description=_(
                "Convocatoria, facilitación, inscripciones, registro de asistencia y actas."
            ),
            url_name="staff:mesas_index",
            permission="mesas.view_staff_section",
            order=30,
            count=_assigned,
        )
    ],
    demo="abierto.mesas.demo",
    demo_after=("plans", "proposals"),
    verbs=VERBS,
    exports="abierto.mesas.exports",
    api="abierto.mesas.api",
    public_history=("mesas.mesa",),
    home_figures=_home_figures,
    panels=[Panel("plan_detail", "mesas/_plan_panel.html", _plan_panel)],
)

from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, StaffSection

from .verbs import VERBS

MANIFEST = AppManifest(
    urls=[("planes/", "abierto.plans.urls")],
    staff_urls=("planes/", "abierto.plans.staff_urls"),
    staff_sections=[
        StaffSection(
            title=_("Planes de acción"),
            description=_("Planes y sus versiones, etapas, ejes, criterios, temas y facilitación."),
            url_name="staff:plans_index",
            permission="plans.manage",
            order=20,
        )
    ],
    demo="abierto.plans.demo",
    demo_after=("forum",),
    verbs=VERBS,
    public_history=("plans.actionplan",),
)

from django.utils.translation import gettext_lazy as _

from abierto.core.manifest import AppManifest, StaffSection

from .verbs import VERBS

MANIFEST = AppManifest(
    urls=[("cuenta/", "abierto.accounts.urls")],
    staff_urls=("cuentas/", "abierto.accounts.staff_urls"),
    staff_sections=[
        StaffSection(
            title=_("Cuentas y roles"),
            description=_("Buscar cuentas, conceder y retirar roles, desactivar cuentas."),
            url_name="staff:accounts_index",
            permission="accounts.manage",
            order=5,
        )
    ],
    verbs=VERBS,
)

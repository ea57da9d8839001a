from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MesasConfig(AppConfig):
    name = "abierto.mesas"
    label = "mesas"
    verbose_name = _("Mesas de cocreación")

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_role_groups(sender, **kwargs):
    from abierto.core.roles import ensure_role_groups

    ensure_role_groups()


class AccountsConfig(AppConfig):
    name = "abierto.accounts"
    label = "accounts"
    verbose_name = _("Cuentas")

    def ready(self):
        post_migrate.connect(_create_role_groups, sender=self)

"""Audit verbs of the accounts app (role grants are audited, never public: they name people)."""

from django.utils.translation import gettext_lazy as _

from abierto.core.audit import Verb
from abierto.core.roles import role_label

ROLE_GRANTED = Verb("role.granted", _("Rol concedido: %(role)s."), display={"role": role_label})
ROLE_REVOKED = Verb("role.revoked", _("Rol retirado: %(role)s."), display={"role": role_label})
ACCOUNT_UPDATED = Verb("account.updated", _("Cuenta actualizada."))

VERBS = [ROLE_GRANTED, ROLE_REVOKED, ACCOUNT_UPDATED]
API_TOKEN_CREATED = Verb("api_token.created", _("Token de API creado: %(name)s (%(prefix)s…)."))
API_TOKEN_REVOKED = Verb("api_token.revoked", _("Token de API revocado: %(name)s (%(prefix)s…)."))

VERBS += [API_TOKEN_CREATED, API_TOKEN_REVOKED]

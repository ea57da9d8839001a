"""Authentication of the write API: a personal token in ``Authorization: Bearer <token>``.

Only the token authenticates: a session cookie does not, so a page of another site cannot
make a signed-in browser write through the API (no CSRF exposure), and writes need no CSRF
token. ``request.auth`` is the :class:`~abierto.accounts.models.ApiToken`; the person is
``request.auth.user``.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from .models import ApiToken
from .services import api_token_authenticate


class TokenAuth(HttpBearer):
    openapi_description = (
        "Token personal de un enlace institucional (se crea en /gestion/cuentas/tokens/): "
        "`Authorization: Bearer abt_...`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return api_token_authenticate(token.strip())


token_auth = TokenAuth()

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

from abierto.core import ratelimit
from abierto.core.net import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter: mail already leaves through the queued email backend."""

    def is_open_for_signup(self, request) -> bool:
        return True

    def get_login_redirect_url(self, request) -> str:
        """Staff land on what waits for them (the back office); citizens on the site."""
        from django.urls import reverse

        from abierto.core.permissions import allowed

        if allowed(request.user, "core.view_staff_dashboard"):
            return reverse("staff:dashboard")
        return super().get_login_redirect_url(request)

    def pre_authenticate(self, request, **credentials) -> None:
        """Demo accounts only sign in where they may exist: in development."""
        from .demo import DEMO_DOMAIN

        login = str(credentials.get("email") or credentials.get("username") or "").lower()
        if not settings.ABIERTO_DEMO_ACCOUNTS and login.endswith("@" + DEMO_DOMAIN):
            raise forms.ValidationError(
                "Las cuentas de demostración no pueden ingresar en este sitio."
            )
        if ratelimit.exceeded("login_ip", client_ip(request)):
            # Password spraying: one address trying many accounts. django-axes locks one
            # account after a few failures; this ceiling counts every account together.
            minutes = max(ratelimit.limit_for("login_ip")[1] // 60, 1)
            raise forms.ValidationError(
                _(
                    "Demasiados intentos fallidos de ingreso desde su conexión. Por seguridad, "
                    "espere %(minutes)s minutos e inténtelo de nuevo."
                )
                % {"minutes": minutes},
                code="login_ip",
            )
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials) -> None:
        """Count the failure against the client's address, whatever the account."""
        ratelimit.hit("login_ip", client_ip(request))
        super().authentication_failed(request, **credentials)


def axes_username(request, credentials) -> str | None:
    """django-axes counts failures per email (lower-case), whatever the form calls the field."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("login") or credentials.get("username")
    if value is None and request is not None and request.method == "POST":
        value = request.POST.get("login") or request.POST.get("email")
    return value.strip().lower() if value else None

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings


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
        super().pre_authenticate(request, **credentials)


def axes_username(request, credentials) -> str | None:
    """django-axes counts failures per email (lower-case), whatever the form calls the field."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("login") or credentials.get("username")
    if value is None and request is not None and request.method == "POST":
        value = request.POST.get("login") or request.POST.get("email")
    return value.strip().lower() if value else None

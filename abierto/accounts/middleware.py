from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from abierto.core.roles import is_staff_member


class StaffMFAMiddleware:
    """In production, a staff role must set up a second factor before doing anything else.

    Until then every page but the account and MFA pages sends them to set one up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.ABIERTO_REQUIRE_STAFF_MFA
            and request.user.is_authenticated
            and not request.path.startswith(("/cuenta/", "/static/", "/salud/", "/idioma/"))
            and is_staff_member(request.user)
            and not is_mfa_enabled(request.user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

from django.conf import settings

from abierto.accounts.roles import is_staff_member


def site(request):
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.ABIERTO_SITE_NAME,
        "COUNTRY": settings.ABIERTO_COUNTRY,
        "is_staff_member": bool(user is not None and is_staff_member(user)),
    }

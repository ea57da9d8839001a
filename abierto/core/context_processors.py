from django.conf import settings

from abierto.core.permissions import allowed


def site(request):
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.ABIERTO_SITE_NAME,
        "COUNTRY": settings.ABIERTO_COUNTRY,
        "is_staff_member": bool(user is not None and allowed(user, "core.view_staff_dashboard")),
    }

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from abierto.core import breadcrumbs
from abierto.core.permissions import allowed


def language_alternates(request) -> list[tuple[str, str]]:
    """(language, absolute address) of this page in each language, for hreflang links."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name:
        return []
    query = request.META.get("QUERY_STRING", "")
    alternates = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return []
        alternates.append((code, settings.ABIERTO_SITE_URL + path + (f"?{query}" if query else "")))
    return alternates


def site(request):
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.ABIERTO_SITE_NAME,
        "COUNTRY": settings.ABIERTO_COUNTRY,
        "is_staff_member": bool(user is not None and allowed(user, "core.view_staff_dashboard")),
        "language_alternates": language_alternates(request),
        "breadcrumbs": SimpleLazyObject(lambda: breadcrumbs.trail(request.path_info)),
    }

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is too large before anything reads it.

    Placed after the CSP and clickjacking middlewares in ``MIDDLEWARE``, so the refusal
    carries every header a page does. No ``Connection: close``: it is a hop-by-hop header,
    which WSGI forbids an application to set (the development server answers it with a 500);
    the server in front decides about the connection.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.ABIERTO_MAX_REQUEST_BYTES:
            limit_mb = settings.ABIERTO_MAX_REQUEST_BYTES // (1024 * 1024)
            body = render_to_string("413.html", {"limit_mb": limit_mb})
            return HttpResponse(body, status=413)
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Pages with personal data are never kept by a browser or a shared cache.

    Every page under these paths (the back office and Django's admin, the account, a
    citizen's own proposals, the status of a proposal by its code, the confirmation that shows
    the code) is sent with ``Cache-Control: private, no-store`` (and the rest of
    ``never_cache``), errors included.
    """

    PREFIXES = (
        "/gestion/",
        "/admin/",
        "/cuenta/",
        "/propuestas/mias/",
        "/propuestas/estado/",
        "/propuestas/enviada/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.PREFIXES):
            private(response)
        return response


def private(response: HttpResponse) -> HttpResponse:
    """``Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private``."""
    response.headers.pop("Cache-Control", None)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


class PermissionsPolicyMiddleware:
    """Switch off browser features the site never uses."""

    POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.POLICY)
        return response


class LanguageMiddleware:
    """Spanish unless the visitor chose another language with the switcher (a cookie).

    Paths carry no language prefix and the browser's Accept-Language is not followed: the
    site speaks Spanish first, as its public expects, and English only on request.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        translation.deactivate()
        return response

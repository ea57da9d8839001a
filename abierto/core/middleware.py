from django.conf import settings
from django.core.exceptions import BadRequest, MiddlewareNotUsed
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _


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


class NulPathMiddleware:
    """A NUL character in the address is never meaningful, and PostgreSQL refuses it in any
    text comparison (a 500 wherever a path argument reaches a query): answer 400 for all of
    them, with the site's own error page. Query values are the filters' business."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            if request.path_info.startswith("/api/"):  # the API answers errors in JSON
                message = _("La dirección contiene un carácter nulo.")
                return JsonResponse({"error": message}, status=400)
            raise BadRequest("NUL in the path")
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Pages with personal data are never kept by a browser or a shared cache.

    Every page under these paths (the back office and Django's admin, the account, a
    citizen's own proposals, the status of a proposal by its code, the confirmation that shows
    the code, the form that mails lost codes) is sent with ``Cache-Control: private,
    no-store`` (and the rest of ``never_cache``), errors included, at its Spanish and its
    English (/en/) address.
    """

    PREFIXES = (
        "/gestion/",
        "/admin/",
        "/cuenta/",
        "/propuestas/mias/",
        "/propuestas/estado/",
        "/propuestas/enviada/",
        "/propuestas/recuperar-codigo/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.is_private(request.path_info):
            private(response)
        return response

    @classmethod
    def is_private(cls, path: str) -> bool:
        language = translation.get_language_from_path(path)
        if language and path.startswith(f"/{language}/"):
            path = path[len(language) + 1 :]  # the English address of the same page
        return path.startswith(cls.PREFIXES)


def private(response: HttpResponse) -> HttpResponse:
    """``Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private``."""
    add_never_cache_headers(response)  # keeps what the view said, drops "public", max-age 0
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
    """Spanish first; English at its own addresses (/en/...) and on the visitor's request.

    - A path under /en/ is English for everyone, so the English site can be linked and
      indexed; paths without a prefix are the Spanish site.
    - A visitor who chose English with the switcher (cookie ``idioma``) reads English on
      unprefixed paths too, and the links on those pages lead to /en/ addresses.
    - The browser's Accept-Language is deliberately not followed: the public of a
      Spanish-speaking government expects Spanish first.

    The URL is resolved in the language of its prefix (``__call__``); the page is rendered in
    the visitor's language once the view is known (``process_view``).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        url_language = translation.get_language_from_path(request.path_info)
        request.url_language = url_language
        translation.activate(url_language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = url_language or settings.LANGUAGE_CODE
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie",))
        translation.deactivate()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if request.url_language:
            language = request.url_language
        else:
            language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language


class BenchQueryCountMiddleware:
    """Bench mode only (``ABIERTO_BENCH=1``, set by ``make bench``): the number of SQL queries
    a request ran, in the ``X-Bench-Queries`` response header. First in the list, so the
    session, user and every middleware's queries count too. Off on every real site."""

    HEADER = "X-Bench-Queries"

    def __init__(self, get_response):
        if not settings.ABIERTO_BENCH:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response[self.HEADER] = str(count)
        return response

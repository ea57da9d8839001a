from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is too large before anything reads it."""

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
            response = HttpResponse(body, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


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


class BenchQueryCountMiddleware:
    """Bench mode only (``ABIERTO_BENCH=1``, set by ``make bench``): the number of SQL queries
    a request ran, in the ``X-Bench-Queries`` response header. First in the list, so the
    session, user and every middleware's queries count too. Off on every real site."""

    HEADER = "X-Bench-Queries"

    def __init__(self, get_response):
        if not getattr(settings, "ABIERTO_BENCH", False):
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

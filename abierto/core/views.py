import errno
import logging
import sys

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.cache import never_cache

from .manifest import public_history_models
from .selectors import public_history as public_history_rows

logger = logging.getLogger(__name__)


def bench_hello(request: HttpRequest) -> HttpResponse:
    """R1, the floor of ``make bench``: a bare view through the same server, settings and
    middleware as every page. Routed only in bench mode (``ABIERTO_BENCH=1``)."""
    return HttpResponse("hola", content_type="text/plain; charset=utf-8")


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Database and cache reachable: 200 ``{"estado": "ok"}``; otherwise 503 with the reason."""
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("health: database unreachable: %s", exc)
        problems.append("base de datos no disponible")
    try:
        cache.set("abierto:salud", "ok", 10)
        if cache.get("abierto:salud") != "ok":
            problems.append("caché no disponible")
    except Exception as exc:
        logger.warning("health: cache unreachable: %s", exc)
        problems.append("caché no disponible")
    if problems:
        return JsonResponse({"estado": "error", "motivo": "; ".join(problems)}, status=503)
    return JsonResponse({"estado": "ok"})


def public_history(request: HttpRequest, app_label: str, model: str, object_id: str):
    """The public audit rows of an object whose app lists its model in ``public_history``."""
    label = f"{app_label}.{model}".lower()
    if label not in public_history_models():
        raise Http404
    model_class = apps.get_model(label)
    manager = getattr(model_class, "public_objects", model_class._default_manager)
    try:
        target = get_object_or_404(manager, pk=object_id)
    except (ValueError, ValidationError):  # "abc" for a numeric key: no such object
        raise Http404 from None
    return render(
        request,
        "core/public_history.html",
        {"target": target, "rows": public_history_rows(target=target)},
    )


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


#: Seconds a visitor (or a client) is asked to wait while the database does not answer.
DATABASE_RETRY_AFTER = 5


def server_error(request):
    """Rendered without the request context: nothing that failed is touched again.

    When what failed is the database (down, restarting, unreachable: ``OperationalError`` or
    ``InterfaceError``), the answer is the Spanish 503 page with ``Retry-After`` instead: the
    site comes back by itself when the database does. When the media disk is full
    (``ENOSPC``), the Spanish 507 page: the upload was not kept.
    """
    failure = sys.exc_info()[1]
    if isinstance(failure, OSError) and failure.errno in (errno.ENOSPC, errno.EDQUOT):
        # The media disk is full: the upload is refused (the service's transaction rolled
        # back), with a page that says so; reads go on being served.
        return HttpResponse(loader.get_template("507.html").render(), status=507)
    if isinstance(failure, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def switch_language(request: HttpRequest, language: str, page: str) -> HttpResponse:
    """The language switch is a plain link (no form, so public pages need no CSRF token and
    can be kept in the shared cache): ``/idioma/en/propuestas/?pagina=2`` remembers the
    choice (cookie ``idioma``) and goes to that page in that language, query string kept."""
    from django.conf import settings
    from django.http import HttpResponseRedirect
    from django.urls import translate_url
    from django.utils import translation
    from django.utils.http import url_has_allowed_host_and_scheme

    if language not in {code for code, _name in settings.LANGUAGES}:
        raise Http404
    target = "/" + page.lstrip("/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    source = translation.get_language_from_path(target) or settings.LANGUAGE_CODE
    with translation.override(source):  # resolve the page in its own language
        target = translate_url(target, language)
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(target + (f"?{query}" if query else ""))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response

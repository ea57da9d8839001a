"""The public API, ``/api/v1/`` (django-ninja): read-only, for everyone.

Each app provides its router in ``abierto/<app>/api.py`` (``router = Router(...)``), found
through the app manifest's ``api`` entry; the routers
live beside the app's selectors and datasets, so an app owns its public schema the way it
owns its exports. This module builds the one ``NinjaAPI``, mounts every router, and turns
every client error into 400 ``{"error": ...}`` (never 422, never 500).

Documentation: ``/api/v1/openapi.json`` and ``/api/v1/docs`` (Swagger UI from our own static
files, inside the site's layout, under the strict CSP).
"""

from __future__ import annotations

import importlib
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import DocsBase

from abierto.core.apitools import ApiError
from abierto.core.manifest import manifests


class SiteDocs(DocsBase):
    """Swagger UI inside the site's own page: no CDN, no inline script (CSP nonces)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs) -> HttpResponse:
        config = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            # Deep links put a link inside each operation's button (nested controls for
            # assistive technology); without them the buttons stand alone.
            "deepLinking": False,
            "tryItOutEnabled": False,
        }
        return render(request, "opendata/api_docs.html", {"swagger_settings": json.dumps(config)})


api = NinjaAPI(
    title="API de datos abiertos",
    version="1",
    description=(
        "API pública de la plataforma de Gobierno Abierto: lectura para todos; escritura "
        "(reportes de avance y mediciones) solo para enlaces institucionales con un token "
        "personal (`Authorization: Bearer <token>`). Listas con filtros "
        "y paginación por cursor (`despues`, `limite` hasta 200); cualquier valor no válido "
        'responde 400 con `{"error": ...}`. Sin datos personales. Los datos se publican '
        "bajo la licencia indicada en /datos/."
    ),
    urls_namespace="api",
    docs=SiteDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _error(request: HttpRequest, message: str, *, status: int, details=None) -> HttpResponse:
    body: dict = {"error": message}
    if details is not None:
        body["detalles"] = details
    return api.create_response(request, body, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _error(request, exc.message, status=exc.status, details=exc.details)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(
        request,
        _(
            "Esta operación necesita un token personal válido y activo en la cabecera "
            "«Authorization: Bearer <token>»."
        ),
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = [
        {
            "parametro": ".".join(str(part) for part in error.get("loc", [])[1:])
            or str(error.get("loc", [""])[0]),
            "motivo": str(error.get("msg", "")),
        }
        for error in exc.errors
    ]
    return _error(
        request, _("Hay parámetros no válidos en la consulta."), status=400, details=details
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, str(exc.message), status=exc.status_code)


def _mount_routers() -> None:
    """Every manifest's ``api`` module holds a ``router``; mount each at the root."""
    for manifest in manifests():
        if manifest.api:
            api.add_router("/", importlib.import_module(manifest.api).router)


_mount_routers()

"""The URL map. Each app's public and back-office URLs come from its manifest
(``abierto/<app>/manifest.py``); only the project-wide ones are listed here."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from abierto.core import views as core_views
from abierto.core.manifest import manifests

# Pages people read have a Spanish address (no prefix, the default) and an English one under
# /en/ (core.middleware.LanguageMiddleware); machine endpoints have one address.
urlpatterns = i18n_patterns(
    *[path(prefix, include(module)) for m in manifests() for prefix, module in m.urls],
    path("gestion/", include("abierto.core.staff_urls")),
    path("cuenta/", include("allauth.urls")),
    path(
        "historial/<str:app_label>/<str:model>/<str:object_id>/",
        core_views.public_history,
        name="public_history",
    ),
    prefix_default_language=False,
)
urlpatterns += [
    path(prefix, include(module)) for m in manifests() for prefix, module in m.machine_urls
]
urlpatterns += [
    path("admin/", admin.site.urls),
    path("idioma/", set_language, name="set_language"),
    path("idioma/<str:language>/<path:page>", core_views.switch_language, name="switch_language"),
    path("idioma/<str:language>/", core_views.switch_language, {"page": ""}, name="switch_home"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("salud/", core_views.health, name="health"),
]

if settings.ABIERTO_BENCH:  # make bench only: R1, the framework's floor (never on a real site)
    urlpatterns.append(path("bench/hola/", core_views.bench_hello, name="bench_hello"))

handler400 = "abierto.core.views.bad_request"
handler403 = "abierto.core.views.permission_denied"
handler404 = "abierto.core.views.page_not_found"
handler500 = "abierto.core.views.server_error"

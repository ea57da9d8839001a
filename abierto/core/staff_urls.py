from django.urls import include, path

from . import staff_views

app_name = "staff"

urlpatterns = [
    path("", staff_views.dashboard, name="dashboard"),
    path("contenido/", include("abierto.content.staff_urls")),
    path("planes/", include("abierto.plans.staff_urls")),
    path("foro/", include("abierto.forum.staff_urls")),
    path("propuestas/", include("abierto.proposals.staff_urls")),
    path("compromisos/", include("abierto.commitments.staff_urls")),
]

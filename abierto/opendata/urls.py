from django.urls import path, re_path

from . import feeds, views

app_name = "opendata"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("paquete.zip", views.package, name="package"),
    path("datapackage.json", views.package_descriptor, name="descriptor"),
    path("verificar/", views.verify, name="verify"),
    path("suscripciones/propuestas.atom", feeds.NewProposalsFeed(), name="feed_proposals"),
    path("suscripciones/decisiones.atom", feeds.DecisionsFeed(), name="feed_decisions"),
    path("suscripciones/etapas.ics", views.stages_calendar, name="calendar_stages"),
    path("suscripciones/compromisos.atom", feeds.CommitmentUpdatesFeed(), name="feed_commitments"),
    re_path(r"^(?P<slug>[a-z0-9-]+)\.(?P<fmt>[A-Za-z0-9]{1,10})$", views.download, name="download"),
]

from django.urls import path, re_path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("paquete.zip", views.package, name="package"),
    path("datapackage.json", views.package_descriptor, name="descriptor"),
    re_path(r"^(?P<slug>[a-z0-9-]+)\.(?P<fmt>[A-Za-z0-9]{1,10})$", views.download, name="download"),
]

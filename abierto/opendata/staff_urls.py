"""Back office of the open-data app, mounted at /gestion/datos/ in the ``staff`` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("informes/", views.staff_reports, name="opendata_reports"),
]

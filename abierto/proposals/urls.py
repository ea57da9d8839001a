from django.urls import path

from abierto.content import views

app_name = "proposals"
urlpatterns = [
    path("", views.home, name="list"),
    path("nueva/", views.home, name="new"),
    path("estado/", views.home, name="status"),
]

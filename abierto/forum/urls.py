from django.urls import path

from abierto.content import views

app_name = "forum"
urlpatterns = [
    path("grupo-nucleo/", views.home, name="forum"),
    path("actores/", views.home, name="actors"),
]

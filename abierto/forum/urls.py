from django.urls import path

from . import views

app_name = "forum"
urlpatterns = [
    path("grupo-nucleo/", views.forum, name="forum"),
    path("grupo-nucleo/reuniones/<int:pk>/acta/", views.meeting_minutes, name="minutes"),
    path("actores/", views.actors, name="actors"),
]

from django.urls import path

from abierto.content import views

app_name = "plans"
urlpatterns = [path("", views.home, name="list")]

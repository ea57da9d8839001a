from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("", views.home, name="home"),
    path("gobierno-abierto/", views.page_index, name="page_index"),
    path("documentos/", views.documents, name="documents"),
]

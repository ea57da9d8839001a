from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("", views.home, name="home"),
    path("gobierno-abierto/", views.page_index, name="page_index"),
    path("gobierno-abierto/<slug:slug>/", views.page_detail, name="page"),
    path("documentos/", views.documents, name="documents"),
    path("documentos/<int:pk>/", views.document_detail, name="document"),
    path("documentos/<int:pk>/descargar/", views.document_file, name="document_file"),
]

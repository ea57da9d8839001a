"""Back office of the content app, mounted at /gestion/contenido/ in the ``staff`` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.staff_pages, name="content_pages"),
    path("paginas/nueva/", views.staff_page_create, name="content_page_create"),
    path("paginas/<int:pk>/editar/", views.staff_page_edit, name="content_page_edit"),
    path("documentos/", views.staff_documents, name="content_documents"),
    path("documentos/nuevo/", views.staff_document_create, name="content_document_create"),
    path("documentos/<int:pk>/editar/", views.staff_document_edit, name="content_document_edit"),
]

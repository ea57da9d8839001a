"""Public pages: the tracking platform (/seguimiento/) and commitments (/compromisos/)."""

from django.urls import path

from . import views

app_name = "commitments"

urlpatterns = [
    path("seguimiento/", views.dashboard, name="dashboard"),
    path("seguimiento/compromisos/", views.commitment_list, name="list"),
    path("compromisos/<str:code>/", views.commitment_detail, name="detail"),
    path(
        "compromisos/<str:code>/versiones/<int:number>/",
        views.commitment_version,
        name="version",
    ),
    path("compromisos/<str:code>/comentar/", views.comment, name="comment"),
    path("compromisos/evidencias/<int:pk>/archivo/", views.evidence_file, name="evidence_file"),
]

"""Included at /gestion/foro/ inside the ``staff`` namespace (no app_name here)."""

from django.urls import path

from . import staff_views

urlpatterns = [
    path("", staff_views.index, name="forum_index"),
    path("organizaciones/nueva/", staff_views.organization_edit, name="forum_org_create"),
    path("organizaciones/<int:pk>/", staff_views.organization_edit, name="forum_org_edit"),
    path("organizaciones/importar/", staff_views.organization_import, name="forum_org_import"),
    path("temas/nuevo/", staff_views.topic_edit, name="forum_topic_create"),
    path("temas/<int:pk>/", staff_views.topic_edit, name="forum_topic_edit"),
    path("miembros/nuevo/", staff_views.membership_edit, name="forum_membership_create"),
    path("miembros/<int:pk>/", staff_views.membership_edit, name="forum_membership_edit"),
    path("reuniones/nueva/", staff_views.meeting_edit, name="forum_meeting_create"),
    path("reuniones/<int:pk>/", staff_views.meeting_edit, name="forum_meeting_edit"),
]

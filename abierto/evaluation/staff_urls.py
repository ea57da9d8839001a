"""Included at /gestion/evaluacion/ inside the ``staff`` namespace (no app_name here)."""

from django.urls import path

from . import staff_views

urlpatterns = [
    path("", staff_views.index, name="evaluation_index"),
    path("planes/<int:plan_pk>/", staff_views.commission, name="evaluation_commission"),
    path(
        "planes/<int:plan_pk>/crear-comision/",
        staff_views.commission_create,
        name="evaluation_commission_create",
    ),
    path("rondas/<int:pk>/", staff_views.round_overview, name="evaluation_round"),
    path("rondas/<int:pk>/editar/", staff_views.round_edit, name="evaluation_round_edit"),
    path("rondas/<int:pk>/agrupar/", staff_views.group, name="evaluation_group"),
    path(
        "rondas/<int:pk>/reasignar/<int:assignment_pk>/",
        staff_views.reassign,
        name="evaluation_reassign",
    ),
    path("rondas/<int:pk>/decidir/<int:entry_pk>/", staff_views.decide, name="evaluation_decide"),
    path(
        "rondas/<int:pk>/propuestas/<int:proposal_pk>/",
        staff_views.score,
        name="evaluation_score",
    ),
    path(
        "rondas/<int:pk>/propuestas/<int:proposal_pk>/adjuntos/<int:attachment_pk>/",
        staff_views.attachment,
        name="evaluation_attachment",
    ),
]

"""Included at /gestion/compromisos/ inside the ``staff`` namespace (no app_name here)."""

from django.urls import path

from . import staff_views as v

urlpatterns = [
    path("", v.index, name="commitments_index"),
    path("nuevo/", v.create, name="commitments_create"),
    path("desde-candidato/<int:pk>/", v.from_candidate, name="commitments_from_candidate"),
    path("evidencias/", v.evidence_queue, name="commitments_evidence_queue"),
    path("evidencias/<int:pk>/", v.evidence_review, name="commitments_evidence_review"),
    path("irm/importar/", v.irm_import, name="commitments_irm_import"),
    path("comentarios/<int:pk>/responder/", v.comment_answer, name="commitments_comment_answer"),
    path("hitos/<int:pk>/avance/", v.milestone_progress, name="commitments_milestone_progress"),
    path("hitos/<int:pk>/evidencia/", v.evidence_submit, name="commitments_evidence_submit"),
    path("indicadores/<int:pk>/medicion/", v.measurement, name="commitments_measurement"),
    path("<int:pk>/", v.manage, name="commitments_manage"),
    path("<int:pk>/editar/", v.edit, name="commitments_edit"),
    path("<int:pk>/reprogramar/", v.reprogram, name="commitments_reprogram"),
    path("<int:pk>/estado/", v.transition, name="commitments_transition"),
    path("<int:pk>/actores/nuevo/", v.actor_add, name="commitments_actor_add"),
    path(
        "<int:pk>/actores/<int:actor_pk>/retirar/", v.actor_remove, name="commitments_actor_remove"
    ),
    path("<int:pk>/hitos/nuevo/", v.milestone_edit, name="commitments_milestone_create"),
    path(
        "<int:pk>/hitos/<int:milestone_pk>/editar/",
        v.milestone_edit,
        name="commitments_milestone_edit",
    ),
    path("<int:pk>/indicadores/nuevo/", v.indicator_create, name="commitments_indicator_create"),
    path("<int:pk>/irm/", v.irm_edit, name="commitments_irm"),
    path("<int:pk>/propuestas/", v.proposals_link, name="commitments_proposals_link"),
    path("<int:pk>/reporte/", v.report, name="commitments_report"),
]

from django.urls import path

from . import staff_views

# Included at /gestion/mesas/ inside the "staff" namespace (no app_name here).
urlpatterns = [
    path("", staff_views.index, name="mesas_index"),
    path("nueva/", staff_views.mesa_new, name="mesas_new"),
    path("<int:pk>/", staff_views.mesa_manage, name="mesas_manage"),
    path("<int:pk>/editar/", staff_views.mesa_edit, name="mesas_edit"),
    path("<int:pk>/facilitacion/", staff_views.mesa_facilitators, name="mesas_facilitators"),
    path("<int:pk>/cancelar/", staff_views.mesa_cancel, name="mesas_cancel"),
    path("<int:pk>/realizada/", staff_views.mesa_held, name="mesas_held"),
    path("<int:pk>/asistencia/", staff_views.checkin, name="mesas_checkin"),
    path(
        "<int:pk>/asistencia/<int:attendance_pk>/datos/",
        staff_views.profile,
        name="mesas_profile",
    ),
    path(
        "<int:pk>/inscripciones.csv", staff_views.registrations_csv, name="mesas_registrations_csv"
    ),
    path("<int:pk>/acta/", staff_views.minutes, name="mesas_minutes"),
]

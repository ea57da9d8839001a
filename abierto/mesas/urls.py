from django.urls import path

from . import views

app_name = "mesas"
urlpatterns = [
    path("", views.mesa_list, name="list"),
    path("calendario/", views.mesa_calendar, name="calendar"),
    path("<int:pk>/", views.mesa_detail, name="detail"),
    path("<int:pk>/inscripcion/", views.mesa_register, name="register"),
    path("<int:pk>/inscripcion-recibida/", views.mesa_registered, name="registered"),
    path("<int:pk>/calendario.ics", views.mesa_ics, name="mesa_ics"),
    path("<int:pk>/acta.pdf", views.minutes_file, name="minutes_file"),
    path(
        "inscripcion/<str:token>/cancelar/", views.registration_cancel, name="registration_cancel"
    ),
    path("plan/<slug:slug>/calendario.ics", views.plan_ics, name="plan_ics"),
    path("plan/<slug:slug>/participacion/", views.participation, name="participation"),
]

"""Included at /gestion/planes/ inside the ``staff`` namespace (no app_name here)."""

from django.urls import path

from . import staff_views

urlpatterns = [
    path("", staff_views.index, name="plans_index"),
    path("nuevo/", staff_views.plan_edit, name="plans_create"),
    path("<int:pk>/", staff_views.plan_manage, name="plans_manage"),
    path("<int:pk>/editar/", staff_views.plan_edit, name="plans_edit"),
    path("<int:pk>/facilitadores/", staff_views.plan_facilitators, name="plans_facilitators"),
    path("<int:pk>/nueva-version/", staff_views.plan_new_version, name="plans_new_version"),
    path("<int:pk>/<str:kind>/nuevo/", staff_views.part_edit, name="plans_part_create"),
    path("<int:pk>/<str:kind>/<int:part_pk>/", staff_views.part_edit, name="plans_part_edit"),
]

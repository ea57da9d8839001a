"""Included at /gestion/cuentas/ inside the ``staff`` namespace."""

from django.urls import path

from . import staff_views

urlpatterns = [
    path("", staff_views.index, name="accounts_index"),
    path("<int:pk>/", staff_views.account_manage, name="accounts_manage"),
]

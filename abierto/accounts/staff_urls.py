"""Included at /gestion/cuentas/ inside the ``staff`` namespace."""

from django.urls import path

from . import staff_views

urlpatterns = [
    path("", staff_views.index, name="accounts_index"),
    path("<int:pk>/", staff_views.account_manage, name="accounts_manage"),
    path("tokens/", staff_views.api_tokens, name="accounts_api_tokens"),
    path(
        "tokens/<int:pk>/revocar/", staff_views.api_token_revoke, name="accounts_api_token_revoke"
    ),
]

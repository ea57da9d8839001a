from django.contrib import admin

from abierto.core.admin import ReadOnlyAdmin

from .models import User


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    """Accounts, read-only: roles are granted in /gestion/cuentas/ (audited)."""

    ordering = ["email"]
    list_display = ["email", "full_name", "organization", "is_active", "date_joined"]
    list_filter = ["groups", "is_active"]
    search_fields = ["email", "full_name"]
    fields = [
        "email",
        "full_name",
        "organization",
        "is_active",
        "groups",
        "last_login",
        "date_joined",
    ]

"""The Django admin shows the records read-only: every change goes through the services (and so
the audit log) in /gestion/. Only the Administración role reaches it."""

from django.contrib import admin
from django.contrib.auth.models import Group

from .models import ActionLog
from .permissions import allowed


class ReadOnlyAdmin(admin.ModelAdmin):
    """Look, never touch: no add, change or delete, whatever the account's flags."""

    def has_module_permission(self, request):
        return allowed(request.user, "core.use_django_admin")

    def has_view_permission(self, request, obj=None):
        return allowed(request.user, "core.use_django_admin")

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class GroupAdmin(ReadOnlyAdmin):
    """Roles are groups; they are granted in /gestion/cuentas/, never here."""

    list_display = ["name"]


#: Admin classes the site uses instead of the ones third-party apps register (core/admin_site).
REPLACEMENTS = {Group: GroupAdmin}


@admin.register(ActionLog)
class ActionLogAdmin(ReadOnlyAdmin):
    list_display = [
        "seq",
        "created_at",
        "verb",
        "content_type",
        "object_id",
        "actor_role",
        "public",
    ]
    list_filter = ["public", "verb", "content_type"]

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class AbiertoAdminSite(admin.AdminSite):
    site_header = _("Administración de Gobierno Abierto")
    site_title = _("Administración")
    index_title = _("Panel de administración")

    def has_permission(self, request):
        """Only the Administración role reaches the Django admin; other staff use /gestion/."""
        from abierto.accounts.roles import Role, user_has_role

        user = request.user
        return bool(user.is_active and user.is_staff and user_has_role(user, Role.ADMIN))

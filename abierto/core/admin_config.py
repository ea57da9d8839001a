from django.contrib.admin.apps import AdminConfig


class AbiertoAdminConfig(AdminConfig):
    """The Django admin, restricted to the Administración role (see core/admin_site.py)."""

    default_site = "abierto.core.admin_site.AbiertoAdminSite"

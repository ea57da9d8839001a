from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class AbiertoAdminSite(admin.AdminSite):
    site_header = _("Administración de Gobierno Abierto")
    site_title = _("Administración")
    index_title = _("Registros (solo lectura; los cambios se hacen en Gestión)")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Third-party apps (auth) register editable admins; ours are read-only."""
        from abierto.core.admin import REPLACEMENTS

        models = (
            model_or_iterable
            if isinstance(model_or_iterable, list | tuple)
            else [model_or_iterable]
        )
        for model in models:
            super().register(model, REPLACEMENTS.get(model, admin_class), **options)

    def has_permission(self, request):
        """Only the Administración role reaches the Django admin; other staff use /gestion/."""
        from abierto.core.permissions import allowed

        return bool(request.user.is_active and allowed(request.user, "core.use_django_admin"))

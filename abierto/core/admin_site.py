from django.contrib import admin
from django.utils.translation import gettext_lazy as _

#: Models whose app gives them no translatable name (allauth's ``Authenticator`` has no
#: ``verbose_name``, so Django derives "authenticators"); names for the admin's index.
MODEL_NAMES = {
    ("mfa", "authenticator"): _("Métodos de verificación en dos pasos"),
}


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

    def _build_app_dict(self, request, label=None):
        app_dict = super()._build_app_dict(request, label)
        apps = {label: app_dict} if label and app_dict else app_dict if not label else {}
        for app_label, app in apps.items():
            for model in app["models"]:
                name = MODEL_NAMES.get((app_label, model["object_name"].lower()))
                if name:
                    model["name"] = name
        return app_dict

    def has_permission(self, request):
        """Only the Administración role reaches the Django admin; other staff use /gestion/."""
        from abierto.core.permissions import allowed

        return bool(request.user.is_active and allowed(request.user, "core.use_django_admin"))

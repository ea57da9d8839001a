"""Spanish section names for the third-party apps the Django admin lists.

The admin's index groups models under each app's ``verbose_name``; allauth, axes and
django-tasks-db name theirs in English (or, for allauth's e-mail addresses, "Cuentas", which
our own accounts app already is). Each class keeps the app's name and label, so models,
migrations and settings are unchanged; ``INSTALLED_APPS`` points at these classes.
Model names these apps leave untranslated are in ``locale/es`` (project-level overrides).
"""

from allauth.account.apps import AccountConfig
from allauth.mfa.apps import MFAConfig
from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class EmailAddressesConfig(AccountConfig):
    verbose_name = _("Direcciones de correo")


class TwoStepConfig(MFAConfig):
    verbose_name = _("Verificación en dos pasos")


class AccessAttemptsConfig(AxesAppConfig):
    verbose_name = _("Intentos de acceso")


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Tareas en segundo plano")

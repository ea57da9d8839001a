import pytest
from django.apps import apps
from django.core.management import call_command

from abierto.accounts.demo import DEMO_PASSWORD, demo_email, ensure_demo_accounts
from abierto.accounts.models import User
from abierto.core.manifest import public_history_models
from abierto.core.roles import Role, user_has_role
from abierto.core.selectors import public_history

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    """Rows of every model of every Abierto app, the audit log included."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("abierto.")
    }


def test_load_demo_twice_duplicates_nothing_and_records_nothing_new():
    call_command("load_demo", verbosity=0)
    first = _row_counts()
    assert first["plans.ActionPlan"] >= 2
    call_command("load_demo", verbosity=0)
    assert _row_counts() == first  # ActionLog too: a re-run changes nothing, so logs nothing


def test_demo_data_has_real_public_histories():
    """Demo loaders write through the services: every object with a public history has one."""
    call_command("load_demo", verbosity=0)
    for label in public_history_models():
        model = apps.get_model(label)
        for obj in model._default_manager.all()[:20]:
            rows = list(public_history(target=obj))
            assert rows, f"{label} {obj.pk} has no public history"
            assert {row.actor_role for row in rows} <= {"sistema", "publico", "grupo-nucleo"}


def test_demo_accounts_one_per_role_and_idempotent(settings):
    settings.ABIERTO_DEMO_ACCOUNTS = True
    ensure_demo_accounts()
    ensure_demo_accounts()
    assert User.objects.count() == len(Role)
    for role in Role:
        user = User.objects.get(email=demo_email(role))
        assert user_has_role(user, role)
        assert user.check_password(DEMO_PASSWORD)

import pytest
from django.apps import apps
from django.core.management import call_command

from abierto.accounts.demo import DEMO_PASSWORD, demo_email, ensure_demo_accounts
from abierto.accounts.models import User
from abierto.core.roles import Role, user_has_role

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"forum", "plans", "content", "proposals"}
    }


def test_load_demo_twice_duplicates_nothing():
    call_command("load_demo", verbosity=0)
    first = _row_counts()
    assert first["plans.ActionPlan"] >= 2
    call_command("load_demo", verbosity=0)
    assert _row_counts() == first


def test_demo_accounts_one_per_role_and_idempotent(settings):
    settings.ABIERTO_DEMO_ACCOUNTS = True
    ensure_demo_accounts()
    ensure_demo_accounts()
    assert User.objects.count() == len(Role)
    for role in Role:
        user = User.objects.get(email=demo_email(role))
        assert user_has_role(user, role)
        assert user.check_password(DEMO_PASSWORD)

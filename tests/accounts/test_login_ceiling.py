"""Password spraying: one address trying a few passwords on many accounts stays under the
per-account lockout (django-axes); a ceiling per client address across accounts stops it."""

import pytest
from django.test import Client
from django.urls import reverse

from abierto.core.roles import Role

from ..helpers import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/cuenta/login/"


def test_failed_logins_across_accounts_hit_a_ceiling_per_address(settings, limits):
    settings.PROXY_COUNT = 1
    limits(login_ip=(6, 3600))
    make_user("ana@example.org", Role.CITIZEN)
    sprayer = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    for n in range(6):  # one try per account: axes never locks any of them
        response = sprayer.post(
            reverse("account_login"), {"login": f"persona{n}@example.org", "password": "clave"}
        )
        assert response.status_code == 200
    refused = sprayer.post(
        reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 200
    assert "Demasiados intentos fallidos de ingreso desde su conexión" in refused.content.decode()
    assert "60 minutos" in refused.content.decode()
    assert "_auth_user_id" not in sprayer.session
    # Another client behind the same proxy is not affected.
    ana = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8")
    response = ana.post(
        reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_successful_logins_do_not_count_towards_the_ceiling(limits):
    limits(login_ip=(2, 3600))
    make_user("ana@example.org", Role.CITIZEN)
    for _ in range(4):
        client = Client()
        response = client.post(
            reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}
        )
        assert response.status_code == 302

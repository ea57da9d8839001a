import re

import pytest
from django.urls import reverse

from abierto.accounts.models import User
from abierto.core.roles import Role

from ..helpers import PASSWORD, make_user


@pytest.mark.django_db(transaction=True)
def test_signup_requires_email_verification_sent_by_the_worker(client, worker):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "Nueva.Persona@Example.org",
            "password1": "una-clave-segura-26",
            "password2": "una-clave-segura-26",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nueva.persona@example.org")
    outbox = worker()
    assert len(outbox) == 1
    assert outbox[0].to == ["nueva.persona@example.org"]
    link = re.search(r"https?://[^\s]+/cuenta/confirm-email/[^\s]+", outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    confirm = client.post(path)
    assert confirm.status_code == 302
    assert user.emailaddress_set.get().verified


@pytest.mark.django_db
def test_signup_errors_are_in_spanish_and_keep_the_email(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "persona@example.org", "password1": "corta", "password2": "otra"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="persona@example.org"' in html
    assert "contraseña" in html.lower()


@pytest.mark.django_db
def test_login_with_email(client):
    make_user("ana@example.org", Role.CITIZEN)
    response = client.post(
        reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_password_reset_mail_is_delivered_by_the_worker(client, worker):
    make_user("ana@example.org", Role.CITIZEN)
    response = client.post(reverse("account_reset_password"), {"email": "ana@example.org"})
    assert response.status_code == 302
    outbox = worker()
    assert len(outbox) == 1
    assert "/cuenta/password/reset/key/" in outbox[0].body


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_out(client, settings):
    make_user("ana@example.org", Role.CITIZEN)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("account_login"), {"login": "ana@example.org", "password": "mala"})
    response = client.post(
        reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Demasiados intentos fallidos" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), (Role.CITIZEN, 302), (Role.FORUM_MEMBER, 302), (Role.ADMIN, 200)],
)
def test_only_administrators_reach_the_django_admin(client, role, status):
    if role is not None:
        client.force_login(make_user(f"{role.value}@example.org", role))
    response = client.get("/admin/")
    assert response.status_code == status


@pytest.mark.django_db
def test_django_admin_speaks_spanish(client):
    client.force_login(make_user("admin@example.org", Role.ADMIN))
    assert "Registros (solo lectura" in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_staff_without_second_factor_must_set_one_up_when_required(client, settings):
    settings.ABIERTO_REQUIRE_STAFF_MFA = True
    client.force_login(make_user("gn@example.org", Role.FORUM_MEMBER))
    response = client.get("/gestion/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_citizens_are_not_asked_for_a_second_factor(client, settings):
    settings.ABIERTO_REQUIRE_STAFF_MFA = True
    client.force_login(make_user("ana@example.org", Role.CITIZEN))
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"), [(None, 302), (Role.CITIZEN, 403), (Role.FACILITATOR, 200)]
)
def test_back_office_is_for_staff_roles(client, role, status):
    if role is not None:
        client.force_login(make_user(f"{role.value}@example.org", role))
    assert client.get("/gestion/").status_code == status


@pytest.mark.django_db
def test_demo_accounts_cannot_sign_in_outside_development(client, settings):
    from abierto.accounts.demo import DEMO_DOMAIN

    make_user(f"grupo-nucleo@{DEMO_DOMAIN}", Role.FORUM_MEMBER)
    settings.ABIERTO_DEMO_ACCOUNTS = False
    response = client.post(
        reverse("account_login"), {"login": f"grupo-nucleo@{DEMO_DOMAIN}", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "no pueden ingresar" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_staff_land_on_their_back_office_and_citizens_on_the_site(client):
    make_user("g@example.org", Role.FORUM_MEMBER)
    make_user("c@example.org", Role.CITIZEN)
    for email, landing in [("g@example.org", "/gestion/"), ("c@example.org", "/")]:
        client.logout()
        response = client.post("/cuenta/login/", {"login": email, "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == landing

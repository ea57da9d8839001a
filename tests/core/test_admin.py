"""The Django admin is read-only: every change goes through the services and the audit log."""

import pytest
from django.contrib.auth.models import Group

from abierto.core.models import ActionLog
from abierto.core.roles import Role
from abierto.forum.models import Organization

from ..helpers import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("admin@example.org", Role.ADMIN))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/plans/actionplan/add/",
        "/admin/forum/organization/add/",
        "/admin/accounts/user/add/",
        "/admin/auth/group/add/",
        "/admin/proposals/proposal/add/",
    ],
)
def test_nothing_can_be_added_in_the_admin(admin_client, url):
    assert admin_client.get(url).status_code == 403


def test_an_organization_cannot_be_changed_or_deleted_in_the_admin(admin_client):
    org = Organization.objects.create(name="Fundación Ejemplo", sector="sociedad-civil")
    page = admin_client.get(f"/admin/forum/organization/{org.pk}/change/")
    assert page.status_code == 200  # readable
    assert 'name="_save"' not in page.content.decode()
    response = admin_client.post(
        f"/admin/forum/organization/{org.pk}/change/",
        {"name": "Otra", "sector": "academia", "level": "nacional"},
    )
    assert response.status_code == 403
    assert (
        admin_client.post(
            f"/admin/forum/organization/{org.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    org.refresh_from_db()
    assert org.name == "Fundación Ejemplo"
    assert not ActionLog.objects.exists()


def test_roles_cannot_be_granted_in_the_admin(admin_client):
    citizen = make_user("c@example.org", Role.CITIZEN)
    admin_group = Group.objects.get(name=Role.ADMIN.value)
    response = admin_client.post(
        f"/admin/accounts/user/{citizen.pk}/change/",
        {"email": citizen.email, "groups": [admin_group.pk], "is_active": "on"},
    )
    assert response.status_code == 403
    assert not citizen.groups.filter(pk=admin_group.pk).exists()


def test_a_superuser_without_the_role_does_not_reach_the_process(client):
    boss = make_user("root@example.org", Role.CITIZEN)
    boss.is_superuser = boss.is_staff = True
    boss.save()
    client.force_login(boss)
    assert client.get("/gestion/planes/").status_code == 403
    assert client.get("/admin/").status_code == 302  # the admin's own login page


def test_admin_index_names_every_section_in_spanish_and_once(client):
    """As the installation's superuser (createsuperuser) sees it: every registered app."""
    import re

    client.force_login(make_user("root@example.org", Role.ADMIN, is_superuser=True))
    html = client.get("/admin/").content.decode()
    sections = re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>([^<]+)</a>', html)
    assert sections, "the admin index lists its sections"
    assert len(sections) == len(set(sections)), sections
    for spanish in [
        "Cuentas",
        "Direcciones de correo",
        "Verificación en dos pasos",
        "Intentos de acceso",
        "Tareas en segundo plano",
    ]:
        assert sections.count(spanish) == 1, (spanish, sections)
    for english in ["Accounts", "MFA", "Axes", "Tasks Database Backend"]:
        assert english not in sections
    models = re.findall(r'<th scope="row" id="[^"]+">\s*<a [^>]*>([^<]+)</a>', html)
    for english in ["access attempts", "access logs", "access failures", "Authenticators"]:
        assert english not in models and english.capitalize() not in models, models
    assert "Intentos de acceso" in models and "Resultados de tareas" in models
    assert "Métodos de verificación en dos pasos" in models

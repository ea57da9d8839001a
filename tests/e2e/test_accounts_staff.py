"""Administración's job: find an account, make it a liaison of an organisation, audited."""

import pytest
from playwright.sync_api import expect

from abierto.core.models import ActionLog
from abierto.core.roles import Role, user_roles
from abierto.forum.models import Organization
from tests.helpers import make_user

from .axe import assert_accessible
from .conftest import ARTIFACTS, DESKTOP, PHONE
from .test_content import _sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_administration_grants_the_liaison_role_to_an_account(new_page, live_server, viewport):
    admin = make_user("admin@example.org", Role.ADMIN)
    person = make_user("enlace@mintel.gob.ec", Role.CITIZEN, full_name="Rosa Enlace")
    Organization.objects.create(name="Ministerio de Telecomunicaciones", sector="sector-publico")
    page = new_page(viewport=viewport)
    _sign_in(page, live_server, admin)
    page.goto("/gestion/")
    page.get_by_role("link", name="Cuentas y roles").click()
    page.get_by_label("Correo o nombre").fill("mintel")
    page.get_by_role("button", name="Buscar").click()
    assert_accessible(page)
    page.get_by_role("link", name="enlace@mintel.gob.ec").click()
    page.get_by_label("Enlace institucional").check()
    page.get_by_label("Organización (enlaces institucionales)").select_option(
        label="Ministerio de Telecomunicaciones"
    )
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("Cuenta guardada.")).to_be_visible()
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(
        path=str(ARTIFACTS / f"accounts-manage-{viewport['width']}.png"), full_page=True
    )
    person.refresh_from_db()
    assert Role.LIAISON in user_roles(person)
    assert person.organization.name == "Ministerio de Telecomunicaciones"
    grant = ActionLog.objects.get(verb="role.granted")
    assert grant.actor == admin and grant.public is False

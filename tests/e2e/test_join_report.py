"""«Sumarse» and «Denunciar» in a real browser at 375 px, without JavaScript; axe clean."""

import re

import pytest

from abierto.proposals import services
from abierto.proposals.models import Proposal

from ..helpers import PASSWORD
from .axe import assert_accessible
from .conftest import PHONE
from .test_proposals import open_plan  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def public_proposal(plan) -> Proposal:
    proposal = Proposal.public_objects.filter(plan=plan, status="recibida").first()
    if proposal is None:
        proposal = Proposal.public_objects.exclude(status__in=["retirada", "fusionada"]).first()
    assert proposal is not None
    return proposal


def test_join_by_email_link_and_report_on_a_phone_without_javascript(
    new_page,
    open_plan,
    worker,  # noqa: F811
):
    proposal = public_proposal(open_plan)
    before = proposal.adhesion_count
    worker()
    page = new_page(viewport=PHONE, javascript=False)
    page.goto(f"/propuestas/{proposal.pk}/")
    assert_accessible(page)
    box = page.locator("section.join-box")
    box.get_by_label("Su correo electrónico").fill("vecino.e2e@example.org")
    box.get_by_role("button", name="Sumarme").click()
    page.wait_for_url(f"**/propuestas/{proposal.pk}/sumarse/")
    assert "Le enviamos un enlace" in page.locator("main").inner_text()
    assert_accessible(page)

    (message,) = [m for m in worker() if m.to == ["vecino.e2e@example.org"]]
    link = re.search(r"/propuestas/sumarse/\S+/", message.body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirmar").click()
    assert "su adhesión quedó confirmada" in page.locator("main").inner_text()
    page.goto(f"/propuestas/{proposal.pk}/")
    assert f"{before + 1} adhesi" in page.locator("main").inner_text()

    page.get_by_role("link", name="Denunciar esta propuesta").click()
    page.wait_for_url(f"**/propuestas/{proposal.pk}/denunciar/")
    assert_accessible(page)
    page.get_by_role("button", name="Enviar la denuncia").click()  # no reason chosen
    assert "Elija el motivo de la denuncia" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Spam o publicidad").check()
    page.get_by_role("button", name="Enviar la denuncia").click()
    assert "El Grupo Núcleo revisará la denuncia" in page.locator("main").inner_text()
    assert_accessible(page)
    page.screenshot(path="test-artifacts/join-report-375.png", full_page=True)


def test_a_signed_in_citizen_joins_with_one_button(new_page, open_plan, citizen):  # noqa: F811
    proposal = public_proposal(open_plan)
    services.adhesion_join(actor=None, proposal=proposal, email="otra@example.org")
    page = new_page(viewport=PHONE)
    page.goto("/cuenta/login/")
    page.get_by_label("Correo electrónico").fill(citizen.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.goto(f"/propuestas/{proposal.pk}/")
    page.locator("section.join-box").get_by_role("button", name="Sumarme").click()
    assert "se sumó a la propuesta" in page.locator("main").inner_text()
    assert_accessible(page)

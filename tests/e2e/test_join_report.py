"""«Sumarse» and «Denunciar» in a real browser at 375 px, with and without JavaScript; axe
clean (axe needs JavaScript, so it runs on the JavaScript pass)."""

import re

import pytest

from abierto.proposals.models import Proposal

from .axe import assert_accessible
from .conftest import PHONE
from .test_proposals import open_plan, sign_in  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def public_proposal(plan) -> Proposal:
    proposal = (
        Proposal.public_objects.filter(plan=plan)
        .exclude(status__in=["retirada", "fusionada"])
        .order_by("id")
        .first()
    )
    assert proposal is not None
    return proposal


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_join_by_email_link_and_report_on_a_phone(
    new_page,
    open_plan,  # noqa: F811
    worker,
    javascript,
):
    proposal = public_proposal(open_plan)
    before = proposal.adhesion_count
    email = f"vecino.{'js' if javascript else 'nojs'}@example.org"
    page = new_page(viewport=PHONE, javascript=javascript)

    def check():
        """axe (JavaScript only) and no sideways scrolling at 375 px."""
        if javascript:
            assert_accessible(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.goto(f"/propuestas/{proposal.pk}/")
    check()
    page.locator("section.join-box").get_by_role("link", name="Sumarme a esta propuesta").click()
    page.wait_for_url(f"**/propuestas/{proposal.pk}/sumarse/")
    check()
    page.get_by_label("Su correo electrónico").fill(email)
    page.get_by_role("button", name="Sumarme").click()
    assert "Le enviamos un enlace" in page.locator("main").inner_text()
    check()

    (message,) = [m for m in worker() if m.to == [email]]
    link = re.search(r"/propuestas/sumarse/\S+/", message.body).group(0)
    page.goto(link)
    check()
    page.get_by_role("button", name="Confirmar").click()
    assert "su adhesión quedó confirmada" in page.locator("main").inner_text()
    check()
    page.goto(f"/propuestas/{proposal.pk}/")
    assert f"{before + 1} adhesi" in page.locator("main").inner_text()

    page.get_by_role("link", name="Denunciar esta propuesta").click()
    page.wait_for_url(f"**/propuestas/{proposal.pk}/denunciar/")
    check()
    page.get_by_role("button", name="Enviar la denuncia").click()  # no reason chosen
    assert "Elija el motivo de la denuncia" in page.locator("main").inner_text()
    check()
    page.get_by_label("Spam o publicidad").check()
    page.get_by_role("button", name="Enviar la denuncia").click()
    assert "El Grupo Núcleo revisará la denuncia" in page.locator("main").inner_text()
    check()
    page.screenshot(
        path=f"test-artifacts/join-report-375-{'js' if javascript else 'nojs'}.png",
        full_page=True,
    )


def test_a_signed_in_citizen_joins_with_one_button(new_page, open_plan, citizen, live_server):  # noqa: F811
    proposal = public_proposal(open_plan)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, citizen)
    page.goto(f"/propuestas/{proposal.pk}/")
    box = page.locator("section.join-box")
    assert box.get_by_label("Su correo electrónico").count() == 0
    box.get_by_role("button", name="Sumarme").click()
    assert "se sumó a la propuesta" in page.locator("main").inner_text()
    assert_accessible(page)
    assert Proposal.objects.get(pk=proposal.pk).adhesion_count == proposal.adhesion_count + 1

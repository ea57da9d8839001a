"""A facilitator enters the paper proposals of their mesa on a phone (375 px), axe-clean."""

import datetime

import pytest
from django.utils import timezone

from abierto.proposals import demo as proposals_demo
from abierto.proposals.models import Proposal

from ..mesas.factories import make_facilitator, make_mesa
from .axe import assert_accessible
from .conftest import PHONE
from .test_mesas import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_facilitator_enters_a_proposal_at_their_mesa_on_a_phone(new_page, live_server):
    plan = proposals_demo._example_plan(timezone.localdate())
    facilitator = make_facilitator("facilita.mesa@example.org")
    start = timezone.now() - datetime.timedelta(hours=5)
    mesa = make_mesa(
        plan,
        title="Mesa de Guamote",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        facilitators=[facilitator],
    )
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, facilitator)
    page.goto(f"/gestion/mesas/{mesa.pk}/")
    assert "0 propuestas registradas" in page.locator("main").inner_text()
    page.get_by_role("link", name="Ingresar propuestas de esta mesa").click()
    assert "Mesa de Guamote" in page.locator("main").inner_text()
    assert_accessible(page)
    fits_the_phone(page)

    page.get_by_label("Título de la propuesta").fill("Cartelera pública de la junta de agua")
    page.get_by_label("¿Qué problema quiere resolver la persona?").fill(
        "La junta de agua no publica cuánto cobra ni en qué gasta lo recaudado."
    )
    page.get_by_label("¿Qué propone la persona?").fill(
        "Publicar cada mes ingresos y gastos de la junta en la cartelera de la parroquia."
    )
    page.get_by_label("¿A quién beneficiaría la propuesta?").fill("Familias de la parroquia.")
    page.get_by_label("Eje del plan").select_option(index=1)
    page.get_by_label("Provincia o alcance").select_option("chimborazo")
    page.get_by_label("Propone como").select_option("ciudadania")
    page.get_by_label("Nombre de quien propone").fill("Rosa Guamán")
    page.get_by_label("La persona aceptó el aviso de privacidad").check()
    page.get_by_role("button", name="Guardar y registrar otra").click()

    proposal = Proposal.objects.get()
    assert proposal.mesa == mesa and proposal.entered_by == facilitator
    confirmation = page.locator(".message-success").inner_text()
    assert f"Propuesta n.º {proposal.pk} registrada" in confirmation
    assert page.get_by_label("Título de la propuesta").input_value() == ""  # ready for the next
    assert_accessible(page)
    fits_the_phone(page)

    page.get_by_role("link", name="Imprimir el comprobante con su código de seguimiento").click()
    assert proposal.display_code == page.locator("#codigo").inner_text().strip()
    assert_accessible(page)
    page.get_by_role("link", name="Registrar otra propuesta de esta mesa").click()
    assert "Ingresar propuestas de esta mesa" in page.locator("h1").inner_text()

    # The CSV import, with a bad file: every problem named, nothing stored, still axe-clean.
    page.goto(f"/gestion/propuestas/mesa/{mesa.pk}/csv/")
    assert_accessible(page)
    page.get_by_label("Archivo CSV").set_input_files(
        files=[{"name": "mesa.csv", "mimeType": "text/csv", "buffer": b"nombre,correo\r\nA,B\r\n"}]
    )
    page.get_by_label("Todas las personas de este archivo").check()
    page.get_by_role("button", name="Revisar e importar").click()
    assert "Falta la columna «titulo»" in page.locator("main").inner_text()
    assert Proposal.objects.count() == 1
    assert_accessible(page)
    fits_the_phone(page)

    # The public page of the mesa counts it and links the filtered list.
    page.goto(f"/mesas/{mesa.pk}/")
    page.get_by_role("link", name="Ver las propuestas de esta mesa").click()
    assert "Cartelera pública de la junta de agua" in page.locator("main").inner_text()
    assert_accessible(page)

"""Citizen proposals in a real browser: submit, follow by code, decision; accessibility."""

import re

import pytest

from abierto.core.roles import Role
from abierto.proposals import demo, services
from abierto.proposals.models import Proposal, Status
from abierto.proposals.selectors import open_proposal_stage

from ..helpers import make_user
from .axe import assert_accessible
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
CODE = re.compile(r"^[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}$")


@pytest.fixture
def open_plan(settings):
    settings.ABIERTO_PROPOSAL_MIN_SECONDS = 0  # a browser fills the form faster than people
    demo.load()
    stage = open_proposal_stage()
    assert stage is not None and stage.plan.is_example
    return stage.plan


def fill_form(page, title="Mapa abierto de obras municipales paralizadas"):
    page.get_by_label("Título de la propuesta").fill(title)
    page.get_by_label("¿Qué problema quiere resolver?").fill(
        "Muchas obras municipales quedan paralizadas y nadie sabe cuántas son ni por qué."
    )
    page.get_by_label("¿Qué propone?").fill(
        "Un mapa abierto, actualizado cada mes, con el estado de cada obra y su contrato."
    )
    page.get_by_label("¿A quién beneficia?").fill("Vecinos, veedurías y periodistas.")
    page.get_by_label("Eje del plan").select_option(index=1)
    page.get_by_label("Provincia").select_option(label="Chimborazo")
    page.get_by_label(re.compile(r"[Pp]ropone como")).select_option(label="Ciudadanía")
    page.get_by_label(re.compile(r"^(Su nombre|Nombre de quien propone)")).fill("Rosa Guamán")
    page.get_by_label(re.compile(r"^Correo electrónico")).fill("rosa.guaman@example.org")


def test_submit_anonymously_follow_by_code_and_see_the_decision(new_page, open_plan, worker):
    page = new_page(viewport=PHONE)
    page.goto("/propuestas/nueva/")
    assert "Relevancia" in page.locator("main").inner_text()  # the criteria as guidance
    fill_form(page)
    page.get_by_role("button", name="Revisar").click()
    page.wait_for_url("**/propuestas/nueva/**")
    assert "Revisar y enviar la propuesta" in page.locator("h1").inner_text()
    page.get_by_label("Leí el aviso de privacidad").check()
    page.get_by_role("button", name="Enviar", exact=True).click()
    page.wait_for_url("**/propuestas/enviada/")
    code = page.locator("#codigo").inner_text().strip()
    assert CODE.match(code), code

    outbox = worker()
    assert len(outbox) == 1 and outbox[0].to == ["rosa.guaman@example.org"]
    assert code in outbox[0].body

    page.goto("/propuestas/estado/")
    page.get_by_label("Código de seguimiento").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Consultar").click()
    result = page.locator("main")
    assert "Recibida" in result.inner_text()
    assert "rosa.guaman" not in page.content()

    proposal = Proposal.objects.get(tracking_code=code.replace("-", ""))
    forum = make_user("gn@example.org", Role.FORUM_MEMBER)
    services.proposal_decide(
        actor=forum,
        proposal=proposal,
        to_status=Status.SELECTED,
        response_text="Seleccionada: el mapa de obras se suma al compromiso de gobiernos "
        "locales abiertos.",
    )
    page.goto("/propuestas/estado/")
    page.get_by_label("Código de seguimiento").fill(code)
    page.get_by_role("button", name="Consultar").click()
    text = page.locator("main").inner_text()
    assert "Seleccionada" in text
    assert "el mapa de obras se suma al compromiso" in text
    assert "En evaluación" in text  # the timeline of public changes
    assert_accessible(page)
    outbox = worker()
    assert any("Seleccionada" in message.subject for message in outbox)


def test_review_step_works_without_javascript_and_shows_similar(new_page, open_plan):
    page = new_page(viewport=DESKTOP, javascript=False)
    page.goto("/propuestas/nueva/")
    fill_form(page, title="Presupuesto participativo de las parroquias rurales")
    page.get_by_role("button", name="Revisar").click()
    main = page.locator("main").inner_text()
    assert "Propuestas parecidas" in main
    assert "Presupuesto participativo en línea para las parroquias rurales" in main
    page.get_by_role("button", name="Corregir").click()
    assert page.get_by_label("Título de la propuesta").input_value().startswith("Presupuesto")
    page.get_by_role("button", name="Revisar").click()
    page.get_by_label("Leí el aviso de privacidad").check()
    page.get_by_role("button", name="Enviar", exact=True).click()
    assert CODE.match(page.locator("#codigo").inner_text().strip())


def test_similar_proposals_appear_while_typing(new_page, open_plan):
    page = new_page(viewport=DESKTOP)
    page.goto("/propuestas/nueva/")
    page.get_by_label("Título de la propuesta").fill("alertas de compras de emergencia")
    region = page.locator("#similares")
    region.get_by_text("Alertas ciudadanas sobre compras públicas de emergencia").wait_for()
    assert region.get_attribute("aria-live") == "polite"


@VIEWPORTS
def test_proposal_pages_are_accessible(new_page, open_plan, viewport):
    page = new_page(viewport=viewport)
    proposal = Proposal.objects.order_by("id").first()
    for url in (
        "/propuestas/",
        f"/propuestas/{proposal.pk}/",
        "/propuestas/estado/",
        "/propuestas/nueva/",
    ):
        page.goto(url)
        assert_accessible(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], url
    # The form in its error state.
    page.goto("/propuestas/nueva/")
    page.get_by_role("button", name="Revisar").click()
    assert page.locator(".error-summary").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert_accessible(page)
    # The review step and its error state (no consent).
    fill_form(page)
    page.get_by_role("button", name="Revisar").click()
    assert_accessible(page)
    page.get_by_role("button", name="Enviar", exact=True).click()
    assert "aviso de privacidad" in page.locator(".error-summary").inner_text()
    assert_accessible(page)
    # The status page with a result, and an unknown code.
    page.goto("/propuestas/estado/")
    page.get_by_label("Código de seguimiento").fill(proposal.display_code)
    page.get_by_role("button", name="Consultar").click()
    assert_accessible(page)
    page.get_by_label("Código de seguimiento").fill("ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    page.get_by_role("button", name="Consultar").click()
    assert_accessible(page)


def sign_in(page, live_server, user):
    """Give the browser a session of ``user`` (django-axes blocks password sign-in in tests)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@VIEWPORTS
def test_back_office_pages_are_accessible(new_page, open_plan, live_server, viewport):
    forum = make_user("gn.e2e@example.org", Role.FORUM_MEMBER)
    page = new_page(viewport=viewport)
    sign_in(page, live_server, forum)
    proposal = Proposal.objects.filter(plan=open_plan, status=Status.RECEIVED).first()
    decided = Proposal.objects.filter(plan=open_plan, status=Status.IN_REVIEW).first()
    services.proposal_decide(
        actor=forum,
        proposal=decided,
        to_status=Status.NOT_SELECTED,
        response_text="No seleccionada: fuera del alcance del plan de acción.",
    )
    for url in (
        "/gestion/propuestas/",
        f"/gestion/propuestas/{proposal.pk}/",
        f"/gestion/propuestas/{decided.pk}/",  # with the correction and reopening forms
        "/gestion/propuestas/nueva/",
    ):
        page.goto(url)
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], url
    # A decision without a state or a reasoned response is refused, visibly.
    page.goto(f"/gestion/propuestas/{proposal.pk}/")
    page.get_by_role("button", name="Guardar la decisión").click()
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)
    # The correction form in its error state (no reason).
    page.goto(f"/gestion/propuestas/{decided.pk}/")
    page.get_by_role("button", name="Corregir la decisión").click()
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)


RESPONSE = "Seleccionada: el mapa de obras se suma al compromiso de gobiernos locales abiertos."
REASON = "La comisión recibió el informe de factibilidad del ministerio."


def test_forum_member_decides_in_one_save_then_corrects_with_a_public_reason(
    new_page, open_plan, live_server, worker
):
    """A received proposal gets its decision in one save, seen at once in the public history;
    the decision is then corrected with a reason that the public history shows too."""
    forum = make_user("gn.decide@example.org", Role.FORUM_MEMBER)
    proposal = Proposal.objects.filter(plan=open_plan, status=Status.RECEIVED).first()
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, forum)
    page.goto(f"/gestion/propuestas/{proposal.pk}/")
    assert proposal.display_code not in page.content()
    page.get_by_label("Nuevo estado").select_option(label="Seleccionada")
    page.get_by_label("Respuesta razonada (pública)").fill(RESPONSE)
    page.get_by_role("button", name="Guardar la decisión").click()
    assert "Decisión guardada" in page.locator(".messages").inner_text()
    assert_accessible(page)

    page.goto(f"/propuestas/{proposal.pk}/")
    public = page.locator("main").inner_text()
    for line in ("Estado: En revisión.", "Estado: En evaluación.", "Decisión: Seleccionada."):
        assert line in public
    assert RESPONSE in public

    page.goto(f"/gestion/propuestas/{proposal.pk}/")
    page.get_by_label("Decisión corregida").select_option(label="No seleccionada")
    page.locator("#corregir-response_text").fill(
        "No seleccionada: el ministerio no puede llevarla adelante en este plan."
    )
    page.get_by_label("Motivo de la corrección (público)").fill(REASON)
    page.get_by_role("button", name="Corregir la decisión").click()
    assert "Decisión corregida" in page.locator(".messages").inner_text()

    page.goto(f"/propuestas/{proposal.pk}/")
    public = page.locator("main").inner_text()
    assert f"Decisión corregida: No seleccionada. Motivo: {REASON}" in public
    assert "el ministerio no puede llevarla adelante" in public
    assert_accessible(page)


def test_paper_receipt_is_printable_and_accessible_at_375px(new_page, open_plan, live_server):
    facilitator = make_user("fac.e2e@example.org", Role.FACILITATOR)
    open_plan.facilitators.add(facilitator)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, facilitator)
    page.goto(f"/gestion/propuestas/nueva/?plan={open_plan.pk}")
    page.get_by_label("Canal").select_option(label="Formulario en papel")
    fill_form(page, title="Agua potable con datos abiertos por parroquia")
    page.get_by_label("La persona aceptó el aviso de privacidad").check()
    page.get_by_role("button", name="Registrar").click()
    page.wait_for_url("**/comprobante/")
    code = page.locator("#codigo").inner_text().strip()
    assert CODE.match(code), code
    assert "El equipo no podrá volver a ver este código" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    page.reload()
    assert code not in page.content()


def test_on_a_phone_the_code_never_breaks_inside_a_group_and_consent_is_easy_to_tap(
    new_page, open_plan
):
    page = new_page(viewport=PHONE)
    page.goto("/propuestas/nueva/")
    fill_form(page)
    page.get_by_role("button", name="Revisar").click()
    box = page.get_by_label("Leí el aviso de privacidad").bounding_box()
    label = page.locator("label[for=id_consent]").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.5.8 target size
    assert box["x"] + box["width"] <= label["x"]  # the box sits beside its label, first
    assert abs(box["y"] - label["y"]) < 10
    page.get_by_label("Leí el aviso de privacidad").check()
    page.get_by_role("button", name="Enviar", exact=True).click()
    page.wait_for_url("**/propuestas/enviada/")
    groups = page.locator("#codigo span")
    assert groups.count() == 4
    for i in range(4):
        rect = groups.nth(i).bounding_box()
        assert rect["height"] < 40, "a group of four was split over two lines"
    # At 375 px the whole code fits on one line.
    tops = {round(groups.nth(i).bounding_box()["y"]) for i in range(4)}
    assert len(tops) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.django_db(transaction=True)
def test_queue_marks_every_row_from_the_table_head_on_a_phone(new_page, open_plan, live_server):
    from .conftest import ARTIFACTS, PHONE

    forum = make_user("gn.todas@example.org", Role.FORUM_MEMBER)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, forum)
    page.goto("/gestion/propuestas/")
    rows = page.locator('input[name="ids"]')
    assert rows.count() >= 2
    head = page.get_by_label("Marcar todas las de esta página")
    head.check()
    assert all(rows.nth(i).is_checked() for i in range(rows.count()))
    assert page.locator("#sel-todas").is_checked()  # the no-JavaScript box follows
    rows.first.uncheck()
    assert not head.is_checked() and not page.locator("#sel-todas").is_checked()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "staff-queue-375.png"), full_page=True)
    assert_accessible(page)

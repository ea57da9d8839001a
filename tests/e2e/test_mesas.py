"""Mesas in a real browser: register, mail, cancel by link, waiting list; check-in at 375 px."""

import re

import pytest

from abierto.mesas import services
from abierto.mesas.models import Attendance, AttendeeProfile, Registration, RegistrationStatus

from ..mesas.factories import make_facilitator, make_mesa, register
from .axe import assert_accessible
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
CANCEL_LINK = re.compile(r"https?://\S+/mesas/inscripcion/\S+/cancelar/")


def sign_in(page, live_server, user):
    """Give the browser a session of ``user`` (django-axes blocks password sign-in in tests)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_register_get_the_mail_and_cancel_by_link(new_page, worker):
    mesa = make_mesa(title="Mesa territorial de Chimborazo", capacity=5)
    # Another visitor reads the mesa page first: it is then kept in the shared cache.
    reader = new_page(viewport=DESKTOP)
    reader.goto(f"/mesas/{mesa.pk}/")
    assert "Quedan 5 cupos" in reader.locator("aside").inner_text()
    page = new_page(viewport=PHONE)
    page.goto("/mesas/")
    page.get_by_role("link", name="Mesa territorial de Chimborazo").click()
    assert_accessible(page)
    page.locator("aside").get_by_role("link", name="Inscribirse").click()
    page.wait_for_url(f"**/mesas/{mesa.pk}/inscripcion/")
    assert_accessible(page)
    page.get_by_label("Su nombre").fill("Rosa Guamán")
    page.get_by_label("Correo electrónico").fill("rosa.guaman@example.org")
    page.get_by_role("button", name="Inscribirme").click()
    page.wait_for_url("**/inscripcion-recibida/")
    assert "Inscripción confirmada" in page.locator("h1").inner_text()
    code = page.locator("#codigo").inner_text().strip()
    assert_accessible(page)
    # The places left are exact at once, for the visitor who had the page from the cache.
    reader.reload()
    assert "Quedan 4 cupos" in reader.locator("aside").inner_text()

    outbox = worker()
    assert len(outbox) == 1 and outbox[0].to == ["rosa.guaman@example.org"]
    assert code in outbox[0].body
    link = CANCEL_LINK.search(outbox[0].body).group(0)

    page.goto(path_of(link))
    assert mesa.title in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Sí, cancelar mi inscripción").click()
    assert "Inscripción cancelada" in page.locator("h1").inner_text()
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED
    outbox = worker()
    assert "Inscripción cancelada" in outbox[-1].subject


def test_full_mesa_puts_people_on_the_waiting_list_and_promotes_them(new_page, worker):
    mesa = make_mesa(title="Mesa con un solo cupo", capacity=1)
    (holder,) = register(mesa, 1)
    page = new_page(viewport=DESKTOP)
    page.goto(f"/mesas/{mesa.pk}/")
    assert "La mesa está completa" in page.locator("main").inner_text()
    page.get_by_role("link", name="Inscribirse en la lista de espera").click()
    assert "La mesa está completa" in page.locator("main").inner_text()
    page.get_by_role("button", name="Inscribirme en la lista de espera").click()
    assert "Revise estos datos" in page.locator("main").inner_text()  # nothing typed yet
    assert_accessible(page)
    page.get_by_label("Su nombre").fill("Luis Chalá")
    page.get_by_label("Correo electrónico").fill("luis.chala@example.org")
    page.get_by_role("button", name="Inscribirme en la lista de espera").click()
    assert "lista de espera" in page.locator("h1").inner_text()
    assert_accessible(page)
    before = len(worker())

    holder_page = new_page(viewport=PHONE)
    holder_page.goto(f"/mesas/inscripcion/{services.cancel_token(holder)}/cancelar/")
    holder_page.get_by_role("button", name="Sí, cancelar mi inscripción").click()
    assert "Inscripción cancelada" in holder_page.locator("h1").inner_text()

    outbox = worker()[before:]
    promoted = [m for m in outbox if m.to == ["luis.chala@example.org"]]
    assert len(promoted) == 1 and "Tiene un cupo" in promoted[0].subject
    assert Registration.objects.get(email="luis.chala@example.org").status == "confirmada"


def test_registering_works_without_javascript(new_page):
    mesa = make_mesa(title="Mesa sin JavaScript", capacity=2)
    page = new_page(viewport=PHONE, javascript=False)
    page.goto(f"/mesas/{mesa.pk}/")
    page.get_by_role("link", name="Inscribirse").click()
    page.get_by_role("button", name="Inscribirme").click()  # nothing typed: Spanish errors
    assert "Revise estos datos" in page.locator("main").inner_text()
    page.get_by_label("Su nombre").fill("Marcia Tituaña")
    page.get_by_label("Correo electrónico").fill("marcia@example.org")
    page.get_by_role("button", name="Inscribirme").click()
    assert "Inscripción confirmada" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Volver a la mesa").click()
    assert "Queda 1 cupo" in page.locator("aside").inner_text()
    assert Registration.objects.get().name == "Marcia Tituaña"


def test_check_in_on_a_phone(new_page, live_server):
    facilitator = make_facilitator("facilita.e2e@example.org")
    mesa = make_mesa(title="Mesa de Riobamba", facilitators=[facilitator])
    registration = services.registration_create(
        actor=None, mesa=mesa, name="Carmen Yupanqui", email="carmen@example.org"
    )
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, facilitator)
    page.goto(f"/gestion/mesas/{mesa.pk}/asistencia/")
    assert_accessible(page)
    page.get_by_label("Nombre o código de inscripción").fill(registration.display_code.lower())
    page.get_by_role("button", name="Buscar").click()
    page.get_by_role("button", name="Registrar llegada de Carmen Yupanqui").click()
    assert "Datos voluntarios" in page.locator("h1").inner_text()
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    page.get_by_label("Género").select_option("mujer")
    page.get_by_label("Edad").select_option("30-44")
    page.get_by_role("button", name="Guardar respuestas").click()
    assert "Datos voluntarios guardados" in page.locator(".messages").inner_text()
    assert AttendeeProfile.objects.get().gender == "mujer"

    page.get_by_label("Nombre o código de inscripción").fill("Carmen")
    page.get_by_role("button", name="Buscar").click()
    assert "Ya registró su asistencia" in page.locator("main").inner_text()

    page.get_by_role("button", name="Registrar llegada sin inscripción").click()
    page.get_by_role("button", name="Prefiere no responder").click()
    assert Attendance.objects.filter(mesa=mesa).count() == 2
    assert AttendeeProfile.objects.count() == 1


@VIEWPORTS
def test_public_mesa_pages_are_accessible(new_page, viewport):
    from abierto.mesas import demo as mesas_demo
    from abierto.plans import demo as plans_demo
    from abierto.proposals import demo as proposals_demo

    plans_demo.load()
    proposals_demo.load()
    mesas_demo.load()
    from abierto.mesas.models import Mesa, MesaStatus

    page = new_page(viewport=viewport)
    open_mesa = Mesa.objects.filter(status=MesaStatus.SCHEDULED).order_by("starts_at").first()
    held_mesa = Mesa.objects.filter(status=MesaStatus.HELD).first()
    for url in (
        "/mesas/",
        "/mesas/?plan=no-existe",
        f"/mesas/{open_mesa.pk}/",
        f"/mesas/{open_mesa.pk}/inscripcion/",
        f"/mesas/{held_mesa.pk}/",
        "/mesas/calendario/?mes=2022-07",
        "/mesas/plan/segundo-plan-de-accion-2022-2024/participacion/",
    ):
        page.goto(url)
        assert_accessible(page)
    assert "1260" in re.sub(r"\D", "", page.locator("main").inner_text())


@VIEWPORTS
def test_back_office_pages_are_accessible(new_page, live_server, forum_member, viewport):
    mesa = make_mesa(title="Mesa de gestión")
    register(mesa, 2)
    page = new_page(viewport=viewport)
    sign_in(page, live_server, forum_member)
    for url in (
        "/gestion/mesas/",
        "/gestion/mesas/nueva/",
        f"/gestion/mesas/{mesa.pk}/",
        f"/gestion/mesas/{mesa.pk}/editar/",
        f"/gestion/mesas/{mesa.pk}/facilitacion/",
        f"/gestion/mesas/{mesa.pk}/cancelar/",
    ):
        page.goto(url)
        assert_accessible(page)

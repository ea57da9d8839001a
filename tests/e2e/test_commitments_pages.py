"""Browser checks of the tracking platform: dashboard, commitment list and a commitment page,
accessible (axe-core) at 375 px and desktop, readable without JavaScript, no horizontal
scrolling on a phone, and no CSP violation."""

import pytest

from abierto.commitments import demo
from abierto.forum import demo as forum_demo
from abierto.plans import demo as plans_demo

from .axe import assert_accessible
from .conftest import DESKTOP, PHONE

PAGES = ["/seguimiento/", "/seguimiento/compromisos/", "/compromisos/EC0016/"]


@pytest.fixture
def tracking(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    forum_demo.load()
    plans_demo.load()
    demo.load()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("url", PAGES)
def test_tracking_pages_are_accessible(new_page, tracking, viewport, url):
    page = new_page(viewport=viewport)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(url)
    assert page.locator("main h1").is_visible()
    assert_accessible(page)
    assert not [line for line in console if "Content Security Policy" in line], console
    if viewport == PHONE:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{url} scrolls sideways at 375 px ({width} px)"


@pytest.mark.django_db(transaction=True)
def test_commitment_page_without_javascript_shows_chart_table_and_timeline(new_page, tracking):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto("/compromisos/EC0016/")
    assert page.get_by_role("heading", name="Hitos", exact=True).is_visible()
    assert page.locator("ol.milestone-timeline > li").count() == 4
    assert page.locator("figure.chart-line svg").count() == 2
    assert page.get_by_role("table", name="Mediciones", exact=False).count() == 2
    assert page.get_by_role("heading", name="Evaluación independiente (IRM)").is_visible()


@pytest.mark.django_db(transaction=True)
def test_screenshots(new_page, tracking):
    from .conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    for name, url in (("dash", PAGES[0]), ("list", PAGES[1]), ("detail", PAGES[2])):
        page = new_page(viewport=PHONE)
        page.goto(url)
        page.screenshot(path=str(ARTIFACTS / f"commitments-{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_dashboard_filters_by_plan_without_javascript(new_page, tracking):
    page = new_page(viewport=DESKTOP, javascript=False)
    page.goto("/seguimiento/")
    first_plan = page.locator("#id_plan option").last
    page.get_by_label("Plan de acción").select_option(first_plan.get_attribute("value"))
    page.get_by_role("button", name="Ver este plan").click()
    assert page.get_by_role("heading", name="Primer Plan", exact=False).is_visible()
    page.goto("/seguimiento/compromisos/?estado=cumplido")
    assert page.locator("ul.commitment-list > li").count() >= 1
    page.goto("/seguimiento/compromisos/?eje=abc")
    assert page.get_by_text("Se ignoraron filtros").is_visible()


def _sign_in(page, live_server, user) -> None:
    """Give the browser the session of ``user`` (django-axes blocks scripted logins)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_liaison_back_office_is_accessible(new_page, tracking, live_server, viewport):
    from abierto.commitments.models import Commitment
    from abierto.core.roles import Role
    from abierto.forum.models import Organization

    from ..helpers import make_user

    mintel = Organization.objects.get(acronym="MINTEL")
    liaison = make_user("enlace@mintel.example", Role.LIAISON, organization=mintel)
    ec16 = Commitment.objects.get(code="EC0016")
    page = new_page(viewport=viewport)
    _sign_in(page, live_server, liaison)
    for url in (
        "/gestion/compromisos/",
        f"/gestion/compromisos/{ec16.pk}/",
        f"/gestion/compromisos/hitos/{ec16.milestones.last().pk}/evidencia/",
    ):
        page.goto(url)
        assert page.locator("main h1").is_visible()
        assert_accessible(page)
    page.goto(f"/gestion/compromisos/hitos/{ec16.milestones.last().pk}/avance/")
    page.get_by_label("Avance (%)").fill("150")
    page.get_by_role("button", name="Guardar").click()
    assert page.get_by_text("entre 0 y 100").first.is_visible()
    assert_accessible(page)

"""Browser checks of the plan pages: accessible at phone and desktop widths, with and
without JavaScript."""

import pytest

from abierto.forum import demo as forum_demo
from abierto.plans import demo

from .axe import assert_accessible
from .conftest import DESKTOP, PHONE

PLAN2 = "/planes/segundo-plan-de-accion-2022-2024/"
PLAN1 = "/planes/primer-plan-de-accion-2019-2022/"
OLD = "/planes/primer-plan-de-accion-2019-2022/versiones/1/"


@pytest.fixture
def plans():
    forum_demo.load()
    demo.load()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("url", ["/planes/", PLAN2, PLAN1, OLD])
def test_plan_pages_are_accessible(new_page, plans, viewport, url):
    page = new_page(viewport=viewport)
    page.goto(url)
    assert page.locator("h1").is_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["/planes/", PLAN2])
def test_plan_pages_work_without_javascript(new_page, plans, url):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto(url)
    assert page.locator("main h1").is_visible()
    if url == PLAN2:
        assert page.locator("ol.timeline-list > li").count() == 5
        assert page.get_by_role("heading", name="Ejes").is_visible()
    else:
        assert page.get_by_role("link", name="Segundo Plan de Acción", exact=False).is_visible()


@pytest.mark.django_db(transaction=True)
def test_old_version_page_at_phone_width_says_it_is_not_in_force(new_page, plans):
    page = new_page(viewport=PHONE)
    page.goto("/planes/primer-plan-de-accion-2019-2022-v1/")  # the old address moves here
    assert page.url.endswith(OLD)
    assert page.get_by_text("versión anterior, no vigente").is_visible()
    assert page.get_by_role("heading", name="Qué cambió en la versión 2").is_visible()
    page.get_by_role("link", name="Ver el plan vigente (versión 2)").click()
    assert page.url.endswith(PLAN1)
    assert page.get_by_role("heading", name="Versiones", exact=True).is_visible()
    page.goto(OLD)
    assert_accessible(page)


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
def test_back_office_and_member_warnings_are_accessible(new_page, plans, live_server, viewport):
    from abierto.core.roles import Role
    from abierto.forum.models import ForumMeeting
    from abierto.plans.models import ActionPlan
    from tests.helpers import make_user

    member = make_user("miembro.e2e@example.org", Role.FORUM_MEMBER)
    make_user("facilita.e2e@example.org", Role.FACILITATOR, full_name="Rosa Tipán")
    ForumMeeting.objects.all().delete()  # so the forum is overdue and the warning shows
    plan = ActionPlan.objects.get(slug="segundo-plan-de-accion-2022-2024")
    page = new_page(viewport=viewport)
    _sign_in(page, live_server, member)
    page.goto(PLAN2)
    assert page.get_by_role("heading", name="Avisos para el Grupo Núcleo").is_visible()
    assert_accessible(page)
    page.goto(f"/gestion/planes/{plan.pk}/")
    assert page.get_by_role("heading", name="Etapas", exact=True).is_visible()
    assert page.get_by_label("Rosa Tipán (facilita.e2e@example.org)").is_visible()
    assert_accessible(page)
    page.goto(f"/gestion/planes/{plan.pk}/etapas/nuevo/")
    page.get_by_label("Número").fill("6")
    page.get_by_label("Nombre").fill("Etapa con fechas al revés")
    page.locator("#id_start_date").fill("2023-03-01")
    page.locator("#id_end_date").fill("2023-02-01")
    page.get_by_role("button", name="Guardar").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Nombre").input_value() == "Etapa con fechas al revés"
    assert_accessible(page)
    page.goto("/gestion/foro/")
    assert_accessible(page)
    page.goto("/gestion/foro/organizaciones/importar/")
    assert_accessible(page)


def _timeline_geometry(page) -> dict:
    """What the reader sees of the stage drawing: which drawing shows, how wide it is against
    its box, and the rendered height of its smallest label (CSS px)."""
    return page.evaluate(
        """() => {
          const figure = document.querySelector('figure.chart-timeline');
          const shown = [...figure.querySelectorAll('svg')].filter(
            (svg) => getComputedStyle(svg).display !== 'none');
          const svg = shown[0];
          const box = figure.getBoundingClientRect();
          const style = getComputedStyle(figure);
          const inner = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
            - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const texts = [...svg.querySelectorAll('text')];
          return {
            shown: shown.map((s) => s.getAttribute('class')),
            fill: svg.getBoundingClientRect().width / inner,
            smallest: Math.min(
              ...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)),
            glyphs: Math.min(...texts.map((t) => t.getBoundingClientRect().height)),
            years: texts.filter((t) => t.classList.contains('year-label'))
              .map((t) => t.textContent),
            overflow: document.documentElement.scrollWidth > window.innerWidth,
          };
        }"""
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_stage_drawing_fills_its_box_with_legible_labels_and_every_year(new_page, plans, viewport):
    from .conftest import ARTIFACTS

    # The drawing needs no JavaScript (CSS picks it); measuring it does.
    page = new_page(viewport=viewport)
    page.goto(PLAN2)
    drawing = page.locator("figure.chart-timeline")
    drawing.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    drawing.screenshot(path=str(ARTIFACTS / f"plan-timeline-{viewport['width']}.png"))
    seen = _timeline_geometry(page)
    kind = "chart-timeline-compact" if viewport is PHONE else "chart-timeline-wide"
    assert seen["shown"] == [kind]
    assert seen["fill"] > 0.98  # the drawing uses the whole width of its box
    assert seen["smallest"] >= 12, seen  # font size as rendered, after the viewBox scaling
    assert seen["glyphs"] >= 12, seen
    # The second plan's stages run from October 2021 to January 2023: every year labelled.
    assert seen["years"] == ["2021", "2022", "2023"]
    assert not seen["overflow"]
    # The numbered list stays the accessible version of the drawing.
    assert page.locator("ol.timeline-list > li").count() == 5
    assert_accessible(page)

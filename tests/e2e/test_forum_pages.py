"""Browser checks of /grupo-nucleo/ and /actores/ (accessible, filters work without JS)."""

import pytest

from abierto.forum import demo as forum_demo
from abierto.plans import demo

from .axe import assert_accessible
from .conftest import DESKTOP, PHONE


@pytest.fixture
def actors():
    forum_demo.load()
    demo.load()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("url", ["/grupo-nucleo/", "/actores/", "/actores/?sector=academia"])
def test_forum_pages_are_accessible(new_page, actors, viewport, url):
    page = new_page(viewport=viewport)
    page.goto(url)
    assert page.locator("h1").is_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_forum_page_without_javascript(new_page, actors):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto("/grupo-nucleo/")
    assert page.get_by_role("heading", name="Organizaciones y roles").is_visible()
    assert page.get_by_text("días desde la última reunión").is_visible()


@pytest.mark.django_db(transaction=True)
def test_actor_filters_work_without_javascript(new_page, actors):
    page = new_page(viewport=DESKTOP, javascript=False)
    page.goto("/actores/")
    page.locator("select#id_sector").select_option(label="Academia")
    page.locator("select#id_provincia").select_option(label="Loja")
    page.get_by_role("button", name="Filtrar").click()
    page.wait_for_url("**/actores/?*")
    assert page.get_by_text("1 organización encontrada.").is_visible()
    assert page.get_by_role(
        "rowheader", name="Universidad Técnica Particular de Loja", exact=False
    ).first.is_visible()
    assert page.get_by_role(
        "table", name="Número de organizaciones registradas", exact=False
    ).is_visible()

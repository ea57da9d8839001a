"""Layout, accounts and error pages in a real browser: phone and desktop, JS on and off."""

import pytest

from abierto.core.roles import Role

from ..helpers import PASSWORD, make_user
from .axe import assert_accessible
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
PUBLIC_PAGES = [
    ("/cuenta/login/", "Iniciar sesión"),
    ("/cuenta/signup/", "Registrarse"),
    ("/cuenta/password/reset/", "contraseña"),
    ("/no-existe/", "No encontramos esa página"),
]


def assert_fits_width(page, viewport):
    """Nothing forces sideways scrolling: the page is as wide as the screen."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{page.url}: {width}px > {viewport['width']}px"


@VIEWPORTS
@pytest.mark.parametrize(("path", "text"), PUBLIC_PAGES)
def test_public_pages_are_accessible_with_javascript(new_page, viewport, path, text):
    page = new_page(viewport=viewport)
    page.goto(path)
    assert text.lower() in page.locator("main").inner_text().lower()
    assert_fits_width(page, viewport)
    assert_accessible(page)


@VIEWPORTS
@pytest.mark.parametrize(("path", "text"), PUBLIC_PAGES)
def test_public_pages_work_without_javascript(new_page, viewport, path, text):
    page = new_page(viewport=viewport, javascript=False)
    page.goto(path)
    assert text.lower() in page.locator("main").inner_text().lower()
    assert page.locator("a.skip-link").count() == 1


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(new_page):
    page = new_page(viewport=PHONE)
    page.goto("/cuenta/login/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#contenido"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_sign_in_and_reach_the_back_office_as_forum_member(new_page, javascript):
    make_user("gn@example.org", Role.FORUM_MEMBER)
    page = new_page(viewport=DESKTOP, javascript=javascript)
    page.goto("/cuenta/login/")
    page.get_by_label("Correo electrónico").fill("gn@example.org")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_role("link", name="Gestión").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gestión"
    if javascript:
        assert_accessible(page)
    page.get_by_role("link", name="Mi cuenta").click()
    assert "gn@example.org" in page.locator("main").inner_text()
    assert "Grupo Núcleo" in page.locator("main").inner_text()


def test_language_switch_in_the_browser(new_page):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto("/cuenta/login/")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
    page.get_by_role("link", name="Español").click()
    assert page.locator("html").get_attribute("lang") == "es-EC"


@pytest.mark.parametrize("path", ["/propuestas/estado/", "/propuestas/"])
def test_language_switch_works_on_pages_that_keep_their_referrer_private(new_page, path):
    page = new_page(viewport=DESKTOP)
    page.goto(path)
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1


NARROW = {"width": 320, "height": 640}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/gobierno-abierto/",
        "/planes/",
        "/grupo-nucleo/",
        "/actores/",
        "/documentos/",
        "/propuestas/",
        "/propuestas/nueva/",
        "/propuestas/estado/",
        "/cuenta/login/",
    ],
)
def test_pages_fit_a_320px_screen(new_page, path):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    page = new_page(viewport=NARROW)
    page.goto(path)
    assert_fits_width(page, NARROW)


def test_print_stylesheet_leaves_only_the_content(new_page):
    page = new_page(viewport=DESKTOP)
    page.goto("/cuenta/login/")
    page.emulate_media(media="print")
    assert not page.locator(".main-nav").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()


def test_public_history_and_profile_pages_are_accessible(new_page):
    import datetime

    from abierto.plans.services import plan_create

    make_user("ana@example.org", Role.CITIZEN)
    plan = plan_create(
        actor=None,
        number=9,
        title="Plan de prueba",
        start_date=datetime.date(2030, 1, 1),
        end_date=datetime.date(2031, 12, 31),
    )
    page = new_page(viewport=PHONE)
    page.goto(f"/historial/plans/actionplan/{plan.pk}/")
    assert "Plan publicado." in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto("/cuenta/login/")
    page.get_by_label("Correo electrónico").fill("ana@example.org")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.goto("/cuenta/perfil/")
    assert "ana@example.org" in page.locator("main").inner_text()
    assert_accessible(page)


def test_no_page_loads_anything_from_another_host(new_page):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    page = new_page(viewport=DESKTOP)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("/", "/planes/", "/propuestas/nueva/", "/documentos/"):
        page.goto(path)
    base = page.url.split("/", 3)[:3]
    foreign = [url for url in requested if url.split("/", 3)[:3] != base]
    assert foreign == []

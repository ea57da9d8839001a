"""The information site and the document repository in a real browser, phone and desktop."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from abierto.content import demo
from abierto.content.models import Document, Page
from abierto.core.roles import Role
from tests.helpers import make_user

from .axe import assert_accessible
from .conftest import ARTIFACTS, DESKTOP, PHONE

VIEWPORTS = [PHONE, DESKTOP]
IDS = ["375px", "1280px"]


def _public_paths() -> list[str]:
    first = Document.objects.order_by("id").first()
    return (
        [first.get_absolute_url()]
        + ["/", "/gobierno-abierto/", "/documentos/", "/documentos/?tipo=xyz&anio=abc&pagina=9"]
        + [f"/gobierno-abierto/{data['slug']}/" for data in demo.PAGES]
    )


def _shot(page, name: str, viewport: dict) -> None:
    folder = ARTIFACTS / "content"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}-{viewport['width']}.png"), full_page=True)


def _slug(path: str) -> str:
    return (
        path.split("?")[0].strip("/").replace("/", "_") + ("-filtros" if "?" in path else "")
        or "inicio"
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=IDS)
def test_content_pages_are_accessible_with_javascript(new_page, viewport):
    demo.load()
    page = new_page(viewport=viewport, javascript=True)
    for path in _public_paths():
        response = page.goto(path)
        assert response.status == 200, path
        expect(page.locator("h1").first).to_be_visible()
        # Nothing may spill sideways at 375 px.
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, path
        assert_accessible(page)
        _shot(page, f"js-{_slug(path)}", viewport)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=IDS)
def test_content_is_visible_without_javascript(new_page, viewport):
    demo.load()
    page = new_page(viewport=viewport, javascript=False)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Transparencia, participación y colaboración").first).to_be_visible()
    page.get_by_role("link", name="Los cuatro pilares del gobierno abierto").first.click()
    expect(
        page.get_by_role("heading", name="Los cuatro pilares del gobierno abierto")
    ).to_be_visible()
    expect(page.get_by_text("Integridad y rendición de cuentas")).to_be_visible()
    for data in demo.PAGES:
        page.goto(f"/gobierno-abierto/{data['slug']}/")
        expect(page.get_by_role("heading", level=1, name=data["title"])).to_be_visible()
    page.goto("/documentos/")
    expect(page.get_by_text("Última actualización del repositorio:")).to_be_visible()
    page.get_by_label("Tipo").select_option("metodologia")
    page.get_by_role("button", name="Filtrar").click()
    page.wait_for_url("**/documentos/?*tipo=metodologia*")
    expect(
        page.get_by_role(
            "link", name="Metodología de cocreación del Segundo Plan de Acción (ejemplo)"
        )
    ).to_be_visible()
    expect(page.get_by_text("1 documento", exact=True)).to_be_visible()
    _shot(page, "nojs-documentos-filtrados", viewport)
    page.goto("/documentos/?tipo=xyz&anio=abc&pagina=999")
    expect(page.get_by_text("No entendimos el valor de estos filtros")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_language_switch_in_the_browser(new_page):
    demo.load()
    page = new_page(viewport=PHONE, javascript=True)
    page.goto("/gobierno-abierto/pilares/")
    page.get_by_role("link", name="English").click()
    expect(
        page.get_by_role("heading", level=1, name="The four pillars of open government")
    ).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def _sign_in(page, live_server, user) -> None:
    """Give the browser a real session for ``user`` (the login form is tested elsewhere)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=IDS)
def test_administration_previews_and_saves_a_page(new_page, live_server, viewport):
    demo.load()
    member = make_user("editora@example.org", Role.ADMIN)
    page = new_page(viewport=viewport, javascript=True)
    _sign_in(page, live_server, member)
    page.goto("/gestion/contenido/")
    assert_accessible(page)
    page.get_by_role("link", name="Los cuatro pilares del gobierno abierto").click()
    page.get_by_label("Contenido (Markdown)").fill("## Pilares revisados\n\nTexto **nuevo**.")
    page.get_by_role("button", name="Vista previa").click()
    preview = page.locator(".preview")
    expect(preview.get_by_role("heading", name="Pilares revisados")).to_be_visible()
    assert_accessible(page)
    _shot(page, "gestion-vista-previa", viewport)
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("Cambios guardados.")).to_be_visible()
    assert "Pilares revisados" in Page.objects.get(slug="pilares").body
    page.goto("/gestion/contenido/documentos/nuevo/")
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("Suba un archivo o indique un enlace externo.")).to_be_visible()
    assert_accessible(page)

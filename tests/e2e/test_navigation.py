"""The main navigation: one "Menú" row on phones that opens without JavaScript."""

import pytest

from .axe import assert_accessible
from .conftest import ARTIFACTS, DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_phone_menu_is_one_row_and_opens_without_javascript(new_page):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto("/")
    nav = page.locator("nav.main-nav")
    assert nav.bounding_box()["height"] < 60  # was three rows (~210 px for the whole header)
    assert not nav.get_by_role("link", name="Documentos", exact=True).first.is_visible()
    page.get_by_text("Menú").click()
    assert page.locator(".nav-phone").get_by_role("link", name="Documentos").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "nav-phone-open.png"), full_page=False)


def test_phone_menu_is_accessible_open_and_closed(new_page):
    page = new_page(viewport=PHONE)  # axe runs as a script
    page.goto("/")
    assert_accessible(page)
    page.get_by_text("Menú").click()
    assert_accessible(page)


def test_desktop_shows_every_section_in_one_row(new_page):
    page = new_page(viewport=DESKTOP)
    page.goto("/")
    assert not page.get_by_text("Menú").is_visible()
    assert page.locator(".nav-wide").get_by_role("link", name="Documentos").is_visible()
    assert page.locator("nav.main-nav").bounding_box()["height"] < 60


def test_wide_tables_become_stacked_rows_on_phones(new_page):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    page = new_page(viewport=PHONE)
    for url in ["/actores/", "/grupo-nucleo/"]:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{url} scrolls sideways ({width}px)"
        assert page.locator("table.stack td[data-label]").first.is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"stacked{url.strip('/')}.png"))
        assert_accessible(page)

"""Open data in a real browser: the catalogue and the API docs (Swagger UI from our own static
files, under the strict CSP), accessible, on phones, with nothing from another host."""

import pytest
from django.core.management import call_command

from abierto.core import audit

from .axe import assert_accessible
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)
    audit.seal_pending()


def watch(page) -> tuple[list[str], list[str]]:
    """Every URL the page requests, and every console error (a CSP violation is one)."""
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return requested, errors


def same_host(page, urls: list[str]) -> list[str]:
    base = page.url.split("/", 3)[:3]
    return [url for url in urls if url.split("/", 3)[:3] != base and not url.startswith("data:")]


@VIEWPORTS
@pytest.mark.parametrize("path", ["/datos/", "/datos/verificar/"])
def test_catalogue_pages_are_accessible(new_page, demo, viewport, path):
    page = new_page(viewport=viewport)
    requested, errors = watch(page)
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert_accessible(page)
    assert same_host(page, requested) == []
    assert errors == []


@VIEWPORTS
def test_api_docs_render_from_our_static_files_under_the_csp(new_page, demo, viewport):
    page = new_page(viewport=viewport)
    requested, errors = watch(page)
    page.goto("/api/v1/docs")
    page.locator("#swagger-ui .opblock").first.wait_for()
    assert page.locator("#swagger-ui").inner_text().count("/api/v1/propuestas") >= 1
    assert any(url.endswith("/api/v1/openapi.json") for url in requested)
    assert same_host(page, requested) == []
    assert errors == [], errors
    assert_accessible(page)


def test_api_docs_without_javascript_point_to_the_openapi_description(new_page, demo):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto("/api/v1/docs")
    assert page.locator("main a[href='/api/v1/openapi.json']").count() >= 1


@VIEWPORTS
@pytest.mark.parametrize("kind", ["plan-de-accion", "rendicion-de-cuentas", "respuestas-razonadas"])
def test_printable_report_pages_are_accessible_and_print_only_the_report(
    new_page, demo, viewport, kind
):
    from abierto.plans.models import ActionPlan

    plan = ActionPlan.objects.get(number=2)
    page = new_page(viewport=viewport)
    requested, errors = watch(page)
    page.goto(f"/datos/informes/{plan.slug}/{kind}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert_accessible(page)
    assert same_host(page, requested) == []
    assert errors == []  # no CSP violation: no inline style or script
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".report-actions").is_visible()
    assert page.locator(".report-header h1").is_visible()


def test_report_index_is_accessible(new_page, demo):
    page = new_page(viewport=PHONE)
    page.goto("/datos/informes/")
    assert_accessible(page)
    assert page.get_by_role("link", name="Informe de respuestas razonadas").first.is_visible()

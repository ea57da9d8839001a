"""Browser tests: Playwright drives Debian's Chromium against the live test server.

Chromium is found at ``ABIERTO_CHROMIUM`` (default ``/usr/bin/chromium``). Without it the
browser tests are skipped, except when ``ABIERTO_REQUIRE_BROWSER=1`` (CI), where they fail.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by tests
# alongside it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ABIERTO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("ABIERTO_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium no está instalado en {CHROMIUM} y las pruebas lo requieren.")
        pytest.skip("Chromium no está instalado: se omiten las pruebas en navegador.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """``new_page(viewport=PHONE, javascript=True)`` -> a page whose base URL is the live server."""
    contexts = []

    def factory(viewport=DESKTOP, javascript=True, locale="es-EC"):
        context = browser.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            locale=locale,
            base_url=live_server.url,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()

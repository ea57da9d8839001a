import pytest

from .axe import assert_accessible
from .conftest import DESKTOP, PHONE


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_home_renders_in_spanish_and_is_accessible(new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "es-EC"
    assert_accessible(page)

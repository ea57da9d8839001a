"""Hostile input pushed into every query parameter and form field the site offers.

Pages are discovered from the URL conf (every page without URL arguments), their fields from
the forms each page shows (GET forms: query parameters; POST forms: body fields), so a new
page or field is covered without being listed here. Whatever the value: never a 500, and
never reflected unescaped.
"""

from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from abierto.core.roles import Role

from ..helpers import make_user

SCRIPT = "<script>alert('x')</script>"
CORPUS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "x" * 5000,
    "9223372036854775808",
    "-1",
    "²",
    "١٢",
    "\u202eabc",
    "ＡＢＣ１",
    "%00",
    "../../etc/passwd",
]
#: Not pages people fill in (or outside what a form on the site offers).
SKIP_PREFIXES = ("/admin/", "/jsi18n/", "/static/", "/cuenta/", "/idioma/", "/salud/", "/en/")


class FormFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action"),
                    "fields": {},
                }
            )
        elif tag in {"input", "select", "textarea"} and self.forms and attrs.get("name"):
            if attrs.get("type") in {"file", "submit", "button"}:
                return
            self.forms[-1]["fields"].setdefault(attrs["name"], attrs.get("value") or "")


def pages_without_arguments() -> list[str]:
    found = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and not pattern.pattern.converters:
                route = prefix + str(pattern.pattern)
                if "<" in route or "^" in route or "(" in route:
                    continue
                found.add("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return sorted(p for p in found if not p.startswith(SKIP_PREFIXES))


def forms_on(client, url) -> list[dict]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    finder = FormFinder()
    finder.feed(response.content.decode())
    return [f for f in finder.forms if f["action"] in (None, "", url) and f["fields"]]


def assert_safe(response, url, field, value):
    assert response.status_code < 500, f"{url} {field}={value[:40]!r}: {response.status_code}"
    body = response.content.decode(errors="replace")
    assert SCRIPT not in body, f"{url} {field}: reflected unescaped"
    assert '"><img src=x' not in body, f"{url} {field}: reflected unescaped"


@pytest.fixture
def demo_site(db):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("role", [None, Role.FORUM_MEMBER, Role.ADMIN])
def test_no_field_or_parameter_gives_a_500_or_reflects_markup(client, demo_site, role):
    if role is not None:
        client.force_login(make_user(f"{role.value}@example.org", role))
    pages = pages_without_arguments()
    assert "/propuestas/" in pages and "/gestion/" in pages
    checked = 0
    for url in pages:
        for form in forms_on(client, url):
            for field in form["fields"]:
                for value in CORPUS:
                    data = {**form["fields"], field: value}
                    if form["method"] == "get":
                        response = client.get(url, data)
                    else:
                        response = client.post(url, data)
                    assert_safe(response, url, field, value)
                    checked += 1
    assert checked > 100  # the discovery found the forms


@pytest.mark.parametrize(
    "url",
    [
        "/propuestas/?plan=9223372036854775808",
        "/propuestas/?plan=%C2%B2",
        "/propuestas/?despues=%D9%A1%D9%A2",
        "/propuestas/similares/?plan=9223372036854775808&titulo=datos+abiertos",
        "/historial/plans/actionplan/9223372036854775808/",
        "/propuestas/99999999999999999999/",
    ],
)
def test_digit_like_values_never_give_a_500(client, db, url):
    assert client.get(url).status_code < 500

"""Issue 14's findings, each reproduced: headers of the 413, private pages, MFA check."""

import io
from wsgiref.handlers import SimpleHandler
from wsgiref.util import is_hop_by_hop, setup_testing_defaults

import pytest
from django.core.wsgi import get_wsgi_application
from django.test import override_settings

from abierto.core.roles import Role

from ..helpers import make_user

pytestmark = pytest.mark.django_db


@override_settings(ABIERTO_MAX_REQUEST_BYTES=1024)
def test_the_413_carries_every_header_and_no_hop_by_hop_one(client):
    response = client.post("/idioma/", data={"x": "a" * 5000})
    assert response.status_code == 413
    assert "demasiado grande" in response.content.decode()
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert not [name for name in response.headers if is_hop_by_hop(name)]


@override_settings(ABIERTO_MAX_REQUEST_BYTES=1024)
def test_the_development_server_sends_the_413_as_it_is():
    """wsgiref (what ``runserver`` is built on) answered ``Connection: close`` with a 500."""
    body = b"x=" + b"a" * 5000
    environ: dict = {}
    setup_testing_defaults(environ)
    environ.update(
        REQUEST_METHOD="POST",
        PATH_INFO="/idioma/",
        CONTENT_LENGTH=str(len(body)),
        CONTENT_TYPE="application/x-www-form-urlencoded",
        SERVER_NAME="testserver",
        HTTP_HOST="testserver",
    )
    out, errors = io.BytesIO(), io.StringIO()
    handler = SimpleHandler(io.BytesIO(body), out, errors, environ, multithread=False)
    handler.run(get_wsgi_application())
    status_line = out.getvalue().split(b"\r\n", 1)[0]
    assert b" 413 " in status_line, (status_line, errors.getvalue()[-500:])


@pytest.mark.parametrize(
    "path",
    [
        "/gestion/",
        "/gestion/propuestas/",
        "/cuenta/perfil/",
        "/cuenta/email/",
        "/propuestas/mias/",
        "/propuestas/estado/",
        "/propuestas/recuperar-codigo/",
        "/en/propuestas/recuperar-codigo/",
        "/en/gestion/",
        "/en/propuestas/mias/",
        "/en/cuenta/perfil/",
    ],
)
def test_pages_with_personal_data_are_never_stored(client, path):
    client.force_login(make_user("nucleo@example.org", Role.FORUM_MEMBER))
    response = client.get(path)
    assert response.status_code == 200, path
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control, path


def test_the_django_admin_is_never_stored(client):
    client.force_login(make_user("admin@example.org", Role.ADMIN))
    response = client.get("/admin/")
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}


def test_public_pages_stay_cacheable(client):
    assert "no-store" not in client.get("/propuestas/").get("Cache-Control", "")


def test_status_result_is_never_stored(client):
    response = client.post("/propuestas/estado/", {"code": "ABCD-EFGH-JKMN-PQRS"})
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}


def test_a_denied_staff_page_is_not_stored_either(client):
    client.force_login(make_user("ciudadana@example.org", Role.CITIZEN))
    response = client.get("/gestion/propuestas/")
    assert response.status_code in {302, 403}
    assert "no-store" in response["Cache-Control"]

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_use_no_external_host(client):
    html = client.get("/").content.decode()
    assert "https://" not in html.split("<body", 1)[0]


@override_settings(ABIERTO_MAX_REQUEST_BYTES=1024)
def test_oversize_request_is_refused_before_it_is_read(client):
    response = client.post("/idioma/", data={"x": "a" * 5000})
    assert response.status_code == 413
    assert "demasiado grande" in response.content.decode()

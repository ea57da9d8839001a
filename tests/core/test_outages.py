"""The site when a service it runs on goes away: the database (a Spanish 503 page that asks
to retry) and Redis (pages still served, the cache bypassed; limited anonymous writes refused).

Real outages, not stand-ins: the database is a connection to an address where no database
answers, Redis a port where nothing listens. ``tests/faults/`` stops and restarts the real
servers under load.
"""

import socket
import threading

import pytest
from django.db import connections
from django.test import Client

from abierto.core.cache import ResilientRedisCache
from abierto.mesas.models import Registration
from abierto.proposals.models import Proposal

from ..mesas.factories import make_mesa
from ..proposals.conftest import form_data, plan  # noqa: F401 (fixture)


def closed_port() -> int:
    """A loopback port where nothing listens (the kernel just handed it out and took it back)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def without_database(work):
    """Run ``work()`` in a thread whose database connection points where nothing answers."""
    result: list = []

    def run():
        connection = connections["default"]
        settings = dict(connection.settings_dict)
        if connection.vendor == "sqlite":
            settings["NAME"] = "/nonexistent/abierto-caido.sqlite3"
        else:
            settings.update(HOST="127.0.0.1", PORT=str(closed_port()))
        connection.settings_dict = settings
        try:
            result.append(work())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result[0]


@pytest.mark.django_db
def test_database_down_answers_the_spanish_503_page_with_retry_after(settings):
    settings.DEBUG = False
    for url in ("/", "/propuestas/", "/mesas/", "/documentos/"):
        response = without_database(lambda url=url: Client(raise_request_exception=False).get(url))
        assert response.status_code == 503, url
        html = response.content.decode()
        assert "El sitio no está disponible por un momento" in html
        assert "Lo que envió antes de este momento" in html
        assert "Traceback" not in html and "OperationalError" not in html
        assert response["Retry-After"] == "5"
        assert "Content-Security-Policy" in response  # the error carries the page's headers
    # The site itself never noticed: the next request, with the database back, is served.
    assert Client().get("/").status_code == 200


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "abierto.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    from django.core.cache import cache, caches

    assert isinstance(caches["default"], ResilientRedisCache)
    return cache


@pytest.mark.django_db
def test_redis_down_pages_are_served_and_the_health_check_says_why(redis_down, plan):  # noqa: F811
    mesa = make_mesa(plan=plan)
    client = Client()
    for url in ("/", "/propuestas/", "/planes/", f"/mesas/{mesa.pk}/", "/documentos/"):
        assert client.get(url).status_code == 200, url
    assert redis_down.get("cualquier-clave") is None
    response = client.get("/salud/")
    assert response.status_code == 503 and "cach" in response.json()["motivo"].lower()


@pytest.mark.django_db
def test_redis_down_anonymous_limited_writes_fail_closed(redis_down, plan):  # noqa: F811
    """While limits cannot be counted, a limited anonymous write is refused, clearly, and
    nothing is half-saved; as soon as Redis answers, they count again."""
    client = Client()
    response = client.post("/propuestas/nueva/", form_data(plan))
    assert response.status_code == 429
    assert "Retry-After" in response
    assert not Proposal.objects.exists()
    mesa = make_mesa(plan=plan)
    response = client.post(
        f"/mesas/{mesa.pk}/inscripcion/", {"name": "Ana Quispe", "email": "ana@example.org"}
    )
    assert response.status_code == 429
    assert "demasiadas inscripciones" in response.content.decode()
    assert not Registration.objects.exists()

"""The site when a service it runs on goes away: the database (a Spanish 503 page that asks
to retry) and Redis (pages still served, the cache bypassed; limited anonymous writes refused).

Real outages, not stand-ins: the database is a connection to an address where no database
answers, Redis a port where nothing listens. ``tests/faults/`` stops and restarts the real
servers under load.
"""

import contextlib
import errno
import socket
import subprocess
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


# --- The media disk full ---------------------------------------------------------------------


@pytest.fixture
def full_media(settings, tmp_path):
    """MEDIA_ROOT on a real 256 KB file system, filled up (a tmpfs: needs root; else skip)."""
    mount_point = tmp_path / "lleno"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("no se puede montar un tmpfs aquí: vea tests/faults/ y docs/operations.md")
    try:
        with open(mount_point / "relleno", "wb") as filler, contextlib.suppress(OSError):
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        with pytest.raises(OSError) as full:
            (mount_point / "prueba").write_bytes(b"x" * 8192)
        assert full.value.errno == errno.ENOSPC
        (mount_point / "prueba").unlink()
        settings.MEDIA_ROOT = str(mount_point)
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


@pytest.mark.django_db
def test_media_disk_full_refuses_the_upload_in_spanish_and_keeps_serving(
    forum_member, full_media, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from abierto.commitments.models import Evidence

    from ..commitments.factories import make_commitment, make_liaison, make_org

    settings.DEBUG = False
    lead = make_org("Institución con disco lleno")
    commitment = make_commitment(forum_member, lead=lead)
    liaison = make_liaison("enlace@lleno.example", lead)
    client = Client(raise_request_exception=False)
    client.force_login(liaison)
    milestone = commitment.milestones.first()
    pdf = b"%PDF-1.4\n" + b"0" * 60_000 + b"\n%%EOF\n"
    response = client.post(
        f"/gestion/compromisos/hitos/{milestone.pk}/evidencia/",
        {"description": "Acta firmada", "file": SimpleUploadedFile("acta.pdf", pdf)},
    )
    assert response.status_code == 507
    html = response.content.decode()
    assert "No pudimos guardar su archivo" in html and "nada quedó a medias" in html
    assert "Traceback" not in html and "ENOSPC" not in html
    assert not Evidence.objects.exists()  # nothing half-saved
    stray = [p.name for p in full_media.rglob("*") if p.is_file() and p.name != "relleno"]
    assert stray == []  # no partial file left behind
    # Reads go on: the commitment's public page and the liaison's desk are served.
    assert Client().get(commitment.get_absolute_url()).status_code == 200
    assert client.get("/gestion/compromisos/").status_code == 200

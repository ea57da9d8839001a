import pytest
from django.test import Client
from django.urls import path

from abierto.core.views import server_error

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("secreto-interno: la contraseña de la base es hunter2")


urlpatterns = [path("roto/", broken_view)]
handler500 = server_error


def test_unknown_url_gets_the_designed_404_in_spanish(client):
    response = client.get("/no-existe-esta-pagina/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "No encontramos esa página" in html
    assert 'href="/"' in html
    assert "Saltar al contenido" in html


def test_server_error_page_is_designed_and_leaks_nothing(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/roto/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Algo falló de nuestro lado" in html
    assert "hunter2" not in html
    assert "Traceback" not in html
    assert "RuntimeError" not in html

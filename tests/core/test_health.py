import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_ok_when_database_and_cache_answer(client):
    response = client.get("/salud/")
    assert response.status_code == 200
    assert response.json() == {"estado": "ok"}


def test_health_is_503_with_a_reason_when_the_cache_is_unreachable(client, settings):
    # A real Redis client pointed at a port where nothing listens: the failure is genuine.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    response = client.get("/salud/")
    assert response.status_code == 503
    assert response.json() == {"estado": "error", "motivo": "caché no disponible"}

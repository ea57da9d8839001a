"""Deployment checks of our own (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache_in_production(app_configs, **kwargs):
    """Several app servers need one shared cache: rate limits and cached counts live there."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.ENV == "production" and backend.endswith("LocMemCache"):
        return [
            Warning(
                "Sin REDIS_URL cada proceso tiene su propia caché: los límites de envío se "
                "cuentan por separado en cada proceso y los conteos en caché no se actualizan "
                "en los demás.",
                hint="Defina REDIS_URL (p. ej. redis://host:6379/0).",
                id="abierto.W001",
            )
        ]
    return []

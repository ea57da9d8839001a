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


@register(Tags.security, deploy=True)
def staff_mfa_in_production(app_configs, **kwargs):
    """Staff roles reach personal data and decide proposals: a password alone is not enough."""
    if settings.ENV == "production" and not settings.ABIERTO_REQUIRE_STAFF_MFA:
        return [
            Warning(
                "ABIERTO_REQUIRE_STAFF_MFA está desactivado en producción: el personal (con "
                "acceso a datos personales y a las decisiones) puede ingresar solo con su "
                "contraseña.",
                hint="Quite ABIERTO_REQUIRE_STAFF_MFA del entorno o póngalo en 1.",
                id="abierto.W002",
            )
        ]
    return []

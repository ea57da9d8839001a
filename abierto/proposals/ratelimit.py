"""Fixed-window counters in the shared cache (Redis in production, so all servers count once).

Limits are ``(hits, seconds)`` pairs, overridable with ``settings.ABIERTO_PROPOSAL_LIMITS``.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS = {
    # Many people share one address (a mesa's wifi, a university, a mobile carrier): the
    # per-address limit only stops floods; the per-email limit is the one that bites.
    "submit_ip": (60, 3600),  # new final submissions per IP address per hour
    "submit_email": (5, 3600),  # per contact email per hour
    "status_ip": (30, 600),  # status look-ups per IP address per 10 minutes
    "similar_ip": (240, 600),  # live "similar proposals" hints per IP address per 10 minutes
}


def limit_for(name: str) -> tuple[int, int]:
    return {**DEFAULT_LIMITS, **getattr(settings, "ABIERTO_PROPOSAL_LIMITS", {})}[name]


def client_ip(request) -> str:
    """The client's address; behind N trusted proxies (PROXY_COUNT), the Nth from the right."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        chain = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [p for p in chain if p]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(name: str, subject: str) -> bool:
    """Count one hit for ``subject``; False when it goes over the limit."""
    limit, window = limit_for(name)
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]  # no raw IP or email in keys
    key = f"proposals:rl:{name}:{digest}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit

"""Fixed-window counters in the shared cache (Redis in production, so all servers count once).

Every limit of the site is declared in ``settings.ABIERTO_RATE_LIMITS`` as
``name -> (hits, seconds)``; an app counts with ``hit(name, subject)``, where the subject is
what is limited (an IP address from ``core.net.client_ip``, an email address through
``email_subject``). Keys hold a digest, never a raw address.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from .cache import CacheUnavailable

#: How long a resent form waits for the verdict on its first sending (``hit_once``).
VERDICT_WAIT_SECONDS = 3.0


def limit_for(name: str) -> tuple[int, int]:
    """``(hits, seconds)`` of the limit ``name`` (a KeyError names an undeclared limit)."""
    hits, seconds = settings.ABIERTO_RATE_LIMITS[name]
    return int(hits), int(seconds)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def hit(name: str, subject: str) -> bool:
    """Count one hit for ``subject`` under the limit ``name``; False when it goes over."""
    limit, window = limit_for(name)
    key = f"rl:{name}:{_digest(subject)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except CacheUnavailable:
        return False  # nothing can be counted (Redis down): refuse rather than let all in
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit


def hit_once(token: str, checks: list[tuple[str, str]]) -> str | None:
    """Count ``checks`` (``[(limit name, subject), ...]``) once per ``token``.

    Returns the name of the first limit exceeded, or None. A form sent again with the same
    token (a double click, a reload, twenty at once) is never counted again: ``cache.add``
    lets exactly one sending count, and the others get that sending's verdict, so a resent
    form is refused only if its first sending was.
    """
    window = max(limit_for(name)[1] for name, _subject in checks)
    key = f"rl:once:{_digest(token)}"
    if cache.add(key, "pending", window):
        exceeded = next((name for name, subject in checks if not hit(name, subject)), None)
        cache.set(key, exceeded or "", window)
        return exceeded
    deadline = time.monotonic() + VERDICT_WAIT_SECONDS
    while True:
        verdict = cache.get(key)
        if verdict != "pending":
            return verdict or None  # also None when the verdict expired meanwhile
        if time.monotonic() > deadline:
            return None  # the first sending counted; the service's token makes one row
        time.sleep(0.02)


def email_subject(address: str) -> str:
    """One subject per mailbox, for limits: ``A+1@X``, ``"a"@x`` and ``a+2@x`` are one.

    Lower case; surrounding quotes and backslash escapes of the local part dropped; a
    ``+tag`` (sub-address) removed; for Gmail, dots of the local part removed too (Gmail
    ignores them). Only for counting: the address written is the one mail goes to.
    """
    address = address.strip().lower()
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    local = local.strip()
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        local = local[1:-1].replace("\\", "")
    local = local.split("+", 1)[0]
    domain = domain.strip().rstrip(".")
    if domain in {"gmail.com", "googlemail.com"}:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def exceeded(name: str, subject: str) -> bool:
    """True when ``subject`` has used up the limit ``name`` (reads, counts nothing)."""
    limit, _window = limit_for(name)
    return (cache.get(f"rl:{name}:{_digest(subject)}") or 0) >= limit

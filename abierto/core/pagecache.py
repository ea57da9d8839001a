"""Whole public pages for anonymous visitors, kept in the shared cache (issue 9).

A view opts in with ``@shared_page``. The first anonymous GET renders it as usual and keeps the
answer in the cache (Redis in production, so every worker and node shares it); the next one is
answered from there without running the view, its queries or its templates.

**Exact invalidation, by construction.** While a page renders, every SQL query it runs is
watched and the tables it reads are noted, each with that table's *generation* read before
the first query on it. Every write to a table (INSERT, UPDATE, DELETE, by a service, a bulk
operation, a command or raw SQL; after commit, never for a rolled-back one) bumps that table's
generation. A kept page is served only while every table it read is at the generation it was
rendered with: a new proposal makes the list (which reads the proposals table) render again
at once, while the plans page (which does not) stays kept. Values a page takes from the cache
instead of SQL (cached counts) declare their tables with :func:`reads`. Pages also expire
after ``ABIERTO_PAGE_CACHE_SECONDS`` (what the clock alone changes, e.g. a phase that opens).

**Only what is the same for every anonymous visitor.** A request is served from or stored in
the cache only when it is a GET/HEAD without a session cookie, a messages cookie or an
Authorization header (a signed-in visitor, a flash message, anyone with a session never sees
a kept page). A response is kept only when it is a 200 HTML/JSON page that sets no cookie
(a page with a CSRF token sets one, so forms are never kept), asked for no CSRF token, and
is not private (``Cache-Control: private/no-store``, the ``PrivatePagesMiddleware`` paths).
The key is the full path (with query string), the language the page is rendered in and
today's date (pages that count days change at midnight).
The CSP header has no nonce (``script-src 'self'``), so a kept page is as valid as a fresh one.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Callable
from functools import cache as memoize
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.utils import timezone

#: Marks a view whose anonymous answer may be kept (see ``shared_page``).
ATTRIBUTE = "abierto_shared_page"
GENERATION_PREFIX = "pc:gen:"
PAGE_PREFIX = "pc:page:"

#: Addresses kept as if their views were ``@shared_page``: the open-data API (the same JSON
#: for everyone, never personal data), whose views django-ninja builds.
SHARED_PREFIXES = ("/api/v1/",)

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)',
    re.IGNORECASE,
)
_QUOTED = re.compile(r'["`](\w+)["`]')
_local = threading.local()


def shared_page(view: Callable) -> Callable:
    """The view's answer to an anonymous visitor may be kept in the shared cache."""
    setattr(view, ATTRIBUTE, True)
    return view


def reads(*tables: str) -> None:
    """The page being rendered shows data of ``tables`` taken from somewhere other than SQL
    (a count kept in the cache): its kept copy must go when they change."""
    recording = getattr(_local, "recording", None)
    if recording is not None:
        for table in tables:
            _note(recording, table)


# --- Generations --------------------------------------------------------------------------


def _generation_key(table: str) -> str:
    return f"{GENERATION_PREFIX}{table}"


def generations(tables: list[str]) -> dict[str, int]:
    """Current generation of each table. A generation missing from the cache (never set, or
    evicted) starts from the clock, so it never comes back to meet an older kept page."""
    keys = [_generation_key(t) for t in tables]
    found = cache.get_many(keys)
    result = {}
    for table, key in zip(tables, keys, strict=True):
        value = found.get(key)
        if value is None:
            cache.add(key, time.time_ns() // 1000, None)
            value = cache.get(key) or 0
        result[table] = value
    return result


def bump(table: str) -> None:
    """A write to ``table`` committed: every kept page that read it is out of date."""
    key = _generation_key(table)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns() // 1000, None)


@memoize
def known_tables() -> frozenset[str]:
    from django.apps import apps

    return frozenset(m._meta.db_table for m in apps.get_models(include_auto_created=True))


def _note(recording: dict[str, int], table: str) -> None:
    if table not in recording:
        # The generation is read before the data, so a write that lands in between leaves
        # the kept page with an older generation, never a newer one.
        recording[table] = generations([table])[table]


def _watch(execute, sql, params, many, context):
    """Execute wrapper on every connection: note the tables a kept page reads; bump the
    generation of every table written (after commit)."""
    text = sql if isinstance(sql, str) else str(sql)
    recording = getattr(_local, "recording", None)
    if recording is not None:
        tables = known_tables()
        for name in _QUOTED.findall(text):
            if name in tables:
                _note(recording, name)
    result = execute(sql, params, many, context)
    written = _WRITE.match(text)
    if written:
        # Now, and again after commit: a page rendered in between (new generation, data not
        # yet committed) is then out of date too. Outside a transaction, once is enough.
        table = written.group(1)
        bump(table)
        connection = context["connection"]
        if connection.in_atomic_block:
            transaction.on_commit(lambda: bump(table), using=connection.alias)
    return result


def _install(sender, connection, **kwargs) -> None:
    # First, not last: ``connection.execute_wrapper()`` (a context manager) pops the *last*
    # wrapper when it exits, so one opened before the connection was made (the bench's query
    # counter) would otherwise remove this one with its own.
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


def ensure_installed() -> None:
    """Watch this thread's connections (each request checks; cheap)."""
    from django.db import connections

    for conn in connections.all():
        _install(None, conn)


def connect() -> None:
    """Watch every database connection (called once, from ``CoreConfig.ready``)."""
    connection_created.connect(_install, dispatch_uid="abierto.core.pagecache")
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        _install(None, conn)


# --- The middleware -----------------------------------------------------------------------

#: The tables each page key read when this process last saw it, so that the page and the
#: generations of its tables come back in one round trip to the cache (Redis: one MGET).
#: Only a hint: a page whose tables changed since costs a second round trip, nothing else.
_TABLES_SEEN: dict[str, tuple[str, ...]] = {}
_TABLES_SEEN_MAX = 20_000


def _kept(key: str) -> dict[str, Any] | None:
    """The kept page under ``key`` if every table it read is still at its generation."""
    hint = _TABLES_SEEN.get(key, ())
    found = cache.get_many([key, *map(_generation_key, hint)])
    entry = found.get(key)
    if entry is None:
        return None
    tables = entry["tables"]
    if tuple(tables) != hint:
        if len(_TABLES_SEEN) >= _TABLES_SEEN_MAX:
            _TABLES_SEEN.clear()
        _TABLES_SEEN[key] = tuple(tables)
        current = generations(list(tables)) if tables else {}
    else:
        current = {t: found.get(_generation_key(t)) for t in tables}
    return entry if current == tables else None


def _anonymous(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _page_key(request) -> str:
    # Today is part of the key: what pages say about dates ("starts on", "open until",
    # "delayed") changes at midnight without any write.
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    return f"{PAGE_PREFIX}{request.LANGUAGE_CODE}:{timezone.localdate().isoformat()}:{path}"


def _keepable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    content_type = response.get("Content-Type", "")
    return content_type.startswith(("text/html", "application/json"))


class SharedPageCacheMiddleware:
    """Serve and keep ``@shared_page`` views for anonymous visitors (see the module).

    Placed right after ``LanguageMiddleware`` (whose ``process_view`` settles the language
    first) and before the session, CSRF, auth and messages middlewares, whose work a kept
    page skips. The CSP, Permissions-Policy and private-page middlewares are outside it and
    add their headers to kept pages as to fresh ones.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ensure_installed()
        try:
            response = self.get_response(request)
        finally:
            _local.recording = None
        state = getattr(request, "_shared_page", None)
        if state is None:
            return response
        key, recorded = state
        if _keepable(request, response):
            entry = {
                "tables": recorded,
                "content": response.content,
                "headers": dict(response.items()),  # cookies are not headers here (none set)
            }
            cache.set(key, entry, settings.ABIERTO_PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.ABIERTO_PAGE_CACHE_SECONDS:
            return None
        if not getattr(view_func, ATTRIBUTE, False) and not request.path_info.startswith(
            SHARED_PREFIXES
        ):
            return None
        if not _anonymous(request):
            return None
        from .middleware import PrivatePagesMiddleware

        if PrivatePagesMiddleware.is_private(request.path_info):
            return None
        key = _page_key(request)
        entry = _kept(key)
        if entry is not None:
            return self._answer(entry)
        recorded: dict[str, int] = {}
        request._shared_page = (key, recorded)
        _local.recording = recorded
        return None

    @staticmethod
    def _answer(entry: dict[str, Any]) -> HttpResponse:
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        return response

"""The client's address, one rule for the whole site (login lockout, rate limits, audit).

Behind ``PROXY_COUNT`` trusted reverse proxies (docs/operations.md), each proxy appends the
address it received the request from to ``X-Forwarded-For``; the client is therefore the
``PROXY_COUNT``-th entry from the right, and anything to its left was written by the client
and is not trusted. django-ipware reads the chain: in its terms the proxies that appear *in*
the header are all ours but the one that connects to us (``REMOTE_ADDR``), so its
``proxy_count`` is ``PROXY_COUNT - 1``. Without proxies, ``REMOTE_ADDR`` is the client.
"""

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

UNKNOWN = "unknown"


def client_ip(request: HttpRequest) -> str:
    """The real client's IP address as text (``"unknown"`` when none can be read)."""
    proxies = settings.PROXY_COUNT
    if proxies:
        ip, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
    else:
        ip, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    if ip:
        return ip
    # A request that reached us without the proxy's header (a health check on the private
    # network): its own peer is all we know.
    return request.META.get("REMOTE_ADDR") or UNKNOWN


def axes_client_ip(request: HttpRequest) -> str | None:
    """``client_ip`` for django-axes, which stores it in an IP address column: None (not
    ``"unknown"``) for a request without any address, such as the test client's
    ``force_login``."""
    ip = client_ip(request)
    return None if ip == UNKNOWN else ip

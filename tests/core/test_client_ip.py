"""The client's address behind the proxy docs/operations.md prescribes (PROXY_COUNT=1): one
rule (``abierto.core.net.client_ip``, django-ipware) for the login lockout and every limit."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from abierto.core.net import client_ip
from abierto.core.roles import Role
from abierto.proposals import demo
from abierto.proposals.models import Proposal

from ..helpers import PASSWORD, make_user
from ..proposals.conftest import form_data

PROXY = "10.0.0.2"  # the reverse proxy: every request reaches the app from it
CLIENT_A = "198.51.100.7"
CLIENT_B = "198.51.100.8"


def behind_proxy(forwarded_for: str) -> Client:
    """A browser whose requests arrive through the proxy, which appended its peer's address."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


@pytest.fixture
def proxied(settings):
    settings.PROXY_COUNT = 1


@pytest.mark.parametrize(
    ("forwarded_for", "expected"),
    [
        (CLIENT_A, CLIENT_A),
        (f"203.0.113.9, {CLIENT_A}", CLIENT_A),  # the client wrote the left part: not trusted
        (f"garbage, {CLIENT_A}", CLIENT_A),
        ("2001:db8::7", "2001:db8::7"),
        ("", PROXY),  # reached the app without the proxy's header
    ],
)
def test_client_ip_is_the_entry_the_proxy_appended(proxied, forwarded_for, expected):
    meta = {"REMOTE_ADDR": PROXY}
    if forwarded_for:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_without_proxies_the_forwarded_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR=CLIENT_A, HTTP_X_FORWARDED_FOR=CLIENT_B)
    assert client_ip(request) == CLIENT_A


def test_two_proxies_take_the_second_entry_from_the_right(settings):
    settings.PROXY_COUNT = 2
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.9, {CLIENT_A}, 10.0.0.1"
    )
    assert client_ip(request) == CLIENT_A


@pytest.mark.django_db
def test_failed_logins_of_one_client_do_not_lock_out_another_behind_the_proxy(proxied, settings):
    make_user("ana@example.org", Role.CITIZEN)
    attacker = behind_proxy(CLIENT_A)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(reverse("account_login"), {"login": "ana@example.org", "password": "mala"})
    # The attacker is locked out of the account, even with the right password ...
    locked = attacker.post(
        reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}
    )
    assert locked.status_code == 429
    # ... and even prepending another address to the header it sends.
    spoofed = behind_proxy(f"203.0.113.50, {CLIENT_A}").post(
        reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}
    )
    assert spoofed.status_code == 429
    # Ana, behind the same proxy from her own address, signs in.
    ana = behind_proxy(CLIENT_B)
    response = ana.post(
        reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert ana.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.django_db
def test_proposal_limits_count_the_real_client_behind_the_proxy(proxied, limits):
    plan = demo._example_plan(timezone.localdate())
    limits(submit_ip=(1, 3600))
    new = "/propuestas/nueva/"
    assert behind_proxy(CLIENT_A).post(new, form_data(plan)).status_code == 302
    other = form_data(plan, contact_email="otra.persona@example.org")
    assert behind_proxy(CLIENT_B).post(new, other).status_code == 302
    again = form_data(plan, contact_email="tercera@example.org")
    assert behind_proxy(f"203.0.113.50, {CLIENT_A}").post(new, again).status_code == 429
    assert Proposal.objects.count() == 2


def test_axes_gets_no_address_rather_than_a_word_for_its_ip_column(settings):
    """PostgreSQL's inet column refuses "unknown" (the test client's force_login has no
    address at all)."""
    from django.http import HttpRequest

    from abierto.core.net import axes_client_ip

    assert client_ip(HttpRequest()) == "unknown"
    assert axes_client_ip(HttpRequest()) is None
    assert axes_client_ip(RequestFactory().get("/", REMOTE_ADDR=CLIENT_A)) == CLIENT_A

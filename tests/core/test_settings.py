"""Tunables are declared in config/settings.py, and the rate limits read from the environment."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_limits

DEFAULTS = {"submit_ip": (60, 3600), "login_ip": (30, 3600)}


def test_rate_limits_come_from_the_environment_over_the_defaults(monkeypatch):
    monkeypatch.setenv("ABIERTO_RATE_LIMITS", "login_ip=20/600, submit_ip=5/60")
    assert env_limits("ABIERTO_RATE_LIMITS", DEFAULTS) == {
        "submit_ip": (5, 60),
        "login_ip": (20, 600),
    }
    monkeypatch.delenv("ABIERTO_RATE_LIMITS")
    assert env_limits("ABIERTO_RATE_LIMITS", DEFAULTS) == DEFAULTS


@pytest.mark.parametrize("value", ["nada=1/60", "login_ip=20", "login_ip=x/60", "login_ip"])
def test_a_misspelt_rate_limit_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("ABIERTO_RATE_LIMITS", value)
    with pytest.raises(ImproperlyConfigured):
        env_limits("ABIERTO_RATE_LIMITS", DEFAULTS)


def test_our_settings_are_read_directly_never_through_getattr():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "abierto"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if 'getattr(settings, "ABIERTO_' in path.read_text(encoding="utf-8")
    ]
    assert not offenders

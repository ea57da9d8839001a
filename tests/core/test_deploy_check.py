import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak in: check --deploy flags it.
    skipped = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in skipped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        ABIERTO_ENV="production",
        SECRET_KEY="una-clave-larga-y-aleatoria-para-produccion-" + "x" * 40,
        ALLOWED_HOSTS="gobiernoabierto.example.ec",
        REDIS_URL="redis://127.0.0.1:6379/9",
        ABIERTO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_shared_cache_is_flagged(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        ABIERTO_ENV="production",
        SECRET_KEY="una-clave-larga-y-aleatoria-para-produccion-" + "x" * 40,
        ALLOWED_HOSTS="gobiernoabierto.example.ec",
        ABIERTO_VAR_DIR=str(tmp_path),
    )
    assert "abierto.W001" in result.stderr + result.stdout
    assert "REDIS_URL" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage(
        "check",
        ABIERTO_ENV="production",
        ALLOWED_HOSTS="x.example",
        SECRET_KEY="",
        ABIERTO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "SECRET_KEY es obligatorio" in result.stderr


def test_production_never_creates_demo_accounts(tmp_path):
    result = run_manage(
        "demo_accounts",
        ABIERTO_ENV="production",
        SECRET_KEY="una-clave-larga-y-aleatoria-para-produccion-" + "x" * 40,
        ALLOWED_HOSTS="gobiernoabierto.example.ec",
        ABIERTO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "solo existen en desarrollo" in result.stdout


def test_production_without_staff_mfa_is_flagged(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        ABIERTO_ENV="production",
        SECRET_KEY="una-clave-larga-y-aleatoria-para-produccion-" + "x" * 40,
        ALLOWED_HOSTS="gobiernoabierto.example.ec",
        REDIS_URL="redis://127.0.0.1:6379/9",
        ABIERTO_REQUIRE_STAFF_MFA="0",
        ABIERTO_VAR_DIR=str(tmp_path),
    )
    assert "abierto.W002" in result.stderr + result.stdout
    assert "abierto.W001" not in result.stderr + result.stdout

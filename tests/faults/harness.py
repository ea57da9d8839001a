"""What every fault script shares: a scratch site, private servers, writers and readers.

Never the site's database, cache or files, and never a shared server: PostgreSQL and Redis
are private instances started here (``/tmp/faults/pg`` on port 5439, ``redis-server`` on
6399), gunicorn listens on loopback ports 8151-8160. Everything is stopped at the end.
"""

from __future__ import annotations

import contextlib
import glob
import http.client
import http.cookiejar
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from server import Model, Server  # noqa: E402 (bench/server.py: gunicorn on loopback)

PYTHON = sys.executable
SCRATCH = Path(os.environ.get("FAULTS_DIR", "/tmp/faults"))  # noqa: S108 - scratch, ours
PG_PORT = 5439
REDIS_PORT = 6399
WEB_PORT = 8151
DB_NAME = "abierto_faults"
#: The server model docs/operations.md recommends (gthread, one worker per core, 4 threads).
MODEL = Model("gthread", 2, 4)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Private PostgreSQL and Redis ------------------------------------------------------------


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"{name} no está instalado (/usr/lib/postgresql/*/bin)")
    return found[-1]


class PrivatePostgres:
    """A PostgreSQL cluster of our own in ``/tmp/faults/pg`` on port 5439 (never 5432)."""

    def __init__(self, folder: Path = SCRATCH / "pg", port: int = PG_PORT):
        self.folder, self.port = folder, port
        self.socket_dir = folder.parent / "pgsock"
        self.url = f"postgres://postgres@127.0.0.1:{port}/{DB_NAME}"

    def _as_postgres(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*prefix, *command], check=check, capture_output=True, text=True, timeout=120
        )

    def start(self) -> PrivatePostgres:
        if self.port == 5432:
            raise RuntimeError("Nunca el PostgreSQL compartido (5432)")
        if self.folder.exists():
            self.stop()
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            shutil.chown(self.socket_dir, "postgres", "postgres")
        self._as_postgres(
            _pg_bin("initdb"),
            "-D",
            str(self.folder),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        )
        self.pg_ctl("start")
        subprocess.run(
            [
                _pg_bin("createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                DB_NAME,
            ],
            check=True,
        )
        return self

    def pg_ctl(self, action: str, *extra: str) -> float:
        """``pg_ctl start|stop|restart`` (waits until done); returns the seconds it took."""
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
        started = time.monotonic()
        args = [_pg_bin("pg_ctl"), "-D", str(self.folder), "-w", "-t", "60"]
        if action in {"start", "restart"}:
            args += ["-o", options, "-l", str(self.socket_dir / "postgres.log")]
        self._as_postgres(*args, *extra, action, check=action != "stop")
        return time.monotonic() - started

    def stop(self) -> None:
        if (self.folder / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "fast")


class PrivateRedis:
    """``redis-server`` of our own on port 6399 (never the shared one), no persistence."""

    def __init__(self, port: int = REDIS_PORT):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> PrivateRedis:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                import socket

                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            time.sleep(0.05)
        raise RuntimeError("redis-server no arrancó")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()  # as a crash: no goodbye
            self.process.wait()


# --- The scratch site -------------------------------------------------------------------------


def site_environment(folder: Path, *, database_url: str = "", redis_url: str = "") -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL", "EMAIL_HOST"):
        env.pop(name, None)
    env.update(
        {
            "ABIERTO_ENV": "production",
            "SECRET_KEY": "faults-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DEBUG": "0",
            "ABIERTO_VAR_DIR": str(folder),
            "MEDIA_ROOT": str(folder / "media"),
            "STATIC_ROOT": str(folder / "static"),
            "PROXY_COUNT": "1",
            "LOG_LEVEL": "WARNING",
            "ABIERTO_SITE_URL": "http://127.0.0.1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CACHE_KEY_PREFIX": "abierto-faults",
            "ABIERTO_REQUIRE_STAFF_MFA": "0",
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env: dict, *args: str, check: bool = True) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} falló:\n{done.stdout}\n{done.stderr}")
    return done.stdout.strip()


SETUP_MESA = """
import datetime
from django.utils import timezone
from abierto.mesas import services
from abierto.mesas.models import Mesa
from abierto.plans.models import ActionPlan
plan = ActionPlan.objects.create(number=99, slug="plan-fallas", title="Plan de pruebas de fallas",
    start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2028, 12, 31))
starts = timezone.now() + datetime.timedelta(days=20)
mesa = services.mesa_create(actor=None, plan=plan, title="Mesa de prueba de fallas",
    kind="territorial", modality="presencial", city="Quito", province="pichincha",
    venue_address="Casa comunal", starts_at=starts, ends_at=starts + datetime.timedelta(hours=3),
    capacity=100000)
print(mesa.pk)
"""


def prepare_site(env: dict) -> int:
    """Migrate, collect static files, create the mesa the writers register for; its id."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    return int(manage(env, "shell", "-c", SETUP_MESA).splitlines()[-1])


@contextlib.contextmanager
def gunicorn(env: dict, folder: Path, model: Model = MODEL, port: int = WEB_PORT):
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    server = Server(model, folder / "gunicorn.log", port=port)
    try:
        server.start()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    try:
        yield server
    finally:
        server.stop()


# --- Clients ----------------------------------------------------------------------------------


class Browser:
    """Cookies, CSRF and a client address of its own (sent as the proxy would)."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar(LoopbackPolicy())
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),
            urllib.request.HTTPCookieProcessor(self.jar),
            NoRedirect(),
        )
        self.address = f"198.51.100.{random.randint(1, 254)}"
        self.csrf = ""

    def request(self, path: str, data: dict | None = None, timeout: float = 30):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 - loopback
        request.add_header("X-Forwarded-For", self.address)
        if data is not None:
            request.add_header("Origin", self.base)
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                return answer.status, answer.headers, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")

    def open_form(self, path: str) -> int:
        status, _headers, html = self.request(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if match:
            self.csrf = match.group(1)
        return status


class LoopbackPolicy(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are ``Secure``; here TLS would end at the proxy, so send them back."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Tally:
    """What the writers were told, and what the readers saw."""

    acknowledged: list[str] = field(default_factory=list)  # emails answered 302
    refused: dict[int, int] = field(default_factory=dict)  # status -> count
    errors: int = 0  # no answer at all (connection reset, timeout)
    reads: dict[int, int] = field(default_factory=dict)
    events: list[tuple[float, str, int]] = field(default_factory=list)  # (time, kind, status)
    spanish_503: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, kind: str, status: int, body: str = "") -> None:
        with self.lock:
            self.events.append((time.monotonic(), kind, status))
            if status == 503 and "no está disponible por un momento" in body:
                self.spanish_503 += 1


def writer(base: str, mesa_id: int, tally: Tally, stop: threading.Event, name: str) -> None:
    """Register new people for the mesa, one after another, until ``stop``."""
    path = f"/mesas/{mesa_id}/inscripcion/"  # the registration form (its CSRF token)
    browser = Browser(base)
    n = 0
    while not stop.is_set():
        try:
            if not browser.csrf:
                browser.open_form(path)
            n += 1
            email = f"{name}-{n}-{uuid.uuid4().hex[:6]}@fallas.example.org"
            browser.address = f"198.51.{random.randint(0, 255)}.{random.randint(1, 254)}"
            data = {
                "csrfmiddlewaretoken": browser.csrf,
                "name": f"Persona {name} {n}",
                "email": email,
                "token": str(uuid.uuid4()),
            }
            status, headers, body = browser.request(path, data)
        except (OSError, urllib.error.URLError, http.client.HTTPException):
            with tally.lock:
                tally.errors += 1
                tally.events.append((time.monotonic(), "write", 0))
            time.sleep(0.05)
            continue
        tally.note("write", status, body)
        with tally.lock:
            if status == 302 and "inscripcion-recibida" in headers.get("Location", ""):
                tally.acknowledged.append(email)
            else:
                tally.refused[status] = tally.refused.get(status, 0) + 1
        if status == 403:
            browser.csrf = ""  # a new CSRF token (e.g. after a restart)
        if status >= 500:
            time.sleep(0.05)


def reader(base: str, paths: list[str], tally: Tally, stop: threading.Event) -> None:
    browser = Browser(base)
    while not stop.is_set():
        for path in paths:
            try:
                status, _h, body = browser.request(path)
            except (OSError, urllib.error.URLError, http.client.HTTPException):
                status, body = 0, ""
            tally.note("read", status, body)
            with tally.lock:
                tally.reads[status] = tally.reads.get(status, 0) + 1
            if stop.is_set():
                return


def run_load(base, mesa_id, *, writers: int, readers: int = 0, read_paths=("/",)):
    tally, stop = Tally(), threading.Event()
    threads = [
        threading.Thread(target=writer, args=(base, mesa_id, tally, stop, f"w{i}"), daemon=True)
        for i in range(writers)
    ] + [
        threading.Thread(target=reader, args=(base, list(read_paths), tally, stop), daemon=True)
        for _ in range(readers)
    ]
    for thread in threads:
        thread.start()

    def finish():
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    return tally, finish


CHECK_REGISTRATIONS = """
import json, sys
from abierto.mesas.models import Registration
wanted = json.load(open(sys.argv[-1]))
found = dict.fromkeys(wanted, 0)
for email in Registration.objects.filter(email__in=wanted).values_list("email", flat=True):
    found[email] += 1
print(json.dumps({"total": Registration.objects.count(),
    "missing": [e for e, n in found.items() if n == 0],
    "duplicated": [e for e, n in found.items() if n > 1]}))
"""


def check_acknowledged(env: dict, folder: Path, emails: list[str]) -> dict:
    """Every acknowledged registration is in the database, once."""
    wanted = folder / "acknowledged.json"
    wanted.write_text(json.dumps(emails))
    script = CHECK_REGISTRATIONS.replace("sys.argv[-1]", repr(str(wanted)))
    return json.loads(manage(env, "shell", "-c", script).splitlines()[-1])


def verify_audit(env: dict) -> str:
    return manage(env, "verify_actionlog", check=False).splitlines()[-1]


def signal_pid(pid: int, sig: int = signal.SIGKILL) -> bool:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return False
    return True

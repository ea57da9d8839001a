"""Benchmark: the last-day burst of a national call for proposals, through the real site.

Fills a scratch database (SQLite in a temporary folder, or the throwaway PostgreSQL database in
``BENCH_DATABASE_URL``) with the demo data, whose example plan has its proposal stage open
today, starts the site under gunicorn (2 workers x 4 threads) on a free loopback port and
plays ``BENCH_SUBMISSIONS`` citizens from ``BENCH_CONCURRENCY`` threads, each with its own
cookies, like a browser with JavaScript off:

1. opening the form: GET the form (CSRF cookie and token, idempotency token and signed start
   time from the HTML), then POST step 1 (``paso=revisar``) and read the review page;
2. the burst: once the minimum fill time has passed for every form (the site refuses a form
   sent faster), every citizen presses «Enviar» (the review page's hidden fields, consent,
   ``paso=enviar``, multipart as a browser sends it) and follows the redirect to the page
   with the tracking code. One citizen in ten double-clicks: the same final POST is sent twice
   at once.

It reports submissions per second, the latency of the final POST, the responses that were not
the expected ones by status code, and then checks in the database that every citizen has
exactly one proposal and one receipt email queued (none lost, none duplicated by a double
click) and that the audit trail's hash chain is unbroken. It exits 1 if a submission was lost
or duplicated, if any response was a 5xx, or if a target is missed.

    .venv/bin/python bench/submit_burst.py                # SQLite
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/abierto_burst \
        .venv/bin/python bench/submit_burst.py            # PostgreSQL

The submission limits per IP address are counted on the client address; gunicorn runs with
``PROXY_COUNT=1`` and each citizen sends its own ``X-Forwarded-For``, as behind the
production proxy (``BENCH_ADDRESSES=<n>`` makes the citizens share n addresses instead).
Only loopback traffic; no proxy from the environment is used.
"""

import collections
import concurrent.futures
import http.cookiejar
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser

SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "300"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
#: Distinct client addresses; 0 gives each citizen its own. A smaller number plays people who
#: share one public address (a mobile carrier's NAT, a university, a municipal "mesa").
ADDRESSES = int(os.environ.get("BENCH_ADDRESSES", "0"))
DOUBLE_CLICK_EVERY = 10  # one citizen in ten sends the final POST twice at once
WORKERS, THREADS = 2, 4
#: Targets for the final POST (p95, ms) and for the burst (proposals received per second).
P95_TARGET_MS = {"sqlite": 1000, "postgresql": 1000}
RATE_TARGET = {"sqlite": 10, "postgresql": 10}
EMAIL_DOMAIN = "rafaga.example.org"
REQUEST_TIMEOUT = 60

import scratch  # noqa: E402 - sets up Django on a scratch database
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.db.models import Count  # noqa: E402

from abierto.core.selectors import actionlog_first_broken_link  # noqa: E402
from abierto.proposals.forms import min_fill_seconds  # noqa: E402
from abierto.proposals.models import Proposal  # noqa: E402

FORM_PATH = "/propuestas/nueva/"
SENT_PATH = "/propuestas/enviada/"


# --- A small browser ------------------------------------------------------------------------


class Forms(HTMLParser):
    """The forms of a page (action, enctype, fields as a browser would send them) and the
    tracking code of the confirmation page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.code = ""
        self._form = None
        self._select = None
        self._textarea = None
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "action": attrs.get("action", ""),
                "enctype": attrs.get("enctype", ""),
                "fields": [],  # (name, type, value, checked)
                "options": collections.defaultdict(list),  # select name -> values
            }
            self.forms.append(self._form)
        elif tag == "p" and attrs.get("id") == "codigo":
            self._in_code = True
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            self._form["fields"].append(
                (
                    attrs["name"],
                    attrs.get("type", "text"),
                    attrs.get("value", ""),
                    "checked" in attrs,
                )
            )
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select:
            self._form["options"][self._select].append(attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = [attrs.get("name"), ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._in_code:
            self.code += data.strip()

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form["fields"].append((self._textarea[0], "textarea", self._textarea[1], False))
            self._textarea = None
        elif tag == "p":
            self._in_code = False


def parse(body: bytes) -> Forms:
    page = Forms()
    page.feed(body.decode("utf-8", "replace"))
    return page


def proposal_form(page: Forms) -> dict | None:
    return next((f for f in page.forms if f["action"].startswith(FORM_PATH)), None)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are returned, not followed: the final POST is timed on its own."""

    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields: list[tuple[str, str]]) -> tuple[bytes, str]:
    boundary = "----abierto" + uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
        f'filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n'
    )
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


Response = collections.namedtuple("Response", "status body location ms")


class Citizen:
    """One person with their own browser (cookie jar) and address."""

    def __init__(self, number: int, base: str, record):
        self.number = number
        self.base = base
        self.record = record  # record(kind, status, ms)
        self.email = f"persona{number:05d}@{EMAIL_DOMAIN}"
        place = number % ADDRESSES if ADDRESSES else number
        self.ip = f"10.{77 + place // 62500}.{place // 250 % 250}.{place % 250 + 1}"
        self.double_click = number % DOUBLE_CLICK_EVERY == 0
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),  # loopback only, whatever the environment says
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect(),
        )
        self.final: tuple[bytes, str, str] | None = None  # body, content type, action
        self.code = ""

    def request(self, kind: str, path: str, data=None, content_type=None) -> Response:
        headers = {"X-Forwarded-For": self.ip, "User-Agent": "abierto-bench"}
        if data is not None:
            headers["Content-Type"] = content_type
            headers["Origin"] = self.base
            headers["Referer"] = self.base + FORM_PATH
        request = urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
            self.base + path, data=data, headers=headers
        )
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as answer:
                status, body, location = answer.status, answer.read(), ""
        except urllib.error.HTTPError as error:
            status, body, location = error.code, error.read(), error.headers.get("Location", "")
        ms = (time.perf_counter() - start) * 1000
        self.record(kind, status, ms)
        return Response(status, body, location, ms)

    def open_form(self) -> str | None:
        """Step 1 and the review page; an error message, or None when ready to send."""
        answer = self.request("GET formulario", FORM_PATH)
        form = proposal_form(parse(answer.body)) if answer.status == 200 else None
        if form is None:
            return f"GET formulario: {answer.status}"
        fields = {name: value for name, _type, value, _c in form["fields"]}
        options = {name: [v for v in values if v] for name, values in form["options"].items()}
        n = self.number
        fields.update(
            title=f"Ráfaga {n}: datos abiertos de obras públicas en mi cantón",
            problem=f"Caso {n}: las obras del cantón no publican avance ni presupuesto y la "
            "comunidad no puede vigilarlas.",
            solution="Publicar cada mes el avance físico y financiero de cada obra en datos "
            "abiertos, con fotos y contratos.",
            beneficiaries="Vecinos, veedurías y periodistas locales.",
            axis=options["axis"][n % len(options["axis"])],
            province=options["province"][n % len(options["province"])],
            canton="",
            proposer_type=options["proposer_type"][n % len(options["proposer_type"])],
            contact_name=f"Persona {n}",
            contact_email=self.email,
            sitio_web="",
            paso="revisar",
        )
        answer = self.request(
            "POST revisar",
            form["action"],
            urllib.parse.urlencode(fields).encode(),
            "application/x-www-form-urlencoded",
        )
        review = proposal_form(parse(answer.body)) if answer.status == 200 else None
        if review is None or "multipart" not in review["enctype"]:
            return f"POST revisar: {answer.status}"
        sent = [(name, value) for name, kind, value, _c in review["fields"] if kind == "hidden"]
        sent += [("consent", "on"), ("paso", "enviar")]
        body, content_type = multipart(sent)
        self.final = (body, content_type, review["action"])
        return None

    def send(self) -> str | None:
        """Press «Enviar» (twice at once on a double click); an error message, or None."""
        body, content_type, action = self.final
        answers: list[Response] = []

        def post():
            answers.append(self.request("POST enviar", action, body, content_type))

        second = threading.Thread(target=post) if self.double_click else None
        if second:
            second.start()
        post()
        if second:
            second.join()
        bad = [a.status for a in answers if a.status != 302 or SENT_PATH not in a.location]
        if bad:
            return f"POST enviar: {bad}"
        answer = self.request("GET enviada", SENT_PATH)
        self.code = parse(answer.body).code if answer.status == 200 else ""
        if not self.code:
            return f"GET enviada: {answer.status}"
        return None


# --- The site under gunicorn ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_site(port: int, log) -> subprocess.Popen:
    env = {**os.environ, "PROXY_COUNT": "1", "DEBUG": "0"}  # scratch set the database and VAR
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        "--no-control-socket",  # gunicorn 27 would otherwise listen on ~/.gunicorn/gunicorn.ctl
    ]
    return subprocess.Popen(command, cwd=scratch.ROOT, env=env, stdout=log, stderr=log)


def wait_healthy(base: str, site: subprocess.Popen) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if site.poll() is not None:
            raise RuntimeError(f"gunicorn terminó al arrancar (código {site.returncode})")
        try:
            with opener.open(base + "/salud/", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError("/salud/ no respondió en 60 s")


def stop_site(site: subprocess.Popen) -> None:
    if site.poll() is None:
        site.send_signal(signal.SIGTERM)  # graceful: workers finish their requests
        try:
            site.wait(timeout=30)
        except subprocess.TimeoutExpired:
            site.kill()
            site.wait()


# --- The burst ------------------------------------------------------------------------------


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def run_phase(citizens, method) -> tuple[float, dict[int, str]]:
    """Call ``method`` of every citizen from CONCURRENCY threads; (seconds, failures)."""
    failures = {}
    start = time.perf_counter()
    pool = concurrent.futures.ThreadPoolExecutor(CONCURRENCY)
    try:
        futures = {pool.submit(getattr(c, method)): c for c in citizens}
        for future in concurrent.futures.as_completed(futures):
            citizen = futures[future]
            try:
                problem = future.result()
            except Exception as exc:  # a timeout or a dropped connection: the citizen gave up
                problem = f"{type(exc).__name__}: {exc}"
            if problem:
                failures[citizen.number] = problem
    finally:  # on Ctrl-C, those not started yet are not started
        pool.shutdown(wait=True, cancel_futures=True)
    return time.perf_counter() - start, failures


def check_database(citizens) -> dict[str, int]:
    """Proposals and receipt emails per citizen, read from the database itself."""
    from django_tasks_db.models import DBTaskResult

    emails = {c.email for c in citizens}
    rows = (
        Proposal.objects.filter(contact_email__endswith="@" + EMAIL_DOMAIN)
        .values("contact_email")
        .annotate(n=Count("id"))
    )
    per_email = {row["contact_email"]: row["n"] for row in rows}
    mails = collections.Counter()
    for kwargs in DBTaskResult.objects.filter(task_path__endswith="deliver_email").values_list(
        "args_kwargs", flat=True
    ):
        for address in kwargs.get("kwargs", {}).get("to", []):
            if address in emails:
                mails[address] += 1
    codes = [c.code for c in citizens if c.code]
    return {
        "propuestas creadas": sum(per_email.values()),
        "personas con propuesta": len(per_email.keys() & emails),
        "perdidas": len(emails - per_email.keys()),
        "duplicadas": sum(n - 1 for n in per_email.values() if n > 1),
        "correos de acuse": sum(mails.values()),
        "correos duplicados": sum(n - 1 for n in mails.values() if n > 1),
        "códigos repetidos": len(codes) - len(set(codes)),
        "eslabones rotos en la auditoría": int(actionlog_first_broken_link() is not None),
    }


def main() -> int:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    vendor = connection.vendor
    before = Proposal.objects.count()
    connections.close_all()  # the site writes now; the benchmark only reads at the end
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(scratch.folder, "gunicorn.log")
    timings: dict[str, list[float]] = collections.defaultdict(list)
    statuses: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    lock = threading.Lock()

    def record(kind: str, status: int, ms: float) -> None:
        with lock:
            timings[kind].append(ms)
            statuses[kind][status] += 1

    citizens = [Citizen(n, base, record) for n in range(1, SUBMISSIONS + 1)]
    with open(log_path, "wb") as log:
        site = start_site(port, log)
        try:
            wait_healthy(base, site)
            print(
                f"Base de datos: {vendor}; gunicorn {WORKERS} procesos x {THREADS} hilos en "
                f"{base}; {SUBMISSIONS} personas desde {CONCURRENCY} hilos "
                f"({len([c for c in citizens if c.double_click])} con doble clic)",
                flush=True,
            )
            opening, failures = run_phase(citizens, "open_form")
            ready = [c for c in citizens if c.final is not None]
            # Nobody sends before the minimum fill time of the last form opened (the site
            # refuses faster forms): then everyone presses «Enviar» at once.
            time.sleep(min_fill_seconds() + 1)
            burst, send_failures = run_phase(ready, "send")
            failures.update(send_failures)
        finally:
            stop_site(site)
    print(f"gunicorn detenido (código {site.returncode}); registro en {log_path}")

    sent = [c for c in ready if c.number not in failures]
    print(f"\nApertura del formulario (GET + paso 1): {opening:.1f} s")
    print(f"Ráfaga de envíos: {len(sent)} propuestas en {burst:.1f} s")
    rate = len(sent) / burst if burst else 0.0
    print(f"  {rate:.1f} envíos por segundo")
    print(f"\n{'petición':<16} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'máx ms':>8}  códigos")
    for kind in ("GET formulario", "POST revisar", "POST enviar", "GET enviada"):
        values = timings.get(kind, [])
        codes = " ".join(f"{s}x{n}" for s, n in sorted(statuses[kind].items()))
        print(
            f"{kind:<16} {len(values):6d} {percentile(values, 50):8.1f} "
            f"{percentile(values, 95):8.1f} {max(values, default=0):8.1f}  {codes}"
        )
    expected = {"GET formulario": 200, "POST revisar": 200, "POST enviar": 302, "GET enviada": 200}
    errors = collections.Counter()
    for kind, counter in statuses.items():
        for status, n in counter.items():
            if status != expected[kind]:
                errors[status] += n
    server_errors = sum(n for status, n in errors.items() if status >= 500)
    print(
        "Respuestas inesperadas por código: "
        + (", ".join(f"{s}: {n}" for s, n in sorted(errors.items())) or "ninguna")
    )
    for number, problem in sorted(failures.items())[:10]:
        print(f"  persona {number}: {problem}")

    checks = check_database(citizens)
    checks["propuestas de la demo (antes)"] = before
    print("\nEn la base de datos:")
    for label, value in checks.items():
        print(f"  {label:<32} {value:6d}")
    lost_or_duplicated = (
        checks["perdidas"]
        or checks["duplicadas"]
        or checks["propuestas creadas"] != SUBMISSIONS
        or checks["correos de acuse"] != SUBMISSIONS
        or checks["correos duplicados"]
        or checks["códigos repetidos"]
        or checks["eslabones rotos en la auditoría"]
    )
    p95 = percentile(timings.get("POST enviar", []), 95)
    results = [
        (f"p95 del envío final < {P95_TARGET_MS[vendor]} ms", p95 < P95_TARGET_MS[vendor]),
        (f"al menos {RATE_TARGET[vendor]} envíos por segundo", rate >= RATE_TARGET[vendor]),
        ("ninguna respuesta 5xx", server_errors == 0),
        (
            "cada persona tiene una propuesta y un acuse (nada perdido ni duplicado)",
            not lost_or_duplicated,
        ),
    ]
    print("\nMetas:")
    for label, ok in results:
        print(f"  [{'sí' if ok else 'NO'}] {label}")
    return 0 if all(ok for _label, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())

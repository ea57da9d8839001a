"""The last-day burst of a call for proposals, through the real site (``proposal_submit``).

``submissions`` citizens, from ``connections`` threads, each with its own cookies and address,
like a browser with JavaScript off:

1. opening the form: GET the form (CSRF cookie and token, idempotency token and signed start
   time from the HTML), then POST step 1 (``paso=revisar``) and read the review page;
2. the burst: once the minimum fill time has passed (the site refuses a faster form), every
   citizen presses «Enviar» (the review page's hidden fields, consent, ``paso=enviar``,
   multipart as a browser sends it) and follows the redirect to the page with the tracking
   code. One citizen in ten double-clicks: the same final POST is sent twice at once.

With two nodes, each citizen's requests alternate between them (a load balancer without
sticky sessions): the session (in the shared database), the CSRF cookie and the rate limits
(in the shared Redis) must hold across servers.
Meanwhile a reader opens the proposal list every 50 ms and reads its query count: the list
"stays warm" when it never needs more queries than a warm list.

Afterwards the database itself is counted: each citizen exactly one proposal (nothing lost,
no duplicate from a double click) and one receipt email queued.
"""

from __future__ import annotations

import collections
import concurrent.futures
import http.cookiejar
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser

from families import Measurement
from load import QUERIES_HEADER, LoadContext, measurement_of, queries_of

DOUBLE_CLICK_EVERY = 10  # one citizen in ten sends the final POST twice at once
#: One domain per run: on a kept dataset (--data-dir) the proposals of earlier bursts have the
#: same numbered addresses, and the lost/duplicate check counts per address.
EMAIL_DOMAIN = f"rafaga{time.time_ns() // 1_000_000}.example.org"
REQUEST_TIMEOUT = 60
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


class LoopbackPolicy(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are ``Secure``; the bench talks plain HTTP on loopback (TLS ends at
    the proxy in production), so it sends them back all the same."""

    def return_ok_secure(self, cookie, request):
        return True


Response = collections.namedtuple("Response", "status body location ms queries")


def filled_form(form: dict, n: int, *, title: str, email: str) -> dict[str, str]:
    """The first step of the proposal form (as parsed by ``proposal_form``) filled in by
    person ``n``: the page's own fields (CSRF token, idempotency token, timestamp) plus a
    proposal whose choices cycle through what the page offers."""
    fields = {name: value for name, _type, value, _c in form["fields"]}
    options = {name: [v for v in values if v] for name, values in form["options"].items()}
    fields.update(
        title=f"{title} {n}: datos abiertos de obras públicas en mi cantón",
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
        contact_email=email,
        sitio_web="",
        paso="revisar",
    )
    return fields


class Citizen:
    """One person with their own browser (cookie jar) and address. With several nodes, each
    request goes to the next node (no sticky sessions): the session, the CSRF cookie and the
    idempotency token must hold across servers."""

    def __init__(self, number: int, bases: list[str], record):
        self.number = number
        self.bases = bases
        self.sent_requests = 0
        self.record = record  # record(kind, status, ms)
        self.email = f"persona{number:05d}@{EMAIL_DOMAIN}"
        place = number
        self.ip = f"10.{77 + place // 62500}.{place // 250 % 250}.{place % 250 + 1}"
        self.double_click = number % DOUBLE_CLICK_EVERY == 0
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),  # loopback only, whatever the environment says
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar(LoopbackPolicy())),
            NoRedirect(),
        )
        self.final: tuple[bytes, str, str] | None = None  # body, content type, action
        self.code = ""

    def request(self, kind: str, path: str, data=None, content_type=None) -> Response:
        base = self.bases[(self.number + self.sent_requests) % len(self.bases)]
        self.sent_requests += 1
        headers = {"X-Forwarded-For": self.ip, "User-Agent": "abierto-bench"}
        if data is not None:
            headers["Content-Type"] = content_type
            headers["Origin"] = base
            headers["Referer"] = base + FORM_PATH
        request = urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
            base + path, data=data, headers=headers
        )
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as answer:
                status, body, location = answer.status, answer.read(), ""
                headers = answer.headers
        except urllib.error.HTTPError as error:
            status, body, location = error.code, error.read(), error.headers.get("Location", "")
            headers = error.headers
        ms = (time.perf_counter() - start) * 1000
        queries = headers.get(QUERIES_HEADER)
        self.record(kind, status, ms, int(queries) if queries is not None else None)
        return Response(status, body, location, ms, queries)

    def open_form(self) -> str | None:
        """Step 1 and the review page; an error message, or None when ready to send."""
        answer = self.request("GET formulario", FORM_PATH)
        form = proposal_form(parse(answer.body)) if answer.status == 200 else None
        if form is None:
            return f"GET formulario: {answer.status}"
        fields = filled_form(form, self.number, title="Ráfaga", email=self.email)
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


def _run_phase(citizens, method: str, threads: int) -> tuple[float, dict[int, str]]:
    """Call ``method`` of every citizen from ``threads`` threads; (seconds, failures)."""
    failures = {}
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        futures = {pool.submit(getattr(c, method)): c for c in citizens}
        for future in concurrent.futures.as_completed(futures):
            citizen = futures[future]
            try:
                problem = future.result()
            except Exception as exc:  # a timeout or a dropped connection: the citizen gave up
                problem = f"{type(exc).__name__}: {exc}"
            if problem:
                failures[citizen.number] = problem
    return time.perf_counter() - start, failures


def _count_in_database(citizens) -> dict[str, int]:
    """Proposals and receipt emails per citizen, read from the database itself."""
    from django.db import close_old_connections
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from abierto.proposals.models import Proposal

    close_old_connections()
    emails = {c.email for c in citizens}
    rows = (
        Proposal.objects.filter(contact_email__endswith="@" + EMAIL_DOMAIN)
        .values("contact_email")
        .annotate(n=Count("id"))
    )
    per_email = {row["contact_email"]: row["n"] for row in rows}
    # One receipt task per proposal (``proposals.tasks.mail_receipt``, queued with it).
    address_of = dict(
        Proposal.objects.filter(contact_email__endswith="@" + EMAIL_DOMAIN).values_list(
            "pk", "contact_email"
        )
    )
    mails: collections.Counter[str] = collections.Counter()
    for kwargs in DBTaskResult.objects.filter(task_path__endswith="mail_receipt").values_list(
        "args_kwargs", flat=True
    ):
        address = address_of.get(kwargs.get("kwargs", {}).get("proposal_id"))
        if address in emails:
            mails[address] += 1
    codes = [c.code for c in citizens if c.code]
    return {
        "created": sum(per_email.values()),
        "lost": len(emails - per_email.keys()),
        "duplicates": sum(n - 1 for n in per_email.values() if n > 1),
        "receipts": sum(mails.values()),
        "duplicate_receipts": sum(n - 1 for n in mails.values() if n > 1),
        "repeated_codes": len(codes) - len(set(codes)),
    }


def submission_burst(context: LoadContext) -> Measurement:
    from abierto.proposals.forms import min_fill_seconds

    timings: dict[str, list[float]] = collections.defaultdict(list)
    statuses: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    lock = threading.Lock()

    queries: dict[str, int] = {}

    def record(kind: str, status: int, ms: float, count: int | None) -> None:
        with lock:
            timings[kind].append(ms)
            statuses[kind][status] += 1
            if count is not None and status < 400:
                queries[kind] = max(queries.get(kind, 0), count)

    citizens = [Citizen(n, context.bases, record) for n in range(1, context.submissions + 1)]
    opening, failures = _run_phase(citizens, "open_form", context.connections)
    ready = [c for c in citizens if c.final is not None]
    time.sleep(min_fill_seconds() + 1)  # nobody sends faster than the site accepts

    # The list during the burst: warm if it never needs more queries than a warm list.
    # Rendered, not taken whole from the page cache (a query string it has not kept), but
    # with its counts warm: what a reader pays after a write when the counts survive it.
    queries_of(context.bases[0], "/propuestas/")
    warm = queries_of(context.bases[0], f"/propuestas/?medida={time.time_ns()}") or 0
    list_queries: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                list_queries.append(queries_of(context.bases[0], "/propuestas/") or 0)
            except Exception:  # counted as cold: the list did not answer
                list_queries.append(10**6)
            stop.wait(0.05)

    watcher = threading.Thread(target=reader)
    watcher.start()
    burst, send_failures = _run_phase(ready, "send", context.connections)
    stop.set()
    watcher.join()
    failures.update(send_failures)
    sent = [c for c in ready if c.number not in failures]
    expected = {"GET formulario": 200, "POST revisar": 200, "POST enviar": 302, "GET enviada": 200}
    unexpected = sum(
        n
        for kind, counter in statuses.items()
        for status, n in counter.items()
        if status != expected[kind]
    )
    counts = _count_in_database(citizens)
    result = measurement_of(timings.get("POST enviar", []), burst, unexpected + len(failures))
    # The rate that matters: proposals received per second of burst.
    result.requests = len(sent)
    result.queries = queries.get("POST enviar")
    result.extra = {
        "submissions": context.submissions,
        "double_clicks": sum(c.double_click for c in citizens),
        "rate": len(sent) / burst if burst else 0.0,
        "opening_seconds": round(opening, 2),
        "burst_seconds": round(burst, 2),
        "status_codes": {k: dict(v) for k, v in statuses.items()},
        "failures": dict(sorted(failures.items())[:10]),
        "queries_per_step": queries,
        "list_warm_queries": warm,
        "list_reads_during_burst": len(list_queries),
        "list_cold_reads_during_burst": sum(q > warm for q in list_queries),
        **counts,
    }
    return result

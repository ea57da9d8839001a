"""Load from outside the server: wrk for GET pages, small Python clients for POST flows.

wrk (``-t1``, ``connections`` open connections, keep-alive) runs in its own process and cycles
through a family's paths with a Lua script that prints its latency percentiles as JSON. With
two nodes, one wrk per node runs at the same time with half the connections each; requests
add up and each percentile is the worse of the two nodes.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import re
import shutil
import statistics
import subprocess
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from families import Measurement

QUERIES_HEADER = "X-Bench-Queries"

LUA = """
paths = {%(paths)s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%%d,"duration_us":%%d,"connect":%%d,"read":%%d,"write":%%d,' ..
    '"status":%%d,"timeout":%%d,"p50":%%d,"p95":%%d,"p99":%%d,"max":%%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass
class LoadContext:
    """What a driver gets: the servers, the dataset's facts and how hard to push."""

    bases: list[str]
    facts: dict[str, Any]
    seconds: float
    connections: int
    submissions: int
    folder: Path
    warmup: float = 0
    #: Peak resident memory of the largest worker so far, in MB (set by run.py).
    rss: Any = None


def ensure_wrk() -> str:
    """wrk's path; installed from Debian (``apt-get install wrk``) when missing."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk no está instalado: apt-get install -y wrk", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("No se pudo instalar wrk (apt-get install wrk).")
    return found


def fetch(base: str, path: str) -> tuple[int, dict[str, str], bytes]:
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", path, headers={"User-Agent": "abierto-bench"})
        answer = conn.getresponse()
        body = answer.read()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, body
    finally:
        conn.close()


def queries_of(base: str, path: str) -> int | None:
    status, headers, _body = fetch(base, path)
    if status != 200:
        raise RuntimeError(f"GET {path}: {status}")
    value = headers.get(QUERIES_HEADER.lower())
    return int(value) if value is not None else None


def run_wrk(
    context: LoadContext, key: str, paths: list[str], seconds: float | None = None
) -> Measurement:
    seconds = seconds or context.seconds
    wrk = ensure_wrk()
    script = context.folder / f"wrk-{key}.lua"
    script.write_text(LUA % {"paths": ", ".join(json.dumps(p) for p in paths)})
    per_node = max(1, context.connections // len(context.bases))
    procs = [
        subprocess.Popen(
            [
                wrk,
                "-t1",
                f"-c{per_node}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                base,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for base in context.bases
    ]
    reports = []
    for proc in procs:
        out, _ = proc.communicate()
        found = re.search(r"^BENCH_JSON (.*)$", out, re.M)
        if not found:
            raise RuntimeError(f"wrk sin resultado:\n{out}")
        reports.append(json.loads(found.group(1)))
    return Measurement(
        requests=sum(r["requests"] for r in reports),
        seconds=max(r["duration_us"] for r in reports) / 1e6,
        p50=max(r["p50"] for r in reports) / 1000,
        p95=max(r["p95"] for r in reports) / 1000,
        p99=max(r["p99"] for r in reports) / 1000,
        max=max(r["max"] for r in reports) / 1000,
        errors=sum(
            r["status"] + r["connect"] + r["read"] + r["write"] + r["timeout"] for r in reports
        ),
        extra={"nodes": reports} if len(reports) > 1 else {},
    )


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def measurement_of(latencies: list[float], seconds: float, errors: int) -> Measurement:
    return Measurement(
        requests=len(latencies),
        seconds=seconds,
        p50=percentile(latencies, 50),
        p95=percentile(latencies, 95),
        p99=percentile(latencies, 99),
        max=max(latencies, default=0.0),
        errors=errors,
    )


# --- Status look-up: a POST with CSRF, from Python threads -------------------------------------

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Session:
    """One browser on one keep-alive connection, with its CSRF cookie."""

    def __init__(self, base: str):
        parts = urllib.parse.urlsplit(base)
        self.base = base
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.cookie = ""

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        headers = {"User-Agent": "abierto-bench", **(headers or {})}
        if self.cookie:
            headers["Cookie"] = self.cookie
        self.conn.request(method, path, body=body, headers=headers)
        answer = self.conn.getresponse()
        data = answer.read()
        for name, value in answer.getheaders():
            if name.lower() == "set-cookie" and value.startswith("csrftoken="):
                self.cookie = value.split(";", 1)[0]
        if answer.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return answer.status, answer, data


def status_lookups(context: LoadContext) -> Measurement:
    """``connections`` people look their proposal up by code for ``seconds`` seconds, each
    from its own address (the look-up is rate limited per address)."""
    codes = context.facts["proposal_codes"]
    latencies: list[float] = []
    errors = 0
    queries = [0]
    lock = threading.Lock()
    counter = iter(range(10**9))
    deadline = time.monotonic() + context.seconds
    path = "/propuestas/estado/"

    def person(number: int) -> None:
        nonlocal errors
        session = _Session(context.bases[number % len(context.bases)])
        status, _answer, body = session.request("GET", path)
        token = _TOKEN.search(body.decode())
        if status != 200 or token is None:
            with lock:
                errors += 1
            return
        while time.monotonic() < deadline:
            n = next(counter)
            code = codes[n % len(codes)]
            form = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token.group(1), "code": code}
            ).encode()
            start = time.perf_counter()
            status, answer, body = session.request(
                "POST",
                path,
                form,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": session.base,
                    "X-Forwarded-For": f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250 + 1}",
                },
            )
            ms = (time.perf_counter() - start) * 1000
            ok = status == 200 and code[:4].encode() in body
            count = answer.getheader(QUERIES_HEADER)
            with lock:
                if count is not None and ok:
                    queries[0] = max(queries[0], int(count))
                latencies.append(ms)
                errors += not ok

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(context.connections) as pool:
        list(pool.map(person, range(context.connections)))
    result = measurement_of(latencies, time.monotonic() - start, errors)
    result.queries = queries[0]
    return result


# --- Mesa registration: a POST with CSRF, from Python threads --------------------------------


def registrations(context: LoadContext) -> Measurement:
    """``connections`` people sign up for mesas for ``seconds`` seconds: each opens a mesa's
    registration page (for its CSRF token) once, then registers a new name and address again
    and again, each from its own address (registration is rate limited per address and per
    email)."""
    mesas = context.facts["mesa_ids"]
    latencies: list[float] = []
    errors = 0
    queries = [0]
    lock = threading.Lock()
    counter = iter(range(10**9))
    deadline = time.monotonic() + context.seconds

    def person(number: int) -> None:
        nonlocal errors
        session = _Session(context.bases[number % len(context.bases)])
        status, _answer, body = session.request(
            "GET", f"/mesas/{mesas[number % len(mesas)]}/inscripcion/"
        )
        token = _TOKEN.search(body.decode())
        if status != 200 or token is None:
            with lock:
                errors += 1
            return
        while time.monotonic() < deadline:
            n = next(counter)
            mesa = mesas[n % len(mesas)]
            form = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token.group(1),
                    "name": f"Participante {n}",
                    "email": f"participante{n}.{time.time_ns()}@bench.example.org",
                }
            ).encode()
            start = time.perf_counter()
            status, answer, _body = session.request(
                "POST",
                f"/mesas/{mesa}/inscripcion/",
                form,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": session.base,
                    "X-Forwarded-For": f"11.{n // 62500 % 250}.{n // 250 % 250}.{n % 250 + 1}",
                },
            )
            ms = (time.perf_counter() - start) * 1000
            ok = status == 302 and "inscripcion-recibida" in (answer.getheader("Location") or "")
            count = answer.getheader(QUERIES_HEADER)
            with lock:
                if count is not None and ok:
                    queries[0] = max(queries[0], int(count))
                latencies.append(ms)
                errors += not ok

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(context.connections) as pool:
        list(pool.map(person, range(context.connections)))
    result = measurement_of(latencies, time.monotonic() - start, errors)
    result.queries = queries[0]
    return result


# --- Full CSV export: first byte, whole file, the worker's memory ---------------------------


def csv_export(context: LoadContext, path: str, rss_of) -> Measurement:
    """Download ``path`` whole, a few times in a row, one at a time: time to the first byte,
    to the last, bytes and rows, and how much the largest worker's peak memory grew."""
    latencies: list[float] = []
    first_bytes: list[float] = []
    errors = 0
    size = rows = 0
    before = rss_of()
    started = time.monotonic()
    deadline = started + context.seconds
    parts = urllib.parse.urlsplit(context.bases[0])
    while time.monotonic() < deadline or not latencies:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        try:
            start = time.perf_counter()
            conn.request("GET", path, headers={"User-Agent": "abierto-bench"})
            answer = conn.getresponse()
            chunk = answer.read(1)
            first_bytes.append((time.perf_counter() - start) * 1000)
            body = chunk + answer.read()
            latencies.append((time.perf_counter() - start) * 1000)
            size = len(body)
            rows = body.count(b"\n") - 1
            errors += answer.status != 200
        except OSError:
            errors += 1
        finally:
            conn.close()
    result = measurement_of(latencies, time.monotonic() - started, errors)
    result.extra.update(
        {
            "first_byte_ms": round(max(first_bytes, default=0.0), 1),
            "bytes": size,
            "rows": rows,
            "rss_growth_mb": round(rss_of() - before, 1),
        }
    )
    return result

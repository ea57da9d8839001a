"""The production server under measurement: gunicorn (what the README recommends) on loopback.

A worker model is ``(worker class, workers, threads)``: ``sync`` workers answer one request at
a time each; ``gthread`` workers run ``threads`` requests at once. ``run.py`` picks one by
measurement (``--model auto``) or takes the one given.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Model:
    kind: str  # "sync" or "gthread"
    workers: int
    threads: int = 1

    @classmethod
    def parse(cls, text: str) -> Model:
        """``sync:5`` or ``gthread:2x4``."""
        kind, _sep, rest = text.partition(":")
        if kind not in {"sync", "gthread"} or not rest:
            raise ValueError(f"Modelo de servidor no válido: {text!r} (sync:5, gthread:2x4)")
        workers, _x, threads = rest.partition("x")
        return cls(kind, int(workers), int(threads or 1) if kind == "gthread" else 1)

    @property
    def connections(self) -> int:
        """Keep-alive connections a gthread worker holds at most (``--worker-connections``).

        Two per thread, not gunicorn's default 1,000: a gthread worker accepts every waiting
        connection when it wakes, so with no cap one worker (one core under the GIL) can take
        all of wrk's 16 connections for a whole run while the others idle. Measured at L:
        R1 swung between 1,252 and 3,830 requests/s from one 4 s repeat to the next; with the
        cap, 2,791-3,388 (docs/operations.md, "Sizing")."""
        return 2 * self.threads

    def __str__(self) -> str:
        return f"{self.kind}:{self.workers}" + (
            f"x{self.threads}" if self.kind == "gthread" else ""
        )


def candidate_models(cores: int) -> list[Model]:
    """What --model auto tries: gunicorn's rule of thumb for sync workers (2 x cores + 1)
    and two thread mixes."""
    return [
        Model("sync", 2 * cores + 1),
        Model("gthread", cores, 4),
        Model("gthread", 2 * cores + 1, 2),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn master and its workers on a loopback port."""

    def __init__(self, model: Model, log_path: Path, port: int | None = None):
        self.model = model
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self._peak_kb: dict[int, int] = {}

    def start(self) -> Server:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--worker-class",
            self.model.kind,
            "--workers",
            str(self.model.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "60",
            "--no-control-socket",  # gunicorn 27 would otherwise listen on ~/.gunicorn/
        ]
        if self.model.kind == "gthread":
            command += ["--threads", str(self.model.threads)]
            command += ["--worker-connections", str(self.model.connections)]
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=dict(os.environ), stdout=log, stderr=log
        )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + 60
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn terminó al arrancar (código {self.process.returncode}); "
                    f"registro: {self.log_path}"
                )
            try:
                with opener.open(self.base + "/salud/", timeout=2) as answer:
                    if answer.status == 200 and len(self.worker_pids()) >= self.model.workers:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"/salud/ no respondió en 60 s; registro: {self.log_path}")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        master = self.process.pid
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == master:
                pids.append(int(entry.name))
        return pids

    def sample_memory(self) -> float:
        """Peak resident memory (VmHWM) of the largest worker so far, in MB."""
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        kb = int(line.split()[1])
                        self._peak_kb[pid] = max(self._peak_kb.get(pid, 0), kb)
            except OSError:
                continue
        return max(self._peak_kb.values(), default=0) / 1024

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # graceful: workers finish their requests
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

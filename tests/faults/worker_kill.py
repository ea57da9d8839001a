#!/usr/bin/env python
"""Fault (e): the task worker killed with SIGKILL while it sends mail, then restarted.

A local SMTP sink (loopback, port 8152) takes ``--delay`` seconds to answer each message, so
kills land in the middle of sends. ``--emails`` messages are queued (registrations for a mesa:
each queues its confirmation), then ``manage.py task_worker`` runs and is killed every
``--every`` seconds and started again, until the queue is done. Counted: each registration's
confirmation reached the sink, how many copies (by recipient) and how many distinct
Message-IDs. Exactly once = one distinct message per person; a second copy can only come from
a kill between the sink's acceptance and our note, and then carries the same Message-ID.

    .venv/bin/python tests/faults/worker_kill.py [--emails 60] [--every 2]
"""

import argparse
import asyncio
import collections
import random
import sqlite3
import subprocess
import sys
import threading
import time

from harness import PYTHON, ROOT, SCRATCH, log, manage, prepare_site, site_environment

SMTP_PORT = 8152


class Sink:
    """A minimal SMTP server that keeps every message it accepted (recipient, Message-ID)."""

    def __init__(self, delay: float):
        self.delay = delay
        self.accepted: list[tuple[str, str]] = []
        self.loop = asyncio.new_event_loop()

    async def session(self, reader, writer):
        async def say(line):
            writer.write((line + "\r\n").encode())
            await writer.drain()

        await say("220 sumidero ESMTP")
        recipients: list[str] = []
        try:
            while line := (await reader.readline()).decode(errors="replace").strip():
                verb = line.split(" ", 1)[0].upper()
                if verb in {"EHLO", "HELO"}:
                    await say("250 sumidero")
                elif verb == "MAIL":
                    recipients = []
                    await say("250 OK")
                elif verb == "RCPT":
                    recipients.append(line.split(":", 1)[1].strip(" <>"))
                    await say("250 OK")
                elif verb == "DATA":
                    await say("354 fin con .")
                    message_id = ""
                    while (data := (await reader.readline()).decode(errors="replace")) not in (
                        ".\r\n",
                        "",
                    ):
                        if data.lower().startswith("message-id:"):
                            message_id = data.split(":", 1)[1].strip()
                    for rcpt in recipients:
                        self.accepted.append((rcpt, message_id))
                    await asyncio.sleep(self.delay)  # the window where a kill causes a resend
                    await say("250 aceptado")
                elif verb == "QUIT":
                    await say("221 adiós")
                    break
                else:
                    await say("250 OK")
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        writer.close()

    def start(self):
        async def serve():
            server = await asyncio.start_server(self.session, "127.0.0.1", SMTP_PORT)
            async with server:
                await server.serve_forever()

        threading.Thread(target=lambda: self.loop.run_until_complete(serve()), daemon=True).start()
        time.sleep(0.5)


QUEUE = """
import uuid
from abierto.mesas import services
from abierto.mesas.models import Mesa
mesa = Mesa.objects.get()
for i in range({n}):
    services.registration_create(actor=None, mesa=mesa, name=f"Persona {{i}}",
        email=f"persona{{i}}@fallas.example.org", idempotency_token=uuid.uuid4())
"""


def task_state(folder) -> dict:
    """The mail tasks by status, and the deliveries noted (read straight from SQLite)."""
    with sqlite3.connect(f"file:{folder / 'abierto.sqlite3'}?mode=ro", uri=True) as db:
        rows = dict(
            db.execute(
                "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult "
                "WHERE task_path LIKE '%deliver_email' GROUP BY status"
            ).fetchall()
        )
        noted = db.execute("SELECT COUNT(*) FROM core_emaildelivery").fetchone()[0]
    return {s: rows.get(s, 0) for s in ("READY", "RUNNING", "SUCCESSFUL", "FAILED")} | {
        "noted": noted
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=60)
    parser.add_argument("--every", type=float, default=2.0)
    parser.add_argument("--delay", type=float, default=0.3)
    args = parser.parse_args(argv)
    folder = SCRATCH / "worker-kill"
    (folder / "abierto.sqlite3").unlink(missing_ok=True)
    env = site_environment(folder)
    env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(SMTP_PORT), EMAIL_USE_TLS="0")
    prepare_site(env)
    manage(env, "shell", "-c", QUEUE.format(n=args.emails))
    sink = Sink(args.delay)
    sink.start()
    kills = 0
    started = time.monotonic()
    state: dict = {}
    worker_log = open(folder / "worker.log", "ab")  # noqa: SIM115 - closed below
    try:
        while time.monotonic() - started < 300:
            worker = subprocess.Popen(
                [PYTHON, "manage.py", "task_worker", "--no-startup-delay", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=worker_log,
                stderr=worker_log,
            )
            # Wait until the worker is inside a send (the sink has the message and has not
            # answered yet); one kill in three lands right there (the worst moment), the
            # others at a random moment after it.
            before = len(sink.accepted)
            deadline = time.monotonic() + 120
            while len(sink.accepted) == before and time.monotonic() < deadline:
                if worker.poll() is not None:
                    break
                time.sleep(0.01)
            if kills % 3:
                time.sleep(random.uniform(0, args.every))  # any moment: between or in sends
            # else: right now, inside a send (the sink has the message, no answer yet)
            worker.kill()  # SIGKILL: no cleanup, whatever it was doing
            worker.wait()
            kills += 1
            state = task_state(folder)
            log(f"kill -9 #{kills}: {state}; el sumidero aceptó {len(sink.accepted)}")
            if state["READY"] == 0 and state["RUNNING"] == 0:
                break
        # A last, clean run picks up anything a kill left RUNNING.
        subprocess.run(
            [
                PYTHON,
                "manage.py",
                "task_worker",
                "--batch",
                "--no-startup-delay",
                "--interval",
                "0",
            ],
            cwd=ROOT,
            env=env,
            stdout=worker_log,
            stderr=worker_log,
            check=True,
            timeout=300,
        )
        state = task_state(folder)
    finally:
        worker_log.close()
    elapsed = time.monotonic() - started
    copies = collections.Counter(rcpt for rcpt, _mid in sink.accepted)
    distinct = collections.defaultdict(set)
    for rcpt, mid in sink.accepted:
        distinct[rcpt].add(mid)
    wanted = {f"persona{i}@fallas.example.org" for i in range(args.emails)}
    summary = {
        "emails": args.emails,
        "kills": kills,
        "seconds": round(elapsed, 1),
        "tasks": state,
        "people_reached": len(wanted & set(copies)),
        "people_missing": len(wanted - set(copies)),
        "people_with_two_copies": sum(1 for r in wanted if copies[r] > 1),
        "people_with_two_distinct_messages": sum(1 for r in wanted if len(distinct[r]) > 1),
        "copies_total": sum(copies.values()),
    }
    log(f"resultado: {summary}")
    ok = (
        summary["people_missing"] == 0
        and summary["people_with_two_distinct_messages"] == 0
        and state["FAILED"] == 0
        and kills > 0
    )
    log("BIEN" if ok else "FALLA")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""``make bench``: Abierto through its production server, beside the framework's own floor.

    .venv/bin/python bench/run.py --scale S            # default; L = national scale
    .venv/bin/python bench/run.py --scale L --model gthread:2x4
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/run.py --scale L --nodes 2

1. Builds a deterministic dataset (fixed seed) in a scratch database: SQLite in a temporary
   folder, or the ``<name>_bench_scratch`` database on the PostgreSQL server of
   ``DATABASE_URL`` (never the site's); Redis under a key prefix of its own when
   ``REDIS_URL`` is set. What is built, and which pages are measured, is declared per app in
   ``bench/apps/<app>.py`` (``families.py`` explains how). ``--data-dir`` keeps the dataset
   between runs (the SQLite file in that folder, or the PostgreSQL scratch database, with
   the marker ``dataset.json`` in the folder): a later run migrates it and runs only the
   builders it lacks (new ones, or of a new ``version``), so a builder added or changed
   does not rebuild an L dataset (minutes) from scratch.
2. Collects the static files and starts gunicorn with production settings on loopback (one
   server, or two on different ports sharing PostgreSQL and Redis with ``--nodes 2``). The
   worker model is chosen by measurement (``--model auto``: sync against gthread on R1, the
   list and the detail page) or given (``--model sync:5``).
3. Drives load from other processes: wrk for each GET family, Python clients for the POST
   flows (status look-up, the submission burst). R1 is a bare hello view served by the same
   server, settings and middleware (bench mode only).
4. Prints one table (requests/s, p50/p95/p99, share of R1, SQL queries per request, peak
   memory per worker), writes it as JSON under ``bench/results/``, and exits 1 naming every
   missed target (``targets.py``), 2 when the bench itself failed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import families  # noqa: E402
import scratch  # noqa: E402
import targets  # noqa: E402
from families import SCALES, Measurement, PageFamily  # noqa: E402
from load import LoadContext, ensure_wrk, queries_of, run_wrk  # noqa: E402
from server import Model, Server, candidate_models  # noqa: E402

TRIAL_FAMILIES = ("r1", "proposal_list", "proposal_detail")
#: Bump only when a change cannot reach kept datasets through a builder's own ``version``
#: (``families.py``): every kept ``--data-dir`` is then rebuilt whole.
DATASET_VERSION = 3
MARKER = "dataset.json"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="S")
    parser.add_argument("--nodes", type=int, choices=(1, 2), default=1)
    parser.add_argument("--model", default="", help="auto (por medición), sync:5 o gthread:2x4")
    parser.add_argument("--seconds", type=float, help="segundos de carga por familia")
    parser.add_argument("--connections", type=int, help="conexiones simultáneas")
    parser.add_argument("--submissions", type=int, help="personas en la ráfaga de envíos")
    parser.add_argument("--warmup", type=float, help="segundos de calentamiento por familia")
    parser.add_argument("--only", default="", help="familias a medir, separadas por comas")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="carpeta del conjunto, que se conserva y reutiliza (SQLite en ella o la base "
        "PostgreSQL de medición)",
    )
    parser.add_argument("--out", type=Path, help="archivo JSON de resultados")
    return parser.parse_args(argv)


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    ram_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            ram_kb = int(line.split()[1])
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(ram_kb / 1024 / 1024, 1),
        "cpu_model": cpu,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "wrk": (wrk.stdout or wrk.stderr).split("\n")[0].strip(),
        # Other work on the machine skews every figure: the load average is kept with them.
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


def database_info() -> dict:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    from django.conf import settings

    return {
        "database": connection.vendor,
        "database_version": version,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "django": django.get_version(),
    }


class KeptDatasetRefused(Exception):
    """The folder keeps a dataset this run must not build on nor delete."""


def kept_dataset(folder: Path, scale) -> dict | None:
    """The marker of the dataset kept in ``folder`` when this run builds on it, else None (a
    new dataset is built there).

    A dataset of another scale or database is refused (``KeptDatasetRefused``): most likely the
    wrong folder, and an L dataset takes minutes to build. Another ``DATASET_VERSION``, or a
    database that is no longer the one the marker was written for (its stamped token differs:
    another run dropped the PostgreSQL scratch database), is rebuilt. A marker from before
    builders were listed (SQLite only then) means every builder of that time ran
    (``families.BUILDERS_BEFORE_MARKER_LIST``).
    """
    path = folder / MARKER
    if not path.exists():
        return None  # nothing kept yet, or a first build that did not finish
    try:
        saved = json.loads(path.read_text())
    except ValueError:
        raise KeptDatasetRefused(
            f"{path} no se puede leer; bórrelo para construir de nuevo."
        ) from None
    database = saved.get("database", "sqlite")
    if saved.get("scale") != scale.name or database != scratch.database_label():
        raise KeptDatasetRefused(
            f"{folder} guarda un conjunto de escala {saved.get('scale')} en {database}; esta "
            f"medición es de escala {scale.name} en {scratch.database_label()}. Use otra "
            "carpeta (--data-dir) o bórrela."
        )
    if saved.get("version") != DATASET_VERSION:
        print(f"DATASET_VERSION cambió: el conjunto de {folder} se construye de nuevo.", flush=True)
        return None
    if "token" in saved:
        stamped = scratch.stamped_token(folder)
    else:
        stamped = None if scratch.sqlite_path(folder).exists() else "ausente"
    if stamped != saved.get("token"):
        print(f"La base de datos ya no es la del conjunto de {folder}: se construye de nuevo.")
        return None
    saved.setdefault("builders", dict(families.BUILDERS_BEFORE_MARKER_LIST))
    return saved


def build_dataset(
    scale, folder: Path, saved: dict | None
) -> tuple[dict, float, float, dict[str, float]]:
    """Migrate, then run the builders the kept dataset (``saved``, its marker) lacks: every
    builder for a new dataset; on a kept one, only those new or of another version.

    Returns the facts, the seconds the whole dataset took to build, the seconds of this run
    and the builders run now with their seconds.
    """
    from django.core.management import call_command
    from django.db import connection

    from abierto.core import audit

    marker = folder / MARKER
    call_command("migrate", verbosity=0)
    done: dict[str, int] = dict(saved["builders"]) if saved else {}
    facts: dict = dict(saved["facts"]) if saved else {}
    todo = [b for b in families.builders_in_order() if done.get(b.app) != b.version]
    if saved is not None:
        names = ", ".join(b.app for b in todo) or "ninguno"
        print(f"Conjunto de datos reutilizado: {marker}; se construye: {names}", flush=True)
        if not todo:
            return facts, saved["build_seconds"], 0.0, {}
    started = time.perf_counter()
    data = families.Dataset(scale, facts)
    timings: dict[str, float] = {}
    for builder in todo:
        begun = time.perf_counter()
        builder.build(data.for_app(builder.app))
        done[builder.app] = builder.version
        timings[builder.app] = round(time.perf_counter() - begun, 1)
        sys.stderr.write(f"  {builder.app}: {timings[builder.app]:.1f} s\n")
    sys.stderr.write("  sellando el registro de auditoría (seal_pending)…\n")
    audit.seal_pending()
    token = scratch.stamp_token()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")  # autovacuum would do it on a real server
        else:
            # No ANALYZE: a SQLite site never runs it, so its planner has no statistics and
            # the bench must see the plans the site gets.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - started
    total = seconds + (saved["build_seconds"] if saved else 0.0)
    marker.write_text(
        json.dumps(
            {
                "scale": scale.name,
                "version": DATASET_VERSION,
                "database": scratch.database_label(),
                "builders": done,
                "token": token,
                "facts": facts,
                "build_seconds": total,
            }
        )
    )
    return facts, total, seconds, timings


def dataset_counts() -> dict:
    from django.apps import apps

    wanted = {
        "proposals.proposal": "proposals",
        "core.actionlog": "audit_rows",
        "forum.organization": "organisations",
        "plans.actionplan": "plans",
        "content.document": "documents",
        "commitments.commitment": "commitments",
        "commitments.milestone": "milestones",
        "commitments.measurement": "measurements",
        "mesas.mesa": "mesas",
        "mesas.registration": "registrations",
        "evaluation.assignment": "evaluation_sheets",
        "evaluation.score": "evaluation_scores",
    }
    counts = {}
    for label, name in wanted.items():
        try:
            counts[name] = apps.get_model(label).objects.count()
        except LookupError:
            continue
    return counts


def measure(family: PageFamily, context: LoadContext, servers: list[Server]) -> Measurement:
    paths = family.resolve_paths(context.facts)
    if family.driver is not None:
        context.rss = lambda: max(s.sample_memory() for s in servers)
        result = family.driver(context)
    else:
        failed: list[str] = []

        def probe() -> int | None:
            # A page slower than the client's 30 s is a failed request, not a broken bench.
            try:
                return queries_of(context.bases[0], paths[0])
            except OSError as exc:
                failed.append(repr(exc))
                return None

        first = probe()
        if context.warmup:
            run_wrk(context, f"{family.key}-warmup", paths, context.warmup)
        result = run_wrk(context, family.key, paths)
        result.queries_cold = first
        # Warm: the fewest of a few requests (each worker has its own in-process cache).
        warm = [probe() for _ in range(4)]
        result.queries = min((q for q in warm if q is not None), default=None)
        if failed:
            result.errors += len(failed)
            result.extra["probe_errors"] = failed
    result.extra["rss_mb"] = round(max(s.sample_memory() for s in servers), 1)
    if family.check is not None:
        # After the load, so the first request above is still the first after the start.
        try:
            problem = family.check(context.bases[0], context.facts)
        except Exception as exc:  # a timeout, an answer that cannot be read
            problem = f"la comprobación falló: {exc!r}"
        result.extra["check"] = problem or "ok"
    return result


def start_servers(model: Model, nodes: int, folder: Path) -> list[Server]:
    servers = []
    try:
        for n in range(nodes):
            servers.append(Server(model, folder / f"gunicorn-{n + 1}.log").start())
    except Exception:
        for server in servers:
            server.stop()
        raise
    return servers


def choose_model(candidates, context_for, folder: Path, chosen_families) -> tuple[Model, list]:
    """Each candidate on the trial families; the best geometric mean of requests/s wins."""
    trial = []
    for model in candidates:
        servers = start_servers(model, 1, folder)
        try:
            context = context_for(servers)
            scores = {}
            for key in TRIAL_FAMILIES:
                family = chosen_families.get(key)
                if family is None:
                    continue
                paths = family.resolve_paths(context.facts)
                if context.warmup:
                    run_wrk(context, f"trial-{key}-warmup", paths, context.warmup)
                scores[key] = run_wrk(context, f"trial-{key}", paths)
        finally:
            for server in servers:
                server.stop()
        mean = math.exp(sum(math.log(max(m.rps, 0.01)) for m in scores.values()) / len(scores))
        trial.append(
            {
                "model": str(model),
                "score": round(mean, 1),
                **{k: {"rps": round(m.rps, 1), "p99": m.p99} for k, m in scores.items()},
            }
        )
        print(
            f"  {model!s:<14} "
            + "  ".join(f"{k}: {m.rps:7.1f}/s p99 {m.p99:6.1f} ms" for k, m in scores.items()),
            flush=True,
        )
    best = max(trial, key=lambda t: t["score"])
    return Model.parse(best["model"]), trial


def evaluate(scale_name: str, rows: dict[str, Measurement]) -> list[dict]:
    """Every target (targets.py) against the measurements: [{target, ok, detail}]."""
    checks: list[dict] = []

    def check(name: str, ok: bool, detail: str) -> None:
        checks.append({"target": name, "ok": bool(ok), "detail": detail})

    speed = scale_name in targets.SPEED_SCALES
    r1 = rows.get("r1")
    for key, m in rows.items():
        check(f"{key}: sin errores", m.errors == 0, f"{m.errors} respuestas erróneas")
        check(f"{key}: responde", m.requests > 0, f"{m.requests} respuestas en {m.seconds:.0f} s")
        if "check" in m.extra:
            check(
                f"{key}: muestra los datos del conjunto", m.extra["check"] == "ok", m.extra["check"]
            )
        budget = targets.MAX_QUERIES.get(key)
        if budget is not None and m.queries is not None:
            check(
                f"{key}: a lo sumo {budget} consultas SQL",
                m.queries <= budget,
                f"{m.queries} consultas",
            )
    if speed and r1 is not None:
        share = targets.ANONYMOUS_GET["min_share_of_r1"]
        p99 = targets.ANONYMOUS_GET["max_p99_ms"]
        for key in sorted(targets.ANONYMOUS_GET_FAMILIES & rows.keys()):
            m = rows[key]
            check(
                f"{key}: al menos {share:.0%} de R1",
                m.rps >= share * r1.rps,
                f"{m.rps:.0f}/s = {m.rps / r1.rps:.1%} de R1 ({r1.rps:.0f}/s)",
            )
            check(
                f"{key}: p99 <= {p99:g} ms",
                m.requests > 0 and m.p99 <= p99,
                f"p99 {m.p99:.1f} ms ({m.requests} respuestas)",
            )
    first_key, last_key = targets.LAST_PAGE_PAIR
    if speed and first_key in rows and last_key in rows:
        first, last = rows[first_key], rows[last_key]
        factor = targets.LAST_PAGE_FACTOR
        check(
            f"última página a menos de {factor}x de la primera",
            last.rps * factor >= first.rps and last.p50 <= factor * first.p50,
            f"{last.rps:.0f}/s frente a {first.rps:.0f}/s; p50 {last.p50:.1f} frente a "
            f"{first.p50:.1f} ms",
        )
    export = rows.get("csv_export")
    if speed and export is not None and export.requests:
        limits = targets.CSV_EXPORT
        x = export.extra
        check(
            f"exportación CSV: primer byte <= {limits['max_first_byte_ms']:g} ms",
            x["first_byte_ms"] <= limits["max_first_byte_ms"],
            f"{x['first_byte_ms']:.0f} ms (el peor de {export.requests})",
        )
        check(
            f"exportación CSV: archivo entero <= {limits['max_total_ms']:g} ms",
            export.max <= limits["max_total_ms"],
            f"{export.max:.0f} ms para {x['rows']:,} filas ({x['bytes'] / 1e6:.1f} MB)",
        )
        check(
            f"exportación CSV: memoria +{limits['max_rss_growth_mb']:g} MB a lo sumo",
            x["rss_growth_mb"] <= limits["max_rss_growth_mb"],
            f"+{x['rss_growth_mb']:.1f} MB en el pico del trabajador más grande",
        )
    submit = rows.get("proposal_submit")
    if submit is not None:
        x = submit.extra
        check(
            "envíos: nada perdido, nada duplicado",
            x["lost"] == 0 and x["duplicates"] == 0 and x["repeated_codes"] == 0,
            f"creadas {x['created']} de {x['submissions']}; perdidas {x['lost']}; "
            f"duplicadas {x['duplicates']}",
        )
        check(
            "envíos: un acuse por persona",
            x["receipts"] == x["submissions"] and x["duplicate_receipts"] == 0,
            f"{x['receipts']} acuses, {x['duplicate_receipts']} repetidos",
        )
        if speed:
            rate = targets.SUBMISSION["min_rate"]
            check(
                f"envíos: al menos {rate:g} por segundo",
                x["rate"] >= rate,
                f"{x['rate']:.1f} por segundo",
            )
            check(
                "envíos: la lista sigue tibia durante la ráfaga",
                x["list_cold_reads_during_burst"] == 0,
                f"{x['list_cold_reads_during_burst']} de {x['list_reads_during_burst']} "
                f"lecturas con más de {x['list_warm_queries']} consultas",
            )
    return checks


def print_table(rows: dict[str, Measurement], labels: dict[str, str]) -> None:
    r1 = rows.get("r1")
    head = (
        f"{'página':<46} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'% R1':>6} "
        f"{'SQL':>7} {'RSS MB':>7} {'err':>4}"
    )
    print(head)
    print("-" * len(head))
    for key, m in rows.items():
        share = f"{m.rps / r1.rps:6.1%}" if r1 and r1.rps else "     -"
        sql = "-" if m.queries is None else str(m.queries)
        if m.queries_cold is not None and m.queries_cold != m.queries:
            sql = f"{sql}/{m.queries_cold}"
        rate = m.extra.get("rate", m.rps)
        print(
            f"{labels[key][:46]:<46} {rate:8.1f} {m.p50:7.1f} {m.p95:7.1f} {m.p99:7.1f} "
            f"{share:>6} {sql:>7} {m.extra.get('rss_mb', 0):7.0f} {m.errors:4d}"
        )
    print("(ms; SQL = consultas de una petición tibia[/la primera tras arrancar]; RSS = pico del")
    print(" proceso de trabajo más grande; el envío da propuestas por segundo de ráfaga)")


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    scale = SCALES[args.scale]
    if args.nodes == 2 and not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
        print("--nodes 2 necesita DATABASE_URL (PostgreSQL) y REDIS_URL (Redis) compartidos.")
        return 2
    ensure_wrk()
    keep = args.data_dir is not None
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="abierto-bench-"))
    folder = folder.resolve()
    scratch.configure(folder)
    try:
        saved = kept_dataset(folder, scale) if keep else None
    except KeptDatasetRefused as exc:
        print(exc)
        return 2
    if saved is None:
        scratch.empty_database(folder)  # never a site's: the scratch database or file only
    scratch.setup()
    loaded = families.discover()
    only = {k for k in args.only.split(",") if k}
    chosen = {
        f.key: f for f in families.families_in_order() if not only or f.key in only or f.key == "r1"
    }
    load_before = [round(x, 2) for x in os.getloadavg()]
    print(
        f"Escala {scale.name}: {scale.counts['proposals']:,} propuestas, "
        f"{scale.counts['organisations']:,} organizaciones; apps: {', '.join(loaded)}",
        flush=True,
    )
    from django.core.management import call_command
    from django.db import connections

    # Static files first: the demo renders PDFs whose stylesheets are looked up through the
    # production (manifest) storage.
    static_started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    static_seconds = time.perf_counter() - static_started
    print(f"collectstatic: {static_seconds:.1f} s.", flush=True)
    facts, build_seconds, built_seconds, built = build_dataset(scale, folder, saved)
    print(
        f"Conjunto listo ({build_seconds:.1f} s en total); construido ahora: "
        f"{', '.join(built) or 'nada'} ({built_seconds:.1f} s).",
        flush=True,
    )
    info = database_info()
    counts = dataset_counts()
    connections.close_all()  # the servers write now; the bench reads again only at the end

    seconds = args.seconds or scale.seconds
    connections_n = args.connections or scale.connections

    def context_for(servers: list[Server], secs: float = seconds) -> LoadContext:
        return LoadContext(
            bases=[s.base for s in servers],
            facts=facts,
            seconds=secs,
            connections=connections_n,
            submissions=args.submissions or scale.submissions,
            folder=folder,
            warmup=scale.warmup if args.warmup is None else args.warmup,
        )

    model_arg = args.model or ("gthread:2x4" if scale.name == "T" else "auto")
    trial: list = []
    if model_arg == "auto":
        print("Modelo de servidor por medición (R1, lista, detalle):", flush=True)
        trial_secs = max(2.0, seconds / 2)
        model, trial = choose_model(
            candidate_models(os.cpu_count() or 1),
            lambda servers: context_for(servers, trial_secs),
            folder,
            chosen,
        )
    else:
        model = Model.parse(model_arg)
    print(
        f"Servidor: gunicorn {model} x {args.nodes} nodo(s); {info['database']}, "
        f"caché {info['cache']}; {connections_n} conexiones, {seconds:g} s por página",
        flush=True,
    )

    rows: dict[str, Measurement] = {}
    cross: dict = {}
    servers = start_servers(model, args.nodes, folder)
    try:
        context = context_for(servers)
        for key, family in chosen.items():
            sys.stderr.write(f"  midiendo {family.label}…\n")
            rows[key] = measure(family, context, servers)
        if args.nodes > 1:
            import crossnode

            sys.stderr.write("  comprobando los dos nodos como un solo sitio…\n")
            cross = crossnode.check(context.bases, facts)
    finally:
        for server in servers:
            server.stop()

    labels = {k: chosen[k].label for k in rows}
    print()
    print_table(rows, labels)
    checks = evaluate(scale.name, rows)
    for name, outcome in cross.items():
        checks.append(
            {"target": f"dos nodos: {name}", "ok": bool(outcome["ok"]), "detail": str(outcome)}
        )
    missed = [c for c in checks if not c["ok"]]
    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "scale": scale.name,
        "nodes": args.nodes,
        "machine": {**machine(), "loadavg_before": load_before},
        **info,
        "server": {
            "software": "gunicorn",
            "model": str(model),
            "worker_class": model.kind,
            "workers": model.workers,
            "threads": model.threads,
            "worker_connections": model.connections if model.kind == "gthread" else None,
            "trial": trial,
        },
        "load": {
            "tool": "wrk -t1 (GET), Python threads (POST)",
            "connections": connections_n,
            "seconds_per_family": seconds,
            "warmup_seconds_per_family": context.warmup,
        },
        "dataset": {
            "counts": counts,
            "scale_counts": scale.counts,
            "build_seconds": round(build_seconds, 1),
            "built_now": list(built),
            "built_now_seconds_by_builder": built,
            "built_now_seconds": round(built_seconds, 1),
            "kept": keep,
            # The figures builders noted (what the evaluation round covers, its size...).
            "facts": {k: v for k, v in facts.items() if isinstance(v, int | str)},
            "collectstatic_seconds": round(static_seconds, 1),
        },
        "pages": [
            {
                "family": key,
                "label": labels[key],
                "requests": m.requests,
                "seconds": round(m.seconds, 2),
                "rps": round(m.extra.get("rate", m.rps), 1),
                "p50_ms": round(m.p50, 2),
                "p95_ms": round(m.p95, 2),
                "p99_ms": round(m.p99, 2),
                "max_ms": round(m.max, 2),
                "share_of_r1": round(m.rps / rows["r1"].rps, 4) if "r1" in rows else None,
                "sql_queries": m.queries,
                "sql_queries_first": m.queries_cold,
                "peak_rss_mb_per_worker": m.extra.get("rss_mb"),
                "errors": m.errors,
                "extra": {k: v for k, v in m.extra.items() if k != "rss_mb"},
            }
            for key, m in rows.items()
        ],
        "cross_node": cross,
        "targets": checks,
        "missed": [c["target"] for c in missed],
    }
    out = args.out or HERE / "results" / (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d}-{scale.name}-{info['database']}"
        + (f"-{args.nodes}nodos" if args.nodes > 1 else "")
        + ".json"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(f"\nResultados: {out}")
    if not keep and not os.environ.get("BENCH_KEEP"):
        shutil.rmtree(folder, ignore_errors=True)
    if missed:
        print("\nFuera de meta:")
        for c in missed:
            print(f"  - {c['target']}: {c['detail']}")
        return 1
    print("\nTodas las metas cumplidas.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:
        traceback.print_exc()
        sys.exit(2)

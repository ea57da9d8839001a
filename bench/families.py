"""What the bench builds and measures, declared per app: dataset builders and page families.

Each app that has something to measure adds ``bench/apps/<app label>.py`` (``proposals.py``,
``commitments.py``, ``mesas.py``, ...) and registers there, at import time:

    from families import Dataset, PageFamily, dataset_builder, page_family

    @dataset_builder("commitments", after=("proposals",))
    def build(data: Dataset) -> None:
        n = data.scale.counts["commitments"]          # 1,000 at scale L
        ...bulk_create in batches, data.progress("compromisos", done, n)...
        data.facts["commitment_ids"] = [...]          # what the page families need

    page_family(PageFamily(
        key="commitment_detail", label="/compromisos/<id>/", app="commitments", order=60,
        paths=lambda facts: [f"/compromisos/{pk}/" for pk in facts["commitment_ids"][:500]],
    ))

The bench imports ``bench/apps/<label>.py`` only for apps in ``INSTALLED_APPS``, so a module
for an app not yet on main is simply not loaded. Builders run in dependency order (``after``),
once, in the bench process, before the server starts; families are measured in ``order``.
Targets (query budgets, which target group a family belongs to) live in ``targets.py``.

A kept dataset (``--data-dir``) records which builders ran, with their ``version``; on reuse
only new builders and builders whose version changed run (after migrating). So: bump a
builder's ``version`` when what it writes changes and it can run again over what its previous
version wrote (replace or top up its own rows, as the evaluation builder does); bump
``run.DATASET_VERSION`` only when it cannot, or when the change invalidates what later
builders wrote: every kept dataset is then rebuilt whole (3 minutes at L on SQLite, 5 on
PostgreSQL).

A family may give ``check(base_url, facts) -> problem or None``: run once against the server
after its load (does the page show what the dataset holds?); a problem is a missed target.
"""

from __future__ import annotations

import importlib
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Scale:
    """How much data: ``counts`` is the single place sizes come from (apps read their key)."""

    name: str
    counts: dict[str, int]
    #: Seconds of load per page family, connections, and submissions in the burst.
    seconds: float
    connections: int
    submissions: int
    #: Seconds of unrecorded load before each GET family: every worker compiles its templates
    #: and fills its caches first (a cold worker answers its first page in seconds).
    warmup: float = 2


SCALES = {
    # L: a national cycle. Keys for apps not on main yet are here so their builders need
    # nothing else: commitments, milestones, measurements, mesas, registrations, scores.
    "L": Scale(
        "L",
        counts={
            "proposals": 100_000,
            "organisations": 2_000,
            "commitments": 1_000,
            "milestones": 10_000,
            "measurements": 20_000,
            "mesas": 200,
            "registrations": 10_000,
            "scores_per_proposal": 3,
        },
        seconds=10,
        connections=16,
        submissions=500,
    ),
    "S": Scale(
        "S",
        counts={
            "proposals": 10_000,
            "organisations": 200,
            "commitments": 100,
            "milestones": 1_000,
            "measurements": 2_000,
            "mesas": 20,
            "registrations": 1_000,
            "scores_per_proposal": 3,
        },
        seconds=10,
        connections=16,
        submissions=300,
    ),
    # T: tiny, for the test that keeps the bench from rotting (about a second per page).
    "T": Scale(
        "T",
        counts={
            "proposals": 500,
            "organisations": 40,
            "commitments": 10,
            "milestones": 50,
            "measurements": 100,
            "mesas": 4,
            "registrations": 40,
            "scores_per_proposal": 3,
        },
        seconds=1,
        connections=8,
        submissions=30,
        warmup=0,
    ),
}

SEED = 20261130


class Dataset:
    """What a builder gets: the scale, a seeded random generator of its own, the facts shared
    with page families (JSON-able), and a progress bar on stderr."""

    def __init__(self, scale: Scale, facts: dict[str, Any]):
        self.scale = scale
        self.facts = facts
        self.rng = random.Random(SEED)
        self._last_draw = 0.0
        self._finished: set[str] = set()

    def for_app(self, app: str) -> Dataset:
        """The same dataset with a generator seeded for ``app`` alone, so adding a builder
        never changes another app's data."""
        clone = Dataset(self.scale, self.facts)
        clone.rng = random.Random(f"{SEED}:{app}")
        clone._finished = self._finished
        return clone

    def progress(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if label in self._finished or (done < total and now - self._last_draw < 0.2):
            return
        if done >= total:
            self._finished.add(label)
        self._last_draw = now
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r  {label:<28} [{bar}] {done:>9,}/{total:,}{end}")
        sys.stderr.flush()


@dataclass
class DatasetBuilder:
    app: str
    build: Callable[[Dataset], None]
    after: tuple[str, ...] = ()
    #: Bumped when what the builder writes changes: a kept dataset runs it again (only it).
    version: int = 1


#: The builders (and versions) of the datasets kept before markers listed them (marker
#: format of ``DATASET_VERSION`` 3): such a marker means every one of these ran.
BUILDERS_BEFORE_MARKER_LIST = {
    "core": 1,
    "plans": 1,
    "forum": 1,
    "proposals": 1,
    "mesas": 1,
    "commitments": 1,
}


@dataclass
class Measurement:
    """One row of the table."""

    requests: int = 0
    seconds: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    max: float = 0.0
    errors: int = 0  # 5xx, refused, timed out, or an answer that is not the expected one
    queries: int | None = None  # SQL queries of one warm request (X-Bench-Queries)
    queries_cold: int | None = None  # ...of the first request after the server started
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class PageFamily:
    """A public page (or flow) to measure.

    GET families give ``paths`` (a list, or a function of the dataset's facts): wrk cycles
    through them from a second process. Flows that need a real client (a POST with CSRF, a
    two-step form) give ``driver(context) -> Measurement`` instead (see ``load.py``).
    """

    key: str
    label: str
    app: str
    order: int
    paths: list[str] | Callable[[dict[str, Any]], list[str]] | None = None
    driver: Callable[[Any], Measurement] | None = None
    #: ``check(base_url, facts)``: what is wrong with what the page shows, or None.
    check: Callable[[str, dict[str, Any]], str | None] | None = None

    def resolve_paths(self, facts: dict[str, Any]) -> list[str]:
        if self.paths is None:
            return []
        return list(self.paths(facts) if callable(self.paths) else self.paths)


BUILDERS: dict[str, DatasetBuilder] = {}
FAMILIES: dict[str, PageFamily] = {}


def dataset_builder(app: str, *, after: tuple[str, ...] = (), version: int = 1):
    def register(build: Callable[[Dataset], None]):
        BUILDERS[app] = DatasetBuilder(app=app, build=build, after=after, version=version)
        return build

    return register


def page_family(family: PageFamily) -> PageFamily:
    if family.key in FAMILIES:
        raise ValueError(f"Familia de páginas repetida: {family.key}")
    FAMILIES[family.key] = family
    return family


def discover() -> list[str]:
    """Import ``bench/apps/<label>.py`` for every installed Abierto app (after Django is set
    up). Returns the labels loaded."""
    from django.apps import apps

    loaded = []
    sys.path.insert(0, str(HERE))
    for config in apps.get_app_configs():
        if not config.name.startswith("abierto."):
            continue
        if (HERE / "apps" / f"{config.label}.py").exists():
            importlib.import_module(f"apps.{config.label}")
            loaded.append(config.label)
    return loaded


def builders_in_order() -> list[DatasetBuilder]:
    ordered: list[DatasetBuilder] = []

    def visit(app: str, path: tuple[str, ...]) -> None:
        if app in path:
            raise RuntimeError(f"Ciclo entre constructores de datos: {' -> '.join(path)}")
        builder = BUILDERS.get(app)
        if builder is None or builder in ordered:
            return
        for before in builder.after:
            visit(before, (*path, app))
        ordered.append(builder)

    for app in sorted(BUILDERS):
        visit(app, ())
    return ordered


def families_in_order() -> list[PageFamily]:
    return sorted(FAMILIES.values(), key=lambda f: (f.order, f.key))

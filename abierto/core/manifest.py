"""Each app declares itself in one place: ``abierto/<app>/manifest.py`` holds ``MANIFEST``.

``core`` discovers the manifests of every installed ``abierto.*`` app and builds from them what
used to be hand-kept lists: the public URL map, the back office (/gestion/) with its sections,
the demo loaders (in dependency order), the audit verbs and the models with a public history.
Adding an app means adding it to ``INSTALLED_APPS`` and writing its manifest; nothing in
``core`` or ``config`` changes. See docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise

from .audit import Verb


@dataclass(frozen=True)
class StaffSection:
    """A card on the back-office dashboard, shown to whoever holds ``permission``.

    ``count(user)``, when given, returns a short text of what waits for that person
    ("3 propuestas esperan revisión") or ``None``.
    """

    title: str | Promise
    description: str | Promise
    url_name: str
    permission: str
    order: int = 100
    count: Callable[[object], str | None] | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Figure:
    """A number on the home page with what it counts (``label`` already pluralised) and an
    optional link."""

    value: int
    label: str | Promise
    url: str = ""
    order: int = 100


@dataclass(frozen=True)
class AppManifest:
    #: Public URL includes: ``(prefix, "abierto.app.urls")``; the module's ``app_name`` is
    #: its namespace.
    urls: Sequence[tuple[str, str]] = ()
    #: Back-office URLs, included at ``/gestion/<prefix>`` inside the ``staff`` namespace.
    staff_urls: tuple[str, str] | None = None
    staff_sections: Sequence[StaffSection] = ()
    #: Module with an idempotent ``load()`` that writes demo data through the services.
    demo: str | None = None
    #: App labels whose demo must be loaded before this one.
    demo_after: Sequence[str] = ()
    #: Audit verbs this app records (``core.audit.Verb``).
    verbs: Sequence[Verb] = ()
    #: Models (``"app_label.model"``) whose audit history the public may read.
    public_history: Sequence[str] = ()
    #: Module declaring the app's open datasets (``DATASETS``).
    exports: str | None = None
    #: Module holding the app's API ``router``.
    api: str | None = None
    #: ``home_figures()`` -> ``[Figure, ...]``: what the app counts on the home page
    #: (proposals received, commitments on track): cheap, cached reads.
    home_figures: Callable[[], Sequence[Figure]] | None = None
    label: str = field(default="", compare=False)


@cache
def manifests() -> tuple[AppManifest, ...]:
    """The manifest of every installed ``abierto.*`` app, in ``INSTALLED_APPS`` order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("abierto.") or config.name == "abierto.core":
            continue
        try:
            module = import_module(f"{config.name}.manifest")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.manifest":
                raise
            continue
        manifest = module.MANIFEST
        object.__setattr__(manifest, "label", config.label)
        found.append(manifest)
    return tuple(found)


def staff_sections() -> list[StaffSection]:
    return sorted((s for m in manifests() for s in m.staff_sections), key=lambda s: s.order)


def demo_order() -> list[AppManifest]:
    """Manifests with a demo, each after the apps it names in ``demo_after``."""
    with_demo = {m.label: m for m in manifests() if m.demo}
    ordered: list[AppManifest] = []
    visiting: set[str] = set()

    def visit(label: str) -> None:
        if label not in with_demo or with_demo[label] in ordered:
            return
        if label in visiting:
            raise RuntimeError(f"Ciclo en demo_after: {label}")
        visiting.add(label)
        for before in with_demo[label].demo_after:
            visit(before)
        visiting.discard(label)
        ordered.append(with_demo[label])

    for label in with_demo:
        visit(label)
    return ordered


@cache
def verbs() -> dict[str, Verb]:
    """Every audit verb of every app, by code (a code declared twice is an error)."""
    from .audit import CORE_VERBS

    registry: dict[str, Verb] = {v.code: v for v in CORE_VERBS}
    for manifest in manifests():
        for verb in manifest.verbs:
            if verb.code in registry and registry[verb.code] is not verb:
                raise RuntimeError(f"Verbo de auditoría declarado dos veces: {verb.code}")
            registry[verb.code] = verb
    return registry


@cache
def public_history_models() -> frozenset[str]:
    return frozenset(label.lower() for m in manifests() for label in m.public_history)


def home_figures() -> list[Figure]:
    figures = [f for m in manifests() if m.home_figures for f in m.home_figures()]
    return sorted(figures, key=lambda f: f.order)

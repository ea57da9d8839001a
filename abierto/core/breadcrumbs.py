"""Breadcrumbs for every page below the top level, from the page's own address.

Each ancestor of the path (``/planes/x/versiones/1/`` → ``/planes/``, ``/planes/x/``, …) that
is a page with a known name becomes a crumb: the sections of the main navigation and the
back-office sections that apps declare in their manifests. Object pages in between (a plan
reached from its versions) have no fixed name and are left out. The current page is not a
crumb: its ``<h1>`` names it. Rendered once, by ``core/_breadcrumbs.html`` in ``base.html``.
"""

from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _

#: Public sections (those of the main navigation) by URL name.
SECTIONS = {
    "content:page_index": _("Gobierno abierto"),
    "plans:list": _("Planes de acción"),
    "proposals:list": _("Propuestas"),
    "mesas:list": _("Mesas"),
    "commitments:dashboard": _("Seguimiento"),
    "commitments:list": _("Compromisos"),
    "forum:forum": _("Grupo Núcleo"),
    "forum:actors": _("Actores"),
    "content:documents": _("Documentos"),
    "opendata:catalogue": _("Datos abiertos"),
    "staff:dashboard": _("Gestión"),
}


def _names() -> dict:
    from .manifest import manifests

    names = dict(SECTIONS)
    for manifest in manifests():
        for section in manifest.staff_sections:
            names.setdefault(section.url_name, section.title)
    return names


def trail(path: str) -> list[tuple[str, str]]:
    """``[(label, url), ...]`` from the home page down to the page's parent (empty on the
    home page and on top-level pages, whose only ancestor would be the home page)."""
    parts = [part for part in path.split("/") if part]
    if len(parts) < 2:
        return []
    try:
        home = reverse("content:home")
    except NoReverseMatch:
        home = "/"
    names = _names()
    crumbs = [(str(_("Inicio")), home)]
    for depth in range(1, len(parts)):
        prefix = "/" + "/".join(parts[:depth]) + "/"
        try:
            match = resolve(prefix)
        except Resolver404:
            continue
        label = names.get(match.view_name)
        if label is not None:
            crumbs.append((str(label), prefix))
    return crumbs

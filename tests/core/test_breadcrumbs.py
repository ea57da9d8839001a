"""Breadcrumbs: one include, on every page below the top level, never twice."""

import re

import pytest

from abierto.core.breadcrumbs import trail
from abierto.core.roles import Role
from abierto.forum import demo as forum_demo
from abierto.plans import demo as plans_demo

from ..helpers import make_user

pytestmark = pytest.mark.django_db


def _crumbs(html: str) -> list[tuple[str, str]]:
    navs = re.findall(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', html, re.S)
    assert len(navs) <= 1, "one trail per page"
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', navs[0]) if navs else []


def test_top_level_pages_have_no_trail(client):
    for url in ("/", "/planes/", "/propuestas/", "/actores/"):
        assert _crumbs(client.get(url).content.decode()) == [], url


def test_pages_below_the_top_level_show_the_way_back(client):
    forum_demo.load()
    plans_demo.load()
    html = client.get("/planes/segundo-plan-de-accion-2022-2024/").content.decode()
    assert _crumbs(html) == [("/", "Inicio"), ("/planes/", "Planes de acción")]
    # A page with its own trail naming the objects above it shows that one only, drawn the
    # same way (one trail, same markup).
    html = client.get("/planes/primer-plan-de-accion-2019-2022/versiones/1/").content.decode()
    assert [url for url, _label in _crumbs(html)] == [
        "/planes/",
        "/planes/primer-plan-de-accion-2019-2022/",
    ]


def test_no_page_draws_a_trail_by_hand():
    """Every trail uses the breadcrumbs markup (nav > ol > li), never a paragraph with ›."""
    import pathlib

    templates = pathlib.Path(__file__).resolve().parents[2] / "abierto"
    hand_drawn = [
        str(path)
        for path in templates.glob("*/templates/**/*.html")
        if re.search(r'<p class="small"><a [^>]*>[^<]*</a> ›', path.read_text())
    ]
    assert hand_drawn == []


def test_back_office_pages_lead_back_to_gestion(client):
    client.force_login(make_user("foro@example.org", Role.FORUM_MEMBER))
    html = client.get("/gestion/propuestas/").content.decode()
    assert _crumbs(html) == [("/", "Inicio"), ("/gestion/", "Gestión")]
    assert _crumbs(client.get("/gestion/").content.decode()) == []


def test_trail_names_back_office_sections_from_the_manifests():
    names = [label for label, _url in trail("/gestion/propuestas/nueva/")]
    assert names[:2] == ["Inicio", "Gestión"] and len(names) == 3

import re

import pytest
from django.urls import reverse

from abierto.content import demo

from .factories import make_page

pytestmark = pytest.mark.django_db


def _english(client):
    response = client.post("/idioma/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_every_information_page_renders_in_spanish(client):
    demo.load()
    index = client.get(reverse("content:page_index"))
    assert index.status_code == 200
    html = index.content.decode()
    for data in demo.PAGES:
        assert data["title"] in html
        page = client.get(reverse("content:page", kwargs={"slug": data["slug"]}))
        assert page.status_code == 200
        body = page.content.decode()
        assert f"<h1>{data['title']}</h1>" in body
        assert page["Content-Language"] == "es"


def test_home_shows_motto_cycle_and_links(client):
    demo.load()
    html = client.get("/").content.decode()
    assert "Transparencia, participación y colaboración" in html
    for step in ("Informarse", "Cocrear", "Evaluar", "Dar seguimiento"):
        assert step in html
    for href in ("/propuestas/nueva/", "/planes/", "/documentos/", "/gobierno-abierto/pilares/"):
        assert f'href="{href}"' in html


def test_english_switch_shows_english_page_text(client):
    demo.load()
    _english(client)
    page = client.get("/gobierno-abierto/que-es-gobierno-abierto/")
    html = page.content.decode()
    assert page["Content-Language"] == "en"
    assert "<h1>What open government is and what it aims for</h1>" in html
    assert "Strengthen democracy" in html
    assert "Fortalecer la democracia" not in html
    index = client.get("/gobierno-abierto/").content.decode()
    assert "The four pillars of open government" in index
    home = client.get("/").content.decode()
    assert "Send a proposal" in home
    assert "Transparency, participation and collaboration" in home


def test_page_without_english_body_falls_back_to_spanish_with_a_note(client):
    make_page(slug="solo-espanol", title="Solo en español", title_en="", body_en="")
    _english(client)
    html = client.get("/gobierno-abierto/solo-espanol/").content.decode()
    assert "<h1>Solo en español</h1>" in html
    assert "not yet translated into English" in html
    assert '<article class="page-article" lang="es">' in html


def test_unpublished_and_unknown_pages_are_not_found(client):
    make_page(slug="borrador", is_published=False)
    assert client.get("/gobierno-abierto/borrador/").status_code == 404
    assert client.get("/gobierno-abierto/no-existe/").status_code == 404
    assert "Página de prueba" not in client.get("/gobierno-abierto/").content.decode()


def test_markdown_in_a_page_cannot_run_script(client):
    make_page(
        slug="peligrosa",
        body=(
            "Hola <script>alert('x')</script>\n\n"
            "[clic](javascript:alert(1))\n\n"
            '<img src="x" onerror="alert(2)">\n\n'
            '<a href="https://ok.example" onclick="alert(3)">enlace</a>'
        ),
    )
    html = client.get("/gobierno-abierto/peligrosa/").content.decode()
    article = html.split('class="prose"', 1)[1].split("</article>", 1)[0].lower()
    for needle in ("<script", "javascript:", "onerror", "onclick", "<img"):
        assert needle not in article
    assert "hola" in article


def test_home_and_page_query_counts_are_fixed(client, django_assert_max_num_queries):
    demo.load()
    # pages, open stage, two proposal counts, the mesas held and the published participation
    # figure (then cached)
    with django_assert_max_num_queries(6):
        response = client.get("/")
    assert response.status_code == 200
    with django_assert_max_num_queries(2):
        client.get("/")
    with django_assert_max_num_queries(1):
        response = client.get("/gobierno-abierto/pilares/")
    assert response.status_code == 200


def test_home_leads_with_the_open_call_and_days_left(client):
    import datetime

    from django.utils import timezone

    from abierto.proposals import demo as proposals_demo

    assert "Convocatoria abierta" not in client.get("/").content.decode()
    plan = proposals_demo._example_plan(timezone.localdate())
    stage = plan.stages.get(receives_proposals=True)
    html = client.get("/").content.decode()
    assert "Convocatoria abierta" in html
    days = (stage.end_date - timezone.localdate()).days + 1
    assert f"Quedan {days} días." in html
    assert f"/propuestas/nueva/?plan={plan.slug}" in html
    assert isinstance(stage.end_date, datetime.date)


def test_home_figures_mean_something(client):
    html = client.get("/").content.decode()
    assert "propuestas recibidas" in html
    assert "propuestas con respuesta razonada" in html
    assert "páginas informativas" not in html.split("En cifras")[1].split("</section>")[0]


def test_home_links_the_published_participation_to_its_statistics(client):
    from abierto.mesas import demo as mesas_demo
    from abierto.plans import demo as plans_demo

    plans_demo.load()
    mesas_demo.load()
    html = client.get("/").content.decode()
    figures = html.split("En cifras")[1].split("</section>")[0]
    assert "personas participaron en la cocreación del plan 2" in figures
    assert "/participacion/" in figures
    page = client.get(re.search(r'href="([^"]*/participacion/)"', figures).group(1))
    assert page.status_code == 200 and "1260" in page.content.decode().replace(".", "").replace(
        "\u00a0", ""
    ).replace(",", "")

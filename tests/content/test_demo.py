import pytest

from abierto.content import demo
from abierto.content.models import Document, Page

from .factories import make_plan

pytestmark = pytest.mark.django_db


def test_demo_load_twice_duplicates_nothing():
    demo.load()
    counts = (Page.objects.count(), Document.objects.count())
    demo.load()
    assert (Page.objects.count(), Document.objects.count()) == counts
    assert counts[0] == len(demo.PAGES) >= 9
    assert all(page.body_en and page.title_en for page in Page.objects.all())


def test_demo_documents_are_files_or_external_links_and_examples_say_so(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.load()
    for document in Document.objects.all():
        assert bool(document.external_url) != bool(document.file)
        if document.file:
            # Invented documents are generated PDFs that say they are examples.
            assert document.is_example and document.file_type == "application/pdf"
        else:
            assert "opengovpartnership.org" in document.external_url
        if document.is_example:
            assert "ejemplo" in (document.title + document.description).lower()


def test_demo_relates_documents_to_existing_plans_by_number():
    first = make_plan(number=1, slug="primer-plan")
    second = make_plan(number=2, slug="segundo-plan")
    demo.load()
    assert Document.objects.filter(plan=first).exists()
    assert Document.objects.filter(plan=second).exists()


def test_demo_tolerates_missing_plans():
    demo.load()
    assert not Document.objects.filter(plan__isnull=False).exists()


def test_demo_pages_cover_the_required_facts():
    demo.load()
    text = " ".join(page.body for page in Page.objects.all())
    for fact in (
        "18 de julio de 2018",
        "77 países y 106 gobiernos locales",
        "Hitos",
        "Indicadores",
        "Evidencias",
        "Mecanismo de Revisión Independiente",
        "/propuestas/nueva/",
        "/propuestas/estado/",
        "Organismos internacionales",
        "Transparencia, participación y colaboración",
        "Fortalecer la democracia",
        "Generar confianza en los gobiernos",
    ):
        assert fact.lower() in text.lower(), fact

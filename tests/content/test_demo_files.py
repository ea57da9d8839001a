"""The demo's document repository holds real files: every download link answers with the
file as an attachment, its type and size are shown, and links go out only where the source
is external and the page says so."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from abierto.content.models import Document
from abierto.forum.models import ForumMeeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)


def _document_links(client) -> set[str]:
    """Every document page linked from the public list, following its pagination."""
    links: set[str] = set()
    url = reverse("content:documents")
    page = 1
    while True:
        html = client.get(url, {"pagina": page}).content.decode()
        found = {
            part.split('"')[0]
            for part in html.split('href="/documentos/')[1:]
            if part.split('"')[0].rstrip("/").isdigit()
        }
        if not found - links:
            return links
        links |= found
        page += 1


def test_every_download_link_of_the_demo_answers_200_with_the_file(client, demo):
    pages = _document_links(client)
    assert len(pages) == Document.objects.count() >= 20
    downloads = 0
    for pk in sorted(pages):
        document = Document.objects.get(pk=int(pk.rstrip("/")))
        html = client.get(f"/documentos/{pk}").content.decode()
        if document.has_file:
            download = reverse("content:document_file", args=[document.pk])
            assert download in html
            response = client.get(download)
            assert response.status_code == 200, document.title
            assert response["Content-Disposition"].startswith("attachment;")
            assert response["Content-Type"] == document.file_type == "application/pdf"
            body = b"".join(response.streaming_content)
            assert body.startswith(b"%PDF") and len(body) == document.file_size
            assert "PDF (application/pdf)" in html
            downloads += 1
        else:
            # A link only where the source is external, and the page names the host.
            assert "opengovpartnership.org" in document.external_url
            assert f"Enlace externo: {document.external_domain}" in html
        if document.is_example:
            assert "Documento de ejemplo" in html
    assert downloads >= 20


def test_list_shows_type_and_size_of_files_and_the_domain_of_links(client, demo):
    html = client.get(reverse("content:documents"), {"tipo": "plan-de-accion"}).content.decode()
    report = Document.objects.filter(doc_type="plan-de-accion", file__gt="").first()
    assert report is not None and report.title in html
    assert "PDF, " in html and ("KB" in html or "MB" in html)
    assert "Enlace externo: www.opengovpartnership.org" in html


def test_held_forum_meetings_have_an_example_acta(client, demo):
    held = ForumMeeting.objects.filter(is_example=True)
    assert held.exists()
    html = client.get(reverse("forum:forum")).content.decode()
    assert "pendiente de publicar" not in html
    for meeting in held:
        assert meeting.minutes_file
        response = client.get(reverse("forum:minutes", args=[meeting.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        Document.objects.filter(
            title__startswith="Acta de la reunión del Grupo Núcleo", is_example=True
        ).count()
        >= held.count()
    )


def test_closed_plans_reports_and_mesa_actas_are_files(client, demo):
    reports = Document.objects.filter(published_report__isnull=False)
    assert reports.count() == 6  # three reports of each of the two closed plans
    assert all(d.file and "versión 1" in d.title for d in reports)
    actas = Document.objects.filter(title__startswith="Acta de la mesa", is_example=True)
    assert actas.count() >= 3 and all(d.file for d in actas)

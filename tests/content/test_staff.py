import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from abierto.content.models import Document, Page
from abierto.core.models import ActionLog

from .factories import docx_upload, make_document, make_page, make_plan, pdf_upload, text_upload

pytestmark = pytest.mark.django_db

STAFF_URLS = [
    "/gestion/contenido/",
    "/gestion/contenido/paginas/nueva/",
    "/gestion/contenido/documentos/",
    "/gestion/contenido/documentos/nuevo/",
]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_visitor_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/cuenta/login/")


@pytest.mark.parametrize("url", STAFF_URLS)
def test_citizen_is_refused(client, citizen, url):
    client.force_login(citizen)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [u for u in STAFF_URLS if "documentos" not in u])
def test_administration_runs_the_official_pages(client, forum_member, admin_user, url):
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    client.force_login(forum_member)
    assert client.get(url).status_code == 403  # the Grupo Núcleo runs the process, not the site


def test_documents_are_published_by_administration_and_the_forum(client, forum_member, admin_user):
    for user in (forum_member, admin_user):
        client.force_login(user)
        assert client.get("/gestion/contenido/documentos/").status_code == 200


def test_staff_dashboard_lists_the_content_sections_by_role(client, forum_member, admin_user):
    client.force_login(admin_user)
    html = client.get("/gestion/").content.decode()
    assert "Páginas informativas" in html
    assert 'href="/gestion/contenido/"' in html
    client.force_login(forum_member)
    html = client.get("/gestion/").content.decode()
    assert "Páginas informativas" not in html
    assert 'href="/gestion/contenido/documentos/"' in html


def test_page_edit_saves_and_leaves_an_action_log_row(client, admin_user):
    page = make_page(slug="pilares", title="Pilares")
    client.force_login(admin_user)
    response = client.post(
        f"/gestion/contenido/paginas/{page.pk}/editar/",
        {
            "title": "Los cuatro pilares",
            "slug": "pilares",
            "summary": "",
            "body": "## Uno",
            "title_en": "The four pillars",
            "summary_en": "",
            "body_en": "## One",
            "order": "20",
            "is_published": "on",
            "save": "1",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Los cuatro pilares"
    row = ActionLog.objects.get(
        content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk)
    )
    assert row.verb == "page.updated"
    assert row.actor == admin_user
    assert row.actor_role == "administracion"
    assert row.changes["title"] == ["Pilares", "Los cuatro pilares"]
    assert "admin@example.org" not in str(row.data) + str(row.changes)
    history = client.get(f"/historial/content/page/{page.pk}/").content.decode()
    assert "Página actualizada" in history


def test_page_preview_renders_markdown_without_saving(client, admin_user):
    page = make_page(slug="vista", title="Original", body="Texto original")
    client.force_login(admin_user)
    response = client.post(
        f"/gestion/contenido/paginas/{page.pk}/editar/",
        {
            "title": "Cambiado",
            "slug": "vista",
            "body": "## Subtítulo\n\n<script>x()</script>",
            "title_en": "",
            "summary": "",
            "summary_en": "",
            "body_en": "",
            "order": "1",
            "is_published": "on",
            "preview": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vista previa (sin guardar)" in html
    assert "<h2>Subtítulo</h2>" in html
    assert "<script>x()" not in html
    page.refresh_from_db()
    assert page.title == "Original"
    assert not ActionLog.objects.exists()


def test_page_form_errors_are_spanish_and_keep_input(client, admin_user):
    make_page(slug="ocupada")
    client.force_login(admin_user)
    response = client.post(
        "/gestion/contenido/paginas/nueva/",
        {"title": "Mi borrador con tildes", "slug": "ocupada", "body": "", "order": "x"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ya existe una página con esta dirección." in html
    assert "Este campo es obligatorio." in html
    assert "Escriba un número entero." in html
    assert 'value="Mi borrador con tildes"' in html
    assert Page.objects.count() == 1


def test_page_create_leaves_a_log_row(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/gestion/contenido/paginas/nueva/",
        {
            "title": "Nueva",
            "slug": "nueva",
            "body": "Texto",
            "order": "5",
            "is_published": "on",
            "save": "1",
        },
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="nueva")
    assert ActionLog.objects.filter(verb="page.created", object_id=str(page.pk)).exists()
    assert client.get("/gobierno-abierto/nueva/").status_code == 200


def _document_data(**overrides):
    data = {
        "doc_type": "acta",
        "title": "Acta de la sesión",
        "description": "Resumen",
        "date": "2022-09-15",
        "external_url": "",
        "plan": "",
        "language": "es",
    }
    data.update(overrides)
    return data


def test_document_needs_exactly_one_of_file_and_link(client, forum_member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(forum_member)
    neither = client.post("/gestion/contenido/documentos/nuevo/", _document_data())
    assert "Suba un archivo o indique un enlace externo." in neither.content.decode()
    assert 'value="Acta de la sesión"' in neither.content.decode()
    both = client.post(
        "/gestion/contenido/documentos/nuevo/",
        _document_data(external_url="https://example.org/a", upload=pdf_upload()),
    )
    html = both.content.decode()
    assert "Indique un archivo o un enlace externo, no ambos." in html
    assert "vuelva a seleccionarlo" in html
    assert not Document.objects.exists()


def test_a_text_file_named_pdf_is_refused(client, forum_member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(forum_member)
    response = client.post(
        "/gestion/contenido/documentos/nuevo/", _document_data(upload=text_upload("acta.pdf"))
    )
    assert "no corresponde a un PDF válido." in response.content.decode()
    assert not Document.objects.exists()
    assert not any(tmp_path.rglob("*.pdf"))


def test_wrong_extension_and_bad_values_get_spanish_errors(client, forum_member):
    client.force_login(forum_member)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/gestion/contenido/documentos/nuevo/",
        _document_data(
            upload=SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
            date="15/99/2022",
            doc_type="nada",
            plan="999",
        ),
    )
    html = response.content.decode()
    assert "Solo se aceptan archivos PDF, ODT, DOCX, XLSX o CSV" in html
    assert "Escriba una fecha válida" in html
    assert "Elija un tipo de la lista." in html
    assert "Elija un plan de la lista." in html
    assert 'value="15/99/2022"' in html


def test_document_upload_then_switch_to_link(client, forum_member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = make_plan(number=2)
    client.force_login(forum_member)
    response = client.post(
        "/gestion/contenido/documentos/nuevo/",
        _document_data(upload=docx_upload(), plan=str(plan.pk), doc_type="metodologia"),
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file_type.endswith("wordprocessingml.document")
    assert document.plan == plan
    stored = tmp_path / document.file.name
    assert stored.exists()
    assert ActionLog.objects.filter(verb="document.created").count() == 1

    keep_file_and_link = client.post(
        f"/gestion/contenido/documentos/{document.pk}/editar/",
        _document_data(external_url="https://example.org/metodologia"),
    )
    assert "Este documento ya tiene un archivo" in keep_file_and_link.content.decode()

    with_removal = _document_data(external_url="https://example.org/metodologia", remove_file="on")
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/gestion/contenido/documentos/{document.pk}/editar/", with_removal)
    assert response.status_code == 302
    document.refresh_from_db()
    assert not document.file
    assert document.external_url == "https://example.org/metodologia"
    assert not stored.exists()
    assert ActionLog.objects.filter(verb="document.updated").count() == 1


def test_staff_document_list_shows_documents(client, forum_member):
    make_document("Acta visible en gestión", date=datetime.date(2022, 1, 2))
    client.force_login(forum_member)
    assert (
        "Acta visible en gestión" in client.get("/gestion/contenido/documentos/").content.decode()
    )


def test_page_update_service_refuses_a_taken_slug_in_spanish(forum_member):
    from django.core.exceptions import ValidationError

    from abierto.content import services

    page = make_page(slug="a")
    make_page(slug="b", title="Otra")
    with pytest.raises(ValidationError) as error:
        services.page_update(actor=forum_member, page=page, slug="b")
    assert "Ya existe" in " ".join(error.value.messages)
    assert not ActionLog.objects.exists()

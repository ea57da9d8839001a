"""Importing organisations from CSV: all or nothing, with a report of every bad row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from abierto.core.models import ActionLog
from abierto.forum.models import InterestTopic, Organization, Sector
from abierto.forum.services import organizations_import

pytestmark = pytest.mark.django_db

HEADER = "nombre,siglas,sector,nivel,provincia,temas,sitio_web\n"
GOOD = (
    HEADER + "Fundación Esquel,,Sociedad civil,Nacional,Pichincha,Participación ciudadana,"
    "https://www.esquel.org.ec\n"
    + "Universidad Técnica Particular de Loja,UTPL,academia,nacional,Loja,"
    "Datos abiertos; Innovación pública,\n"
    + "Colectivo de Riobamba,,Ciudadanía,Cantonal,Chimborazo,,\n"
)


def test_good_utf8_file_goes_in_whole_with_actionlog(forum_member):
    check, created = organizations_import(actor=forum_member, data=GOOD.encode("utf-8"))
    assert check.ok and check.encoding == "UTF-8"
    assert len(created) == 3
    utpl = Organization.objects.get(acronym="UTPL")
    assert utpl.sector == Sector.ACADEMIA and utpl.province == "loja"
    assert sorted(t.name for t in utpl.topics.all()) == ["Datos abiertos", "Innovación pública"]
    assert ActionLog.objects.filter(verb="organization.imported").count() == 3


def test_utf8_with_bom_and_semicolons(forum_member):
    data = "\ufeff" + GOOD.replace(",", ";").replace(
        "Datos abiertos; Innovación pública", "Datos abiertos| Innovación pública"
    )
    check, created = organizations_import(actor=forum_member, data=data.encode("utf-8"))
    assert check.ok, (check.file_errors, check.problems)
    assert len(created) == 3
    assert Organization.objects.filter(name="Fundación Esquel").exists()


def test_latin1_file_is_read(forum_member):
    check, created = organizations_import(actor=forum_member, data=GOOD.encode("latin-1"))
    assert check.encoding == "Latin-1"
    assert len(created) == 3
    assert Organization.objects.filter(name="Universidad Técnica Particular de Loja").exists()


def test_unreadable_encoding_is_refused_in_spanish(forum_member):
    check, created = organizations_import(actor=forum_member, data=GOOD.encode("utf-16"))
    assert created == [] and not Organization.objects.exists()
    assert "UTF-16" in check.file_errors[0]
    # cp1252 curly quotes (0x93/0x94) are C1 codes in Latin-1: not sensible text.
    data = (HEADER + "Fundación \u201cLuz\u201d,,academia,,,,\n").encode("cp1252")
    check, created = organizations_import(actor=forum_member, data=data)
    assert created == []
    assert "no está en UTF-8 ni en Latin-1" in check.file_errors[0]


def test_wrong_columns_are_named(forum_member):
    data = "nombre,siglas,provincia,correo\nFundación Esquel,,Pichincha,a@b.ec\n"
    check, created = organizations_import(actor=forum_member, data=data.encode())
    assert created == []
    assert any("Falta la columna obligatoria «sector»" in e for e in check.file_errors)
    assert any("Columna desconocida «correo»" in e for e in check.file_errors)


def test_one_bad_row_means_no_row_goes_in_and_each_is_reported(forum_member):
    data = (
        HEADER
        + "Fundación Esquel,,Sociedad civil,,Pichincha,,\n"
        + ",,academia,,,,\n"
        + "Grupo FARO,,Think tank,,Marte,,ftp://faro\n"
        + "fundacion  ESQUEL,,Sociedad civil,,,,\n"
    )
    check, created = organizations_import(actor=forum_member, data=data.encode())
    assert created == [] and not Organization.objects.exists()
    assert not ActionLog.objects.exists()
    by_line = {p.line: " ".join(p.messages) for p in check.problems}
    assert set(by_line) == {3, 4, 5}
    assert "falta el nombre" in by_line[3]
    assert "sector «Think tank» desconocido" in by_line[4]
    assert "provincia «Marte» desconocida" in by_line[4]
    assert "sitio web «ftp://faro»" in by_line[4]
    assert "ya aparece en la fila 2" in by_line[5]


def test_duplicate_of_a_registered_organization_is_refused(forum_member):
    Organization.objects.create(name="Fundación Esquel", sector=Sector.CIVIL_SOCIETY)
    data = HEADER + "FUNDACION ESQUEL,,Sociedad civil,,,,\nNueva,,academia,,,,\n"
    check, created = organizations_import(actor=forum_member, data=data.encode())
    assert created == []
    assert check.problems[0].line == 2
    assert "ya está registrada (como «Fundación Esquel»)" in check.problems[0].messages[0]
    assert Organization.objects.count() == 1
    assert not InterestTopic.objects.exists()


def test_import_page_reports_bad_rows_and_imports_nothing(client, forum_member):
    client.force_login(forum_member)
    bad = HEADER + "Uno,,academia,,,,\nDos,,sector raro,,,,\n"
    response = client.post(
        reverse("staff:forum_org_import"),
        {"file": SimpleUploadedFile("orgs.csv", bad.encode("latin-1"), "text/csv")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "No se importó ninguna fila" in html
    assert "Fila 3" in html and "sector «sector raro» desconocido" in html
    assert not Organization.objects.exists()


def test_import_page_imports_a_good_file(client, forum_member):
    client.force_login(forum_member)
    response = client.post(
        reverse("staff:forum_org_import"),
        {"file": SimpleUploadedFile("orgs.csv", GOOD.encode("utf-8"), "text/csv")},
        follow=True,
    )
    assert "Se importaron 3 organizaciones." in response.content.decode()
    assert Organization.objects.count() == 3


def test_file_mixing_utf8_and_latin1_is_refused(forum_member):
    data = (HEADER + "Fundación Esquel,,academia,,,,\n").encode("utf-8") + (
        "Educación Loja,,academia,,,,\n".encode("latin-1")
    )
    check, created = organizations_import(actor=forum_member, data=data)
    assert created == []
    assert "no está en UTF-8 ni en Latin-1" in check.file_errors[0]


def test_cells_a_spreadsheet_would_run_are_kept_as_text(forum_member):
    data = (
        HEADER
        + '"=HYPERLINK(""https://malo.example"",""clic"")",,academia,,,"@SUM(1+1);Datos",\n'
        + "+593 Colectivo,-5,ciudadania,,,,\n"
        + "\"\t=cmd|' /C calc'!A0\",,ciudadania,,,,\n"
    ).encode()
    check, _created = organizations_import(actor=forum_member, data=data)
    assert check.ok, (check.file_errors, check.problems)
    names = sorted(Organization.objects.values_list("name", flat=True))
    assert names == [
        "'+593 Colectivo",
        '\'=HYPERLINK("https://malo.example","clic")',
        "'=cmd|' /C calc'!A0",
    ]
    assert Organization.objects.get(name="'+593 Colectivo").acronym == "'-5"
    assert sorted(InterestTopic.objects.values_list("name", flat=True)) == ["'@SUM(1+1)", "Datos"]


def test_neutralise_cell():
    from abierto.core.csvsafe import neutralise_cell

    for risky in ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"]:
        assert neutralise_cell(risky) == "'" + risky
    for safe in ["", "Fundación", "1", "'=ya texto", " =espacio"]:
        assert neutralise_cell(safe) == safe

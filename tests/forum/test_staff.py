"""The back office /gestion/foro/: who gets in, services that log, forms that keep input."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from abierto.core.models import ActionLog
from abierto.forum import services
from abierto.forum.models import ForumMeeting, ForumMembership, Organization, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return Organization.objects.create(name="Grupo FARO", sector=Sector.CIVIL_SOCIETY)


def staff_urls(org):
    membership = ForumMembership.objects.create(
        organization=org, start_date=datetime.date(2020, 1, 1)
    )
    meeting = ForumMeeting.objects.create(date=datetime.date(2024, 1, 1), title="Sesión")
    return [
        reverse("staff:forum_index"),
        reverse("staff:forum_org_create"),
        reverse("staff:forum_org_edit", args=[org.pk]),
        reverse("staff:forum_org_import"),
        reverse("staff:forum_topic_create"),
        reverse("staff:forum_membership_create"),
        reverse("staff:forum_membership_edit", args=[membership.pk]),
        reverse("staff:forum_meeting_create"),
        reverse("staff:forum_meeting_edit", args=[meeting.pk]),
    ]


def test_anonymous_visitors_are_sent_to_login(client, org):
    for url in staff_urls(org):
        response = client.get(url)
        assert response.status_code == 302 and "/cuenta/login/" in response["Location"]


def test_citizens_get_the_403_page(client, citizen, org):
    client.force_login(citizen)
    for url in staff_urls(org):
        response = client.get(url)
        assert response.status_code == 403
        assert "No tiene permiso" in response.content.decode()


def test_the_forum_keeps_its_roster_not_administration(client, forum_member, admin_user, org):
    urls = staff_urls(org)
    client.force_login(forum_member)
    for url in urls:
        assert client.get(url).status_code == 200, url
    client.force_login(admin_user)
    for url in urls:
        assert client.get(url).status_code == 403, url


def test_organization_service_logs_and_refuses_duplicates(forum_member, org):
    created = services.organization_save(
        actor=forum_member, name="Fundación Esquel", sector=Sector.CIVIL_SOCIETY
    )
    assert ActionLog.objects.filter(verb="organization.created", object_id=str(created.pk)).exists()
    with pytest.raises(Exception) as exc:
        services.organization_save(actor=forum_member, name="grupo faro", sector=Sector.ACADEMIA)
    assert "Ya existe una organización" in str(exc.value)


def test_organization_form_names_the_duplicate_and_keeps_input(client, forum_member, org):
    client.force_login(forum_member)
    html = client.post(
        reverse("staff:forum_org_create"),
        {
            "name": "GRUPO FÁRO",
            "acronym": "GF",
            "sector": "academia",
            "level": "nacional",
        },
    ).content.decode()
    assert "Ya existe una organización con ese nombre: «Grupo FARO»." in html
    assert 'value="GRUPO FÁRO"' in html and 'value="GF"' in html


def test_membership_term_ending_before_it_starts_is_refused(client, forum_member, org):
    client.force_login(forum_member)
    html = client.post(
        reverse("staff:forum_membership_create"),
        {
            "organization": org.pk,
            "role": "presidencia",
            "person_name": "Ana Pérez",
            "start_date": "2024-05-01",
            "end_date": "2024-01-01",
        },
    ).content.decode()
    assert "termina antes de empezar" in html and 'value="Ana Pérez"' in html
    assert not ForumMembership.objects.exists()


def test_meeting_with_pdf_minutes_is_logged_and_served(client, forum_member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(forum_member)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = client.post(
        reverse("staff:forum_meeting_create"),
        {
            "date": "2024-03-05",
            "title": "Sesión ordinaria",
            "agenda": "Punto 1",
            "attendance_count": "13",
            "minutes_file": SimpleUploadedFile("acta.pdf", pdf),
        },
    )
    assert response.status_code == 302
    meeting = ForumMeeting.objects.get()
    assert ActionLog.objects.filter(verb="meeting.created", object_id=str(meeting.pk)).exists()
    client.logout()
    html = client.get("/grupo-nucleo/").content.decode()
    assert f"/grupo-nucleo/reuniones/{meeting.pk}/acta/" in html
    download = client.get(f"/grupo-nucleo/reuniones/{meeting.pk}/acta/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == pdf


def test_meeting_minutes_must_be_a_pdf(client, forum_member):
    client.force_login(forum_member)
    html = client.post(
        reverse("staff:forum_meeting_create"),
        {
            "date": "2024-03-05",
            "title": "Sesión",
            "minutes_file": SimpleUploadedFile("acta.pdf", b"no soy un pdf"),
        },
    ).content.decode()
    assert "no corresponde a un PDF válido" in html
    assert not ForumMeeting.objects.exists()


def test_staff_member_list_says_when_each_term_starts_and_ends(client, forum_member, org):
    ForumMembership.objects.create(organization=org, start_date=datetime.date(2020, 1, 1))
    ForumMembership.objects.create(
        organization=org,
        start_date=datetime.date(2018, 8, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    client.force_login(forum_member)
    html = client.get(reverse("staff:forum_index")).content.decode()
    assert "(desde el 1 de enero de 2020)" in html
    assert "(desde el 1 de agosto de 2018 hasta el 31 de diciembre de 2019)" in html

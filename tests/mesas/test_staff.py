"""Back office of mesas: who may see and do what, check-in, export, minutes."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from abierto.core.roles import Role
from abierto.mesas import services
from abierto.mesas.models import Attendance, AttendeeProfile, Mesa, MesaStatus

from ..helpers import make_user
from .factories import make_facilitator, make_mesa, register, soon

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def two_mesas():
    ana = make_facilitator("ana@example.org")
    beto = make_facilitator("beto@example.org")
    mesa_a = make_mesa(title="Mesa A", facilitators=[ana])
    mesa_b = make_mesa(title="Mesa B", facilitators=[beto])
    register(mesa_b, 1, prefix="b")
    return ana, mesa_a, mesa_b


MANAGE_URLS = [
    ("staff:mesas_manage", "get"),
    ("staff:mesas_checkin", "get"),
    ("staff:mesas_checkin", "post"),
    ("staff:mesas_registrations_csv", "get"),
    ("staff:mesas_minutes", "get"),
    ("staff:mesas_minutes", "post"),
    ("staff:mesas_held", "post"),
]


@pytest.mark.parametrize(("name", "method"), MANAGE_URLS)
def test_facilitator_of_mesa_a_cannot_reach_mesa_b(client, two_mesas, name, method):
    ana, _mesa_a, mesa_b = two_mesas
    client.force_login(ana)
    response = getattr(client, method)(reverse(name, args=[mesa_b.pk]))
    assert response.status_code == 403
    assert not Attendance.objects.filter(mesa=mesa_b).exists()
    assert Mesa.objects.get(pk=mesa_b.pk).status == MesaStatus.SCHEDULED


def test_facilitator_sees_only_their_mesas_and_cannot_convene(client, two_mesas):
    ana, mesa_a, _mesa_b = two_mesas
    client.force_login(ana)
    html = client.get(reverse("staff:mesas_index")).content.decode()
    assert "Mesa A" in html and "Mesa B" not in html
    assert client.get(reverse("staff:mesas_manage", args=[mesa_a.pk])).status_code == 200
    for name in ("staff:mesas_edit", "staff:mesas_cancel", "staff:mesas_facilitators"):
        assert client.get(reverse(name, args=[mesa_a.pk])).status_code == 403
    assert client.get(reverse("staff:mesas_new")).status_code == 403


def test_anonymous_goes_to_sign_in_and_citizen_gets_403(client, two_mesas, citizen):
    _ana, mesa_a, _b = two_mesas
    url = reverse("staff:mesas_manage", args=[mesa_a.pk])
    assert "/cuenta/login/" in client.get(url)["Location"]
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    assert client.get(reverse("staff:mesas_index")).status_code == 403


def test_administration_is_not_the_grupo_nucleo_for_mesas(client, two_mesas, admin_user):
    _ana, mesa_a, _b = two_mesas
    client.force_login(admin_user)
    assert client.get(reverse("staff:mesas_manage", args=[mesa_a.pk])).status_code == 403


def test_grupo_nucleo_convenes_assigns_and_cancels(client, forum_member):
    from ..plans.factories import make_plan

    plan = make_plan(number=40, slug="plan-40")
    facilitator = make_facilitator()
    client.force_login(forum_member)
    day = soon(days=15).date()
    response = client.post(
        reverse("staff:mesas_new"),
        {
            "plan": plan.pk,
            "title": "Mesa territorial de Loja",
            "kind": "territorial",
            "modality": "presencial",
            "day": day.isoformat(),
            "start_time": "09:00",
            "end_time": "12:30",
            "city": "Loja",
            "province": "loja",
            "venue_address": "Universidad, aula magna",
            "capacity": "50",
        },
    )
    mesa = Mesa.objects.get(title="Mesa territorial de Loja")
    assert response["Location"] == reverse("staff:mesas_facilitators", args=[mesa.pk])
    local = mesa.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=-5)))
    assert (local.date(), local.hour, local.minute) == (day, 9, 0)
    client.post(
        reverse("staff:mesas_facilitators", args=[mesa.pk]), {"facilitators": [facilitator.pk]}
    )
    assert list(mesa.facilitators.all()) == [facilitator]
    response = client.post(reverse("staff:mesas_cancel", args=[mesa.pk]), {"reason": "corto"})
    assert "10 letras o más" in response.content.decode()
    client.post(
        reverse("staff:mesas_cancel", args=[mesa.pk]),
        {"reason": "El auditorio no estará disponible."},
    )
    mesa.refresh_from_db()
    assert mesa.status == MesaStatus.CANCELLED


def test_mesa_form_says_when_the_end_is_before_the_start(client, forum_member):
    from ..plans.factories import make_plan

    plan = make_plan(number=41, slug="plan-41")
    client.force_login(forum_member)
    response = client.post(
        reverse("staff:mesas_new"),
        {
            "plan": plan.pk,
            "title": "Mesa al revés",
            "kind": "territorial",
            "modality": "virtual",
            "day": soon().date().isoformat(),
            "start_time": "12:00",
            "end_time": "09:00",
            "city": "Quito",
            "province": "pichincha",
            "capacity": "10",
        },
    )
    html = response.content.decode()
    assert "La hora de fin debe ser posterior" in html
    assert 'value="Mesa al revés"' in html
    assert not Mesa.objects.exists()


def test_check_in_by_code_then_profile_then_twice_is_refused(client, two_mesas):
    ana, mesa_a, _b = two_mesas
    (registration,) = register(mesa_a, 1, prefix="a")
    client.force_login(ana)
    url = reverse("staff:mesas_checkin", args=[mesa_a.pk])
    html = client.get(url, {"q": registration.code.lower()}).content.decode()
    assert "Persona 0" in html
    response = client.post(url, {"accion": "inscripcion", "inscripcion": registration.pk})
    attendance = Attendance.objects.get()
    assert response["Location"] == reverse("staff:mesas_profile", args=[mesa_a.pk, attendance.pk])
    client.post(response["Location"], {"gender": "mujer", "age_range": "45-64"})
    assert AttendeeProfile.objects.get().gender == "mujer"
    response = client.post(
        url, {"accion": "inscripcion", "inscripcion": registration.pk}, follow=True
    )
    assert "ya registró su asistencia" in response.content.decode()
    assert Attendance.objects.count() == 1


def test_walk_in_and_declined_profile(client, two_mesas):
    ana, mesa_a, _b = two_mesas
    client.force_login(ana)
    response = client.post(
        reverse("staff:mesas_checkin", args=[mesa_a.pk]), {"accion": "sin-inscripcion"}
    )
    client.post(response["Location"], {"omitir": "1"})
    attendance = Attendance.objects.get()
    assert attendance.registration is None and attendance.profile_done
    assert not AttendeeProfile.objects.exists()


def test_registrations_csv_for_the_mesas_facilitator(client, two_mesas):
    ana, mesa_a, _b = two_mesas
    services.registration_create(
        actor=None, mesa=mesa_a, name="=HYPERLINK(1)", email="x@example.org"
    )
    client.force_login(ana)
    response = client.get(reverse("staff:mesas_registrations_csv", args=[mesa_a.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0] == "codigo,nombre,correo,estado,inscrita_el,asistio"
    assert "'=HYPERLINK(1)" in body and "x@example.org" in body


def test_minutes_with_signed_pdf_are_published_and_served_as_attachment(client, two_mesas):
    ana, mesa_a, _b = two_mesas
    client.force_login(ana)
    with time_machine.travel(mesa_a.starts_at + datetime.timedelta(hours=4)):
        client.post(reverse("staff:mesas_held", args=[mesa_a.pk]))
        not_pdf = SimpleUploadedFile("acta.pdf", b"hola, no soy un PDF", "application/pdf")
        response = client.post(
            reverse("staff:mesas_minutes", args=[mesa_a.pk]),
            {
                "agenda": "1. Bienvenida",
                "summary": "Se habló de datos abiertos.",
                "attendee_count": "12",
                "signed_file": not_pdf,
            },
        )
        assert "no es un PDF válido" in response.content.decode()
        pdf = SimpleUploadedFile("acta.pdf", PDF, "application/pdf")
        client.post(
            reverse("staff:mesas_minutes", args=[mesa_a.pk]),
            {
                "agenda": "1. Bienvenida",
                "summary": "Se habló de datos abiertos.",
                "agreements": "Publicar los datos de obras.",
                "attendee_count": "12",
                "signed_file": pdf,
            },
        )
    client.logout()
    html = client.get(reverse("mesas:detail", args=[mesa_a.pk])).content.decode()
    assert "Acta de la mesa" in html and "Publicar los datos de obras." in html
    response = client.get(reverse("mesas:minutes_file", args=[mesa_a.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    documents = client.get(reverse("content:documents")).content.decode()
    assert f"Acta de la mesa: {mesa_a.title}" in documents
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_forum_member_manages_every_mesa(client, two_mesas, forum_member):
    _ana, _mesa_a, mesa_b = two_mesas
    client.force_login(forum_member)
    html = client.get(reverse("staff:mesas_index")).content.decode()
    assert "Mesa A" in html and "Mesa B" in html
    assert client.get(reverse("staff:mesas_manage", args=[mesa_b.pk])).status_code == 200


def test_facilitators_must_hold_a_role(client, forum_member):
    mesa = make_mesa()
    someone = make_user("nadie@example.org", Role.CITIZEN)
    client.force_login(forum_member)
    client.post(reverse("staff:mesas_facilitators", args=[mesa.pk]), {"facilitators": [someone.pk]})
    assert not mesa.facilitators.exists()


def test_staff_list_query_count_is_pinned(client, forum_member, django_assert_max_num_queries):
    for _n in range(3):
        register(make_mesa(), 2)
    client.force_login(forum_member)
    client.get(reverse("staff:mesas_index"))
    with django_assert_max_num_queries(5):
        client.get(reverse("staff:mesas_index"))
    for _n in range(10):
        register(make_mesa(), 1)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("staff:mesas_index"))
    assert response.content.decode().count("/gestion/mesas/") >= 13


@pytest.mark.parametrize("value", ["9223372036854775808", "²", "abc", "", "-1"])
def test_check_in_with_a_bad_registration_value_says_so(client, two_mesas, value):
    ana, mesa_a, _b = two_mesas
    client.force_login(ana)
    response = client.post(
        reverse("staff:mesas_checkin", args=[mesa_a.pk]),
        {"accion": "inscripcion", "inscripcion": value},
        follow=True,
    )
    assert response.status_code == 200
    assert "No encontramos esa inscripción" in response.content.decode()
    assert not Attendance.objects.exists()

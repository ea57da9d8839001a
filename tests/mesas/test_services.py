"""The rules of mesas, as the services enforce them (real database, real task worker)."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from abierto.core.models import ActionLog
from abierto.mesas import services
from abierto.mesas.models import (
    Attendance,
    AttendeeProfile,
    MesaStatus,
    Registration,
    RegistrationStatus,
)

from .factories import make_facilitator, make_mesa, register, soon

pytestmark = pytest.mark.django_db


def test_registration_past_capacity_goes_to_the_waiting_list_in_order():
    mesa = make_mesa(capacity=2)
    first, second, third, fourth = register(mesa, 4)
    assert [r.status for r in (first, second)] == [RegistrationStatus.CONFIRMED] * 2
    assert [r.status for r in (third, fourth)] == [RegistrationStatus.WAITING] * 2


@pytest.mark.django_db(transaction=True)
def test_cancelling_a_confirmed_place_promotes_the_first_waiting_in_order(worker):
    mesa = make_mesa(capacity=1)
    holder, first_waiting, second_waiting = register(mesa, 3)
    before = len(worker())
    promoted = services.registration_cancel(actor=None, registration=holder)
    assert [r.pk for r in promoted] == [first_waiting.pk]
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        holder.pk: RegistrationStatus.CANCELLED,
        first_waiting.pk: RegistrationStatus.CONFIRMED,
        second_waiting.pk: RegistrationStatus.WAITING,
    }
    outbox = worker()[before:]
    promoted_mail = next(m for m in outbox if m.to == [first_waiting.email])
    assert "Tiene un cupo" in promoted_mail.subject
    assert first_waiting.display_code in promoted_mail.body


def test_cancelling_a_waiting_registration_promotes_nobody():
    mesa = make_mesa(capacity=1)
    _holder, waiting, other = register(mesa, 3)
    assert services.registration_cancel(actor=None, registration=waiting) == []
    other.refresh_from_db()
    assert other.status == RegistrationStatus.WAITING


def test_more_capacity_promotes_the_waiting_list():
    mesa = make_mesa(capacity=1)
    _a, b, c = register(mesa, 3)
    services.mesa_update(actor=None, mesa=mesa, data={"capacity": 3})
    assert set(
        Registration.objects.filter(pk__in=[b.pk, c.pk]).values_list("status", flat=True)
    ) == {RegistrationStatus.CONFIRMED}


def test_double_registration_is_refused_even_with_other_case():
    mesa = make_mesa()
    services.registration_create(actor=None, mesa=mesa, name="Ana", email="ana@example.org")
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=None, mesa=mesa, name="Ana", email=" ANA@example.org ")
    assert "Ya hay una inscripción activa" in str(exc.value)
    assert Registration.objects.count() == 1


def test_after_cancelling_the_same_email_may_register_again():
    mesa = make_mesa()
    (first,) = register(mesa, 1)
    services.registration_cancel(actor=None, registration=first)
    again = services.registration_create(
        actor=None, mesa=mesa, name="Persona 0", email="persona0@example.org"
    )
    assert again.status == RegistrationStatus.CONFIRMED and again.code != first.code


def test_past_cancelled_or_held_mesa_refuses_registrations():
    mesa = make_mesa(starts_at=soon(days=1))
    with (
        time_machine.travel(mesa.starts_at + datetime.timedelta(minutes=1)),
        pytest.raises(ValidationError, match="ya se realizó o empezó"),
    ):
        services.registration_create(actor=None, mesa=mesa, name="Ana", email="a@example.org")
    services.mesa_cancel(actor=None, mesa=mesa, reason="Lluvias fuertes en la provincia.")
    with pytest.raises(ValidationError, match="cancelada"):
        services.registration_create(actor=None, mesa=mesa, name="Ana", email="a@example.org")
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_registration_mail_has_code_and_cancel_link_and_cancel_link_works(worker):
    mesa = make_mesa()
    registration = services.registration_create(
        actor=None, mesa=mesa, name="Rosa", email="rosa@example.org"
    )
    outbox = worker()
    assert len(outbox) == 1
    body = outbox[0].body
    assert registration.display_code in body
    token = re.search(r"/mesas/inscripcion/([^/\s]+)/cancelar/", body).group(1)
    assert services.registration_from_token(token) == registration
    assert services.registration_from_token(token + "x") is None


def test_check_in_twice_is_refused():
    facilitator = make_facilitator()
    mesa = make_mesa(facilitators=[facilitator])
    (registration,) = register(mesa, 1)
    services.attendance_check_in(actor=facilitator, mesa=mesa, registration=registration)
    with pytest.raises(ValidationError, match="ya registró su asistencia"):
        services.attendance_check_in(actor=facilitator, mesa=mesa, registration=registration)
    assert Attendance.objects.count() == 1


def test_check_in_of_another_mesas_registration_is_refused():
    mesa, other = make_mesa(), make_mesa()
    (registration,) = register(other, 1)
    with pytest.raises(ValidationError, match="otra mesa"):
        services.attendance_check_in(actor=None, mesa=mesa, registration=registration)


def test_walk_ins_are_counted_without_a_name_and_profile_is_kept_apart():
    mesa = make_mesa()
    attendance = services.attendance_check_in(actor=None, mesa=mesa)
    assert attendance.registration is None
    stored = services.attendee_profile_record(
        actor=None, attendance=attendance, gender="mujer", age_range="30-44"
    )
    assert stored
    profile = AttendeeProfile.objects.get()
    field_names = {f.name for f in AttendeeProfile._meta.get_fields()}
    assert field_names == {
        "id",
        "mesa",
        "gender",
        "age_range",
        "ethnicity",
        "disability",
        "actor_type",
        "province",
    }
    assert profile.gender == "mujer"
    with pytest.raises(ValidationError, match="ya se registraron"):
        services.attendee_profile_record(actor=None, attendance=attendance, gender="hombre")


def test_declining_the_profile_stores_nothing():
    mesa = make_mesa()
    attendance = services.attendance_check_in(actor=None, mesa=mesa)
    assert services.attendee_profile_record(actor=None, attendance=attendance) is False
    assert not AttendeeProfile.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_cancel_requires_reason_and_mails_everyone(worker):
    mesa = make_mesa(capacity=1)
    register(mesa, 2)
    before = len(worker())
    with pytest.raises(ValidationError):
        services.mesa_cancel(actor=None, mesa=mesa, reason="no")
    services.mesa_cancel(actor=None, mesa=mesa, reason="El local no está disponible ese día.")
    mesa.refresh_from_db()
    assert mesa.status == MesaStatus.CANCELLED and mesa.sequence == 1
    outbox = worker()[before:]
    assert sorted(m.to[0] for m in outbox) == ["persona0@example.org", "persona1@example.org"]
    assert all("El local no está disponible" in m.body for m in outbox)


def test_mark_held_only_after_start():
    mesa = make_mesa()
    with pytest.raises(ValidationError, match="todavía no empieza"):
        services.mesa_mark_held(actor=None, mesa=mesa)
    with time_machine.travel(mesa.starts_at + datetime.timedelta(hours=1)):
        services.mesa_mark_held(actor=None, mesa=mesa)
    mesa.refresh_from_db()
    assert mesa.status == MesaStatus.HELD


@pytest.mark.django_db(transaction=True)
def test_reminder_is_scheduled_for_the_day_before_and_sent_once(worker):
    mesa = make_mesa(starts_at=soon(days=5))
    register(mesa, 2)
    worker()  # confirmations; the reminder waits for its time
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.get(task_path__endswith="send_mesa_reminders")
    assert task.run_after == mesa.starts_at - services.REMINDER_LEAD
    with time_machine.travel(mesa.starts_at - datetime.timedelta(hours=23)):
        outbox = worker()
        reminders = [m for m in outbox if "Recordatorio" in m.subject]
        assert len(reminders) == 2
        assert services.mesa_send_reminders(mesa=mesa) == 0


def test_public_audit_entries_carry_no_personal_data():
    mesa = make_mesa()
    services.registration_create(actor=None, mesa=mesa, name="Rosa Guamán", email="rg@example.org")
    for row in ActionLog.objects.all():
        stored = f"{row.data} {row.changes}"
        assert "Rosa" not in stored and "rg@example.org" not in stored
    assert not ActionLog.objects.filter(public=True, verb__startswith="registration").exists()


def test_a_theme_of_another_plan_is_refused():
    from abierto.plans.models import Theme

    other = make_mesa()
    theme = Theme.objects.create(plan=other.plan, name="Otro")
    with pytest.raises(ValidationError) as exc:
        make_mesa(theme=theme)
    assert "theme" in exc.value.message_dict


def test_virtual_mesa_needs_a_link():
    with pytest.raises(ValidationError) as exc:
        make_mesa(modality="virtual", online_url="")
    assert "online_url" in exc.value.message_dict


def test_minutes_need_a_held_mesa():
    mesa = make_mesa()
    with pytest.raises(ValidationError, match="realizada"):
        services.minutes_save(
            actor=None, mesa=mesa, agenda="1. Bienvenida", summary="Resumen", attendee_count=3
        )
    assert timezone.now() < mesa.starts_at


@pytest.mark.django_db(transaction=True)
def test_virtual_session_link_goes_only_to_confirmed_people(worker, client):
    mesa = make_mesa(
        modality="virtual", online_url="https://reuniones.example.org/sala-7", capacity=1
    )
    register(mesa, 2)
    outbox = worker()
    confirmed = next(m for m in outbox if m.to == ["persona0@example.org"])
    waiting = next(m for m in outbox if m.to == ["persona1@example.org"])
    assert "https://reuniones.example.org/sala-7" in confirmed.body
    assert "sala-7" not in waiting.body
    assert "sala-7" not in client.get(f"/mesas/{mesa.pk}/").content.decode()
    assert "sala-7" not in client.get(f"/mesas/{mesa.pk}/calendario.ics").content.decode()


@pytest.mark.django_db(transaction=True)
def test_signed_in_person_registers_with_their_account(client, citizen, worker):
    mesa = make_mesa()
    client.force_login(citizen)
    page = client.get(f"/mesas/{mesa.pk}/inscripcion/").content.decode()  # the form, filled
    assert f'value="{citizen.email}"' in page
    client.post(f"/mesas/{mesa.pk}/inscripcion/", {"name": "Ciudadana", "email": citizen.email})
    assert Registration.objects.get().user == citizen
    with pytest.raises(ValidationError):
        services.registration_create(
            actor=citizen, mesa=mesa, name="Otra", email="otra@example.org", user=citizen
        )

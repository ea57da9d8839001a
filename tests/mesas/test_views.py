"""Public pages of mesas: schedule, filters, calendar, registration, feeds, statistics."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from abierto.mesas import services
from abierto.mesas.models import Registration, RegistrationStatus
from abierto.mesas.selectors import MIN_GROUP, suppress

from .factories import make_mesa, make_theme, register, soon

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_list_shows_upcoming_first_then_past(client):
    past = make_mesa(title="Mesa ya realizada", starts_at=soon(days=1))
    with time_machine.travel(past.starts_at + datetime.timedelta(hours=1)):
        services.mesa_mark_held(actor=None, mesa=past)
    upcoming = make_mesa(title="Mesa que viene", starts_at=soon(days=10))
    text = text_of(client.get("/mesas/"))
    with time_machine.travel(past.starts_at + datetime.timedelta(days=2)):
        text = text_of(client.get("/mesas/"))
    assert text.index(upcoming.title) < text.index("Mesas realizadas y anteriores")
    assert text.index("Mesas realizadas y anteriores") < text.index(past.title)


@pytest.mark.parametrize(
    "query",
    [
        "plan=no-existe",
        "provincia=atlantida",
        "tema=abc",
        "tema=999999",
        "tipo=%00",
        "pagina=-3",
        "plan=a&plan=b&tema=1' OR 1=1",
    ],
)
def test_bad_filter_values_give_the_list_with_a_notice(client, query):
    make_mesa(title="Mesa visible")
    response = client.get("/mesas/?" + query)
    assert response.status_code == 200
    text = text_of(response)
    assert "Mesa visible" in text
    if not query.startswith("pagina"):
        assert "No entendimos el valor de estos filtros" in text


def test_filters_by_province_theme_kind_and_plan(client):
    riobamba = make_mesa(title="En Riobamba", province="chimborazo")
    make_mesa(title="En Cuenca", province="azuay", city="Cuenca", kind="tematica")
    theme = make_theme(riobamba.plan)
    services.mesa_update(actor=None, mesa=riobamba, data={"theme": theme})
    for query in (
        "provincia=chimborazo",
        f"tema={theme.pk}",
        "tipo=territorial",
        f"plan={riobamba.plan.slug}",
    ):
        text = text_of(client.get("/mesas/?" + query))
        assert "En Riobamba" in text and "En Cuenca" not in text, query


def test_list_query_count_is_pinned(client, django_assert_max_num_queries):
    """Upcoming count and page + past count and page + plan and theme choices + plan links +
    plan lookup."""

    def add_mesas(count):
        for _n in range(count):
            mesa = make_mesa(plan=plan)
            register(mesa, 2, prefix=f"m{mesa.pk}-")
        past = make_mesa(plan=plan, starts_at=soon(days=1))
        services.mesa_cancel(actor=None, mesa=past, reason="Cancelada para la prueba.")

    plan = make_mesa().plan
    add_mesas(2)
    url = f"/mesas/?provincia=chimborazo&plan={plan.slug}"
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    add_mesas(15)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count("mesa-card") == 1 + 2 + 1 + 15 + 1


def test_upcoming_mesas_come_by_pages_and_keep_the_filters(client, monkeypatch):
    from abierto.mesas import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first = make_mesa(title="Primera próxima", province="chimborazo", starts_at=soon(days=3))
    plan = first.plan
    make_mesa(plan=plan, title="Segunda próxima", province="chimborazo", starts_at=soon(days=4))
    make_mesa(plan=plan, title="Tercera próxima", province="chimborazo", starts_at=soon(days=5))
    make_mesa(plan=plan, title="En Cuenca", province="azuay", starts_at=soon(days=6))
    response = client.get("/mesas/?provincia=chimborazo")
    html = response.content.decode()
    text = text_of(response)
    assert "Primera próxima" in text and "Segunda próxima" in text
    assert "Tercera próxima" not in text
    assert 'aria-label="Páginas de próximas mesas"' in html
    assert "provincia=chimborazo&amp;proximas=2" in html
    second = text_of(client.get("/mesas/?provincia=chimborazo&proximas=2"))
    assert "Tercera próxima" in second and "Primera próxima" not in second
    assert "En Cuenca" not in second
    # A page past the end, or not a number, still shows a page.
    for value in ("99", "x"):
        assert client.get("/mesas/", {"proximas": value}).status_code == 200


def test_calendar_is_a_table_with_the_month_and_bad_month_falls_back(client):
    mesa = make_mesa(title="Mesa del calendario", starts_at=soon(days=3))
    month = mesa.starts_at.astimezone().strftime("%Y-%m")
    response = client.get(f"/mesas/calendario/?mes={month}")
    html = response.content.decode()
    assert "<caption" in html and 'scope="col"' in html
    assert "Mesa del calendario" in html
    response = client.get("/mesas/calendario/?mes=2026-13")
    assert response.status_code == 200
    assert "No entendimos el mes pedido" in text_of(response)


def test_detail_never_shows_personal_data(client):
    mesa = make_mesa()
    services.registration_create(actor=None, mesa=mesa, name="Rosa Guamán", email="rg@example.org")
    for url in (
        reverse("mesas:detail", args=[mesa.pk]),
        reverse("mesas:list"),
        reverse("mesas:mesa_ics", args=[mesa.pk]),
        reverse("mesas:plan_ics", args=[mesa.plan.slug]),
        f"/historial/mesas/mesa/{mesa.pk}/",
    ):
        body = client.get(url).content.decode()
        assert "Rosa" not in body and "rg@example.org" not in body, url


def test_mesa_page_links_to_the_registration_page_and_carries_no_form(client):
    """The mesa page offers «Inscribirse» as a link (no CSRF token: it can be kept in the
    shared cache); the registration page has the form."""
    mesa = make_mesa(capacity=2)
    register_url = reverse("mesas:register", args=[mesa.pk])
    response = client.get(reverse("mesas:detail", args=[mesa.pk]))
    html = response.content.decode()
    assert f'<a class="button" href="{register_url}">Inscribirse</a>' in html
    assert "csrfmiddlewaretoken" not in html and "<form" not in html
    assert not response.cookies
    assert "Quedan 2 cupos" in text_of(response)
    form_page = client.get(register_url)
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert "csrfmiddlewaretoken" in html and 'name="name"' in html and 'name="email"' in html
    assert re.search(r'name="token" value="[0-9a-f-]{36}"', html)  # the idempotency token
    assert "Inscribirse en la mesa" in html and mesa.title in html
    assert "Quedan 2 cupos" in text_of(form_page) and ">Inscribirme</button>" in html
    assert form_page["X-Robots-Tag"] == "noindex"


def test_a_full_mesa_offers_its_waiting_list_and_a_closed_one_no_link(client):
    mesa = make_mesa(capacity=1)
    register(mesa, 1)
    detail_url = reverse("mesas:detail", args=[mesa.pk])
    register_url = reverse("mesas:register", args=[mesa.pk])
    text = text_of(client.get(detail_url))
    assert "La mesa está completa" in text and "Inscribirse en la lista de espera" in text
    text = text_of(client.get(register_url))
    assert "La mesa está completa" in text and "Inscribirme en la lista de espera" in text
    services.mesa_cancel(actor=None, mesa=mesa, reason="Paro de transporte en la ciudad.")
    response = client.get(detail_url)
    assert "Esta mesa fue cancelada: no recibe inscripciones." in text_of(response)
    assert register_url not in response.content.decode()
    response = client.get(register_url)  # an old link or a bookmark: the page explains
    assert response.status_code == 200
    assert "Esta mesa fue cancelada: no recibe inscripciones." in text_of(response)
    assert 'name="email"' not in response.content.decode()
    started = make_mesa(starts_at=soon(days=1))
    started_register = reverse("mesas:register", args=[started.pk])
    with time_machine.travel(started.starts_at + datetime.timedelta(minutes=5)):
        response = client.get(reverse("mesas:detail", args=[started.pk]))
        assert "ya se realizó o empezó" in text_of(response)
        assert started_register not in response.content.decode()
        response = client.get(started_register)
        assert "ya se realizó o empezó" in text_of(response)
        assert 'name="email"' not in response.content.decode()


def test_register_through_the_form_page_then_double_registration_is_refused(client):
    mesa = make_mesa(capacity=1)
    url = reverse("mesas:register", args=[mesa.pk])
    token = re.search(r'name="token" value="([^"]+)"', client.get(url).content.decode()).group(1)
    data = {"name": "Ana", "email": "ana@example.org", "token": token}
    response = client.post(url, data, follow=True)
    assert "Inscripción confirmada" in text_of(response)
    code = Registration.objects.get().display_code
    assert code in text_of(response)
    again = client.post(url, data, follow=True)  # the same form sent again: the same answer
    assert code in text_of(again) and Registration.objects.count() == 1
    response = client.post(url, {"name": "Ana", "email": "ana@example.org"})
    assert response.status_code == 400
    assert "Ya hay una inscripción activa" in text_of(response)
    assert 'value="ana@example.org"' in response.content.decode()
    response = client.post(url, {"name": "Luis", "email": "luis@example.org"}, follow=True)
    assert "Está en la lista de espera" in text_of(response)


def test_registration_form_errors_keep_what_was_typed(client):
    mesa = make_mesa()
    response = client.post(
        reverse("mesas:register", args=[mesa.pk]), {"name": "Ana María", "email": "no-es-correo"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Ana María"' in html and "Revise estos datos" in html
    assert "Inscribirse en la mesa" in html and 'value="no-es-correo"' in html


def test_cancel_link_get_asks_then_post_cancels(client):
    mesa = make_mesa()
    (registration,) = register(mesa, 1)
    url = reverse("mesas:registration_cancel", args=[services.cancel_token(registration)])
    response = client.get(url)
    assert response.status_code == 200 and "Sí, cancelar mi inscripción" in text_of(response)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    response = client.post(url)
    assert "Inscripción cancelada" in text_of(response)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "ya estaba cancelada" in text_of(client.get(url))
    assert client.get(url[:-12] + "x/cancelar/").status_code == 400


# --- iCalendar -----------------------------------------------------------------------------


def unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def test_mesa_ics_is_valid_icalendar(client):
    mesa = make_mesa(
        title="Mesa; con, comas\\ y barra",
        description="Primera línea\nSegunda línea " + "larga " * 30,
    )
    response = client.get(reverse("mesas:mesa_ics", args=[mesa.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode("utf-8")
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")  # every line ends in CRLF
    for line in body.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    lines = unfold(body)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert f"UID:{mesa.uid}@127.0.0.1" in lines or any(
        line.startswith(f"UID:{mesa.uid}@") for line in lines
    )
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines)
    start = mesa.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in lines
    assert "SUMMARY:Mesa\\; con\\, comas\\\\ y barra" in lines
    assert any(line.startswith("DESCRIPTION:Primera línea\\nSegunda línea") for line in lines)


def test_plan_feed_has_every_mesa_and_cancelled_ones_say_so(client):
    mesa = make_mesa()
    other = make_mesa(plan=mesa.plan)
    services.mesa_cancel(actor=None, mesa=other, reason="Paro de transporte en la ciudad.")
    lines = unfold(client.get(reverse("mesas:plan_ics", args=[mesa.plan.slug])).content.decode())
    assert lines.count("BEGIN:VEVENT") == 2
    assert "STATUS:CANCELLED" in lines and "SEQUENCE:1" in lines


# --- Statistics ----------------------------------------------------------------------------


def test_suppress_hides_small_groups_and_the_complement():
    cells = {
        c.key: c for c in suppress([("a", "A", 12), ("b", "B", 3), ("c", "C", 7), ("d", "D", 0)])
    }
    assert cells["b"].shown == f"<{MIN_GROUP}"
    assert cells["c"].shown == f"<{MIN_GROUP}"  # the next smallest, so B cannot be deduced
    assert cells["a"].shown == "12"
    assert "d" not in cells
    two = {c.key: c.shown for c in suppress([("a", "A", 9), ("b", "B", 1), ("c", "C", 2)])}
    assert two == {"a": "9", "b": "<5", "c": "<5"}


def test_statistics_page_never_shows_a_group_under_five(client):
    mesa = make_mesa(starts_at=soon(days=1))
    genders = ["mujer"] * 6 + ["hombre"] * 3 + ["no-binaria"] * 1
    for gender in genders:
        attendance = services.attendance_check_in(actor=None, mesa=mesa)
        services.attendee_profile_record(
            actor=None, attendance=attendance, gender=gender, age_range="18-29"
        )
    with time_machine.travel(mesa.starts_at + datetime.timedelta(hours=1)):
        services.mesa_mark_held(actor=None, mesa=mesa)
    response = client.get(reverse("mesas:participation", args=[mesa.plan.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    table = re.search(r'id="tabla-genero".*?</table>', html, re.S).group(0)
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', table))
    assert rows["Mujer"] == "6"
    assert rows["Hombre"] == "&lt;5" and rows["Persona no binaria"] == "&lt;5"
    people_tables = re.findall(
        r'<caption id="tabla-(?!mesas-provincia)[^"]+".*?</table>', html, re.S
    )
    assert len(people_tables) == 8
    for table in people_tables:
        for value in re.findall(r"<td>(\d+)</td>", table):
            assert int(value) >= MIN_GROUP
    assert "<svg" in html and 'role="img"' in html


def test_statistics_show_the_published_figure_with_its_source(client):
    mesa = make_mesa()
    services.published_participation_save(
        actor=None,
        plan=mesa.plan,
        total=1260,
        men=692,
        women=559,
        non_binary=4,
        other=5,
        scope="Personas en la cocreación",
        source_name="CEPAL",
    )
    text = text_of(client.get(reverse("mesas:participation", args=[mesa.plan.slug])))
    assert re.search(r"1\W?260", text)  # 1 260 in Spanish (thin space), 1,260 in English
    assert "CEPAL" in text and "692" in text


def test_list_links_to_statistics(client):
    mesa = make_mesa()
    html = client.get("/mesas/").content.decode()
    assert reverse("mesas:participation", args=[mesa.plan.slug]) in html


def test_statistics_query_count_is_pinned(client, django_assert_max_num_queries):
    mesa = make_mesa(starts_at=soon(days=1))
    for _n in range(6):
        services.attendance_check_in(actor=None, mesa=mesa)
    # 14 for the mesas, 5 for the proposals' panel (four groupings and the plan's axes).
    with django_assert_max_num_queries(19):
        response = client.get(reverse("mesas:participation", args=[mesa.plan.slug]))
    assert response.status_code == 200


def test_registrations_are_rate_limited_per_mailbox(client, settings):
    """Nobody fills a mesa with invented addresses: past the limit, a clear refusal (429)."""
    settings.ABIERTO_RATE_LIMITS = {**settings.ABIERTO_RATE_LIMITS, "register_email": (2, 3600)}
    mesa = make_mesa(capacity=10)
    for n in range(2):
        client.post(
            f"/mesas/{mesa.pk}/inscripcion/", {"name": f"Ana {n}", "email": f"ana+{n}@example.org"}
        )
    response = client.post(
        f"/mesas/{mesa.pk}/inscripcion/", {"name": "Ana 3", "email": "ANA+3@example.org"}
    )
    assert response.status_code == 429
    assert "demasiadas inscripciones" in response.content.decode()
    assert Registration.objects.filter(mesa=mesa).count() == 2

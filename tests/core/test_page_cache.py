"""Public pages kept in the shared cache for anonymous visitors (abierto/core/pagecache.py).

A kept page is recognised by what it costs: no SQL query at all (the view, its selectors and
its templates do not run).
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from abierto.core import pagecache
from abierto.proposals import demo
from abierto.proposals.models import Proposal
from tests.helpers import make_user
from tests.proposals.conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    """The example plan, its proposal stage open today."""
    return demo._example_plan(timezone.localdate())


LIST = "/propuestas/"


def anonymous() -> Client:
    return Client()


def test_second_anonymous_request_is_served_from_the_shared_cache(plan, django_assert_num_queries):
    visitor = anonymous()
    first = visitor.get(LIST)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = anonymous().get(LIST)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "es"


def test_the_query_string_and_the_language_are_part_of_the_page(plan):
    anonymous().get(LIST)
    searched = anonymous().get(LIST, {"q": "xyzzy-nada"})
    assert "xyzzy-nada" in searched.content.decode()
    english = anonymous().get("/en/propuestas/")
    assert english["Content-Language"] == "en" and '<html lang="en">' in english.content.decode()
    chooser = anonymous()
    chooser.cookies["idioma"] = "en"  # chose English earlier: unprefixed pages in English too
    assert '<html lang="en">' in chooser.get(LIST).content.decode()
    assert '<html lang="es-EC">' in anonymous().get(LIST).content.decode()


def _submit(plan, title: str) -> None:
    citizen = anonymous()
    response = citizen.post("/propuestas/nueva/", form_data(plan, title=title))
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_new_proposal_shows_in_the_kept_list_at_once(plan, django_assert_num_queries):
    reader = anonymous()
    assert reader.get(LIST).status_code == 200
    with django_assert_num_queries(0):
        reader.get(LIST)  # kept
    _submit(plan, "Presupuestos participativos en las parroquias rurales")
    assert Proposal.objects.count() == 1
    again = reader.get(LIST).content.decode()
    assert "Presupuestos participativos en las parroquias rurales" in again
    proposal = Proposal.objects.get()
    detail = f"/propuestas/{proposal.pk}/"
    assert proposal.title in reader.get(detail).content.decode()
    # A change to the proposal (a correction through its service) shows on its kept page.
    Proposal.objects.filter(pk=proposal.pk).update(title="Título corregido por el equipo")
    assert "Título corregido por el equipo" in reader.get(detail).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_invalidates_across_transactions(plan):
    reader = anonymous()
    reader.get(LIST)
    _submit(plan, "Observatorio ciudadano del agua potable")
    assert "Observatorio ciudadano del agua potable" in reader.get(LIST).content.decode()


def test_a_page_whose_table_generation_was_evicted_renders_again(plan, django_assert_num_queries):
    """The page and its tables' generations come back in one round trip; a generation that
    left the cache (evicted under memory pressure) never lets an older kept page through."""
    reader = anonymous()
    reader.get(LIST)
    with django_assert_num_queries(0):
        reader.get(LIST)  # kept, read through the tables it read last time
    with django_assert_num_queries(0):
        reader.get(LIST)
    cache.delete(pagecache._generation_key(Proposal._meta.db_table))
    with CaptureQueriesContext(connection) as rendered:
        reader.get(LIST)
    assert len(rendered.captured_queries) > 0  # rendered again, not served
    with django_assert_num_queries(0):
        reader.get(LIST)  # and kept again


def test_a_write_leaves_pages_that_do_not_read_it_kept(plan, django_assert_num_queries):
    page = "/gobierno-abierto/"
    assert anonymous().get(page).status_code == 200
    _submit(plan, "Una propuesta que no sale en las páginas informativas")
    with django_assert_num_queries(0):
        assert anonymous().get(page).status_code == 200


def test_a_signed_in_person_never_gets_or_leaves_a_kept_page(plan, citizen):
    assert "Ingresar" in anonymous().get("/").content.decode()  # kept for anonymous visitors
    signed_in = Client()
    signed_in.force_login(citizen)
    mine = signed_in.get("/").content.decode()
    assert "Mi cuenta" in mine and "Salir" in mine and "Ingresar" not in mine
    page = anonymous().get("/").content.decode()
    assert "Ingresar" in page and "Mi cuenta" not in page


def test_flash_messages_never_leak_into_kept_pages(plan):
    user = make_user("mensajes@example.org")
    anonymous().get("/")  # the home page is kept
    person = Client()
    person.force_login(user)
    person.get("/")
    response = person.post("/cuenta/logout/", follow=True)
    assert response.status_code == 200
    shown = response.content.decode()
    assert 'class="wrap messages"' in shown  # the sign-out notice, on the home page
    for _ in range(2):
        assert 'class="wrap messages"' not in anonymous().get("/").content.decode()


def test_pages_with_a_form_and_private_pages_are_never_kept(plan, django_assert_num_queries):
    anonymous().get("/propuestas/nueva/")
    again = anonymous().get("/propuestas/nueva/")
    assert "csrfmiddlewaretoken" in again.content.decode() and again.cookies.get("csrftoken")
    status = anonymous().get("/propuestas/estado/")
    assert "no-store" in status["Cache-Control"]


def test_a_kept_page_carries_a_valid_csp_without_nonce(plan, django_assert_num_queries):
    anonymous().get("/planes/")
    with django_assert_num_queries(0):
        kept = anonymous().get("/planes/")
    policy = kept["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "nonce-" not in policy
    assert "nonce=" not in kept.content.decode()
    assert kept["X-Frame-Options"] == "DENY" and "Permissions-Policy" in kept
    assert "<script>" not in kept.content.decode()  # no inline script anywhere


def test_the_language_switch_is_a_link_that_remembers_the_choice(plan):
    page = anonymous().get(LIST + "?pagina=2").content.decode()
    assert 'href="/idioma/en/propuestas/?pagina=2"' in page
    assert "csrfmiddlewaretoken" not in page
    visitor = anonymous()
    response = visitor.get("/idioma/en/propuestas/?pagina=2")
    assert response.status_code == 302 and response["Location"] == "/en/propuestas/?pagina=2"
    assert visitor.cookies["idioma"].value == "en"
    english = visitor.get("/en/propuestas/").content.decode()
    assert 'href="/idioma/es/en/propuestas/"' in english
    back = visitor.get("/idioma/es/en/propuestas/")
    assert back["Location"] == "/propuestas/" and visitor.cookies["idioma"].value == "es"
    assert '<html lang="es-EC">' in visitor.get("/propuestas/").content.decode()
    assert visitor.get("/idioma/fr/propuestas/").status_code == 404
    outside = visitor.get("/idioma/en//ejemplo.com/")
    assert outside.status_code == 302 and not outside["Location"].startswith("//")


def test_api_lists_are_kept_and_follow_writes(plan, django_assert_num_queries):
    api = "/api/v1/propuestas"
    first = anonymous().get(api)
    assert first.status_code == 200 and first.json()["resultados"] == []
    with django_assert_num_queries(0):
        assert anonymous().get(api).json() == first.json()
    _submit(plan, "Consulta previa sobre el presupuesto de salud")
    titles = [row["titulo"] for row in anonymous().get(api).json()["resultados"]]
    assert titles == ["Consulta previa sobre el presupuesto de salud"]
    with django_assert_num_queries(0):
        anonymous().get(api)
    signed = anonymous().get(api, HTTP_AUTHORIZATION="Bearer x")  # never from the cache
    assert signed.status_code == 200


def test_the_watcher_survives_an_execute_wrapper_opened_before_the_connection(transactional_db):
    # The bench's query counter wraps each request in connection.execute_wrapper(); in a new
    # thread the connection is made inside it, and the watcher used to be popped with it.
    import threading

    from django.db import connection as main_connection

    from abierto.core import pagecache

    found = []

    def request_in_a_new_thread():
        from django.db import connection

        with connection.execute_wrapper(lambda execute, *args: execute(*args)):
            Proposal.objects.exists()  # the thread's connection is made here
        found.append(pagecache._watch in connection.execute_wrappers)
        connection.close()

    thread = threading.Thread(target=request_in_a_new_thread)
    thread.start()
    thread.join()
    assert found == [True]
    assert pagecache._watch in main_connection.execute_wrappers


def test_a_proposal_page_is_kept_and_an_adhesion_shows_at_once(plan, django_assert_num_queries):
    """The page offers «Sumarse» as a link (no CSRF token), so visitors get it kept; a new
    adhesion (another table than the proposal's) still shows on the next visit."""
    from abierto.proposals import services

    _submit(plan, "Registro abierto de obras públicas parroquiales")
    proposal = Proposal.objects.get(title="Registro abierto de obras públicas parroquiales")
    url = f"/propuestas/{proposal.pk}/"
    first = anonymous().get(url)
    assert first.status_code == 200 and "Sumarme a esta propuesta" in first.content.decode()
    with django_assert_num_queries(0):
        assert anonymous().get(url).content == first.content
    services.adhesion_join(actor=make_user("vecina@example.org"), proposal=proposal, email="")
    assert "<dd>1</dd>" in anonymous().get(url).content.decode()


def test_a_mesa_page_is_kept_and_a_registration_shows_at_once(django_assert_num_queries):
    """The mesa page offers «Inscribirse» as a link to its own form page (no CSRF token), so
    visitors get it kept; the places left are exact right after a registration, and an edit
    to the mesa shows on the next visit too."""
    import re

    from abierto.mesas import services
    from tests.mesas.factories import make_mesa

    mesa = make_mesa(title="Mesa territorial de Cotopaxi", capacity=3)
    url = f"/mesas/{mesa.pk}/"
    first = anonymous().get(url)
    assert first.status_code == 200 and not first.cookies
    assert "Quedan 3 cupos" in first.content.decode()
    with django_assert_num_queries(0):
        assert anonymous().get(url).content == first.content

    person = anonymous()  # a browser: the form page, then the form sent
    form_url = f"/mesas/{mesa.pk}/inscripcion/"
    form_page = person.get(form_url).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', form_page).group(1)
    data = {"name": "Rosa Guamán", "email": "rosa@example.org", "token": token}
    assert person.post(form_url, data).status_code == 302

    after = anonymous().get(url).content.decode()
    assert "Quedan 2 cupos" in after and "Quedan 3 cupos" not in after
    assert "Rosa" not in after  # never a name on the public page
    with django_assert_num_queries(0):
        anonymous().get(url)  # kept again
    services.mesa_update(
        actor=None, mesa=mesa, data={"title": "Mesa territorial de Latacunga", "capacity": 10}
    )
    edited = anonymous().get(url).content.decode()
    assert "Mesa territorial de Latacunga" in edited and "Quedan 9 cupos" in edited

"""The hostile corpus against what machines read: the API (JSON), the dataset downloads (CSV
and JSON), the Atom feeds and the iCalendar feeds, and malformed bytes in CSV imports.

Two ways in: as query and path values (discovered from the OpenAPI schema, the dataset
registry and the URL conf), and as stored text (a proposal, a mesa and an organisation whose
names are the corpus, entered through the services as a form would). Whatever the value: never
a 500, and each format stays well formed: JSON parses, CSV has no cell a spreadsheet would run,
Atom parses as XML with no element the corpus smuggled in, iCalendar keeps its line structure.
One world for the module.
"""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from abierto.core.csvsafe import FORMULA_STARTS
from abierto.core.roles import Role
from abierto.forum.models import Organization
from abierto.mesas import services as mesa_services
from abierto.opendata.registry import all_datasets
from abierto.proposals import demo, services
from abierto.proposals.models import Status

from ..helpers import make_user, rolled_back
from .test_hostile_input import CORPUS, SCRIPT

#: Values a person can type that machine formats choke on, beside the HTML corpus.
MACHINE_CORPUS = [
    *CORPUS,
    "\x00",
    "1\x00",
    "Título \x1b[31m con escape \x0b y tabulación vertical",
    "línea uno\r\nDTEND:19700101T000000Z",
    '=HYPERLINK("http://malo.example","clic")',
    "+cmd|' /C calc'!A0",
    "@SUMA(1;2)",
    "-2+3",
    "a;b,c\\d",
    "]]><x/>",
]
#: Stored as names and titles (no NUL: forms refuse it before any service sees it).
STORED = [value for value in MACHINE_CORPUS if "\x00" not in value and len(value) < 200]
XML_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        call_command("load_demo", verbosity=0)
        plan = demo._example_plan(timezone.localdate())
        forum = make_user("gn-mundo@example.org", Role.FORUM_MEMBER)
        for n, value in enumerate(STORED):
            proposal, _created = services.proposal_submit(
                actor=None,
                plan=plan,
                title=f"{value} {n}"[:150].ljust(12, "x"),
                problem=f"Problema: {value} " + "con detalle suficiente para la prueba.",
                solution=f"Solución: {value} " + "con detalle suficiente para la prueba.",
                beneficiaries="Veedurías ciudadanas.",
                province="pichincha",
                proposer_type="ciudadania",
                contact_name="Ana Quispe",
            )
            if "\x1b" in value or SCRIPT in value:  # and into the decisions feed
                services.proposal_decide(
                    actor=forum,
                    proposal=proposal,
                    to_status=Status.INADMISSIBLE,
                    response_text=f"No corresponde al alcance del plan: {value} " * 3,
                )
            Organization.objects.create(name=f"{value} {n}"[:200], sector="sociedad-civil")
        mesa = mesa_services.mesa_create(
            actor=None,
            plan=plan,
            title=" ".join(STORED)[:180],
            kind="territorial",
            city=STORED[-2],
            province="chimborazo",
            starts_at=timezone.now() + datetime.timedelta(days=3),
            ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
            capacity=10,
            facilitators=[],
        )
        yield {"plan": plan, "mesa": mesa}


# --- Format checks ----------------------------------------------------------------------------


def assert_json(response, where: str):
    assert response.status_code < 500, f"{where}: {response.status_code}"
    assert response["Content-Type"].startswith("application/json"), where
    body = b"".join(response.streaming_content) if response.streaming else response.content
    json.loads(body)  # never half a document


def assert_csv(text: str, where: str):
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), f"{where}: formula cell {cell[:40]!r}"


def assert_atom(response, where: str):
    assert response.status_code == 200, f"{where}: {response.status_code}"
    tree = ET.fromstring(response.content)  # noqa: S314 - our own feed, parsed to prove it well formed
    tags = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
    assert not tags & {"script", "img", "x"}, f"{where}: markup got into the feed"
    return tree


def assert_icalendar(raw: bytes, where: str):
    text = raw.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n"), where
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", ""), where
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode()) <= 75, f"{where}: long line {line[:40]!r}"
        assert not XML_CONTROL.search(line), f"{where}: control character in {line[:40]!r}"
    open_blocks = []
    for line in text.replace("\r\n ", "").split("\r\n")[:-1]:
        assert re.match(r"^[A-Z][A-Z0-9-]*(;[^:]*)?:", line), f"{where}: not a property {line!r}"
        if line.startswith("BEGIN:"):
            open_blocks.append(line[6:])
        elif line.startswith("END:"):
            assert open_blocks.pop() == line[4:], where
    assert not open_blocks, where
    # A line end typed into a title never starts a property of its own.
    assert "\r\nDTEND:19700101" not in text, where


# --- The API ------------------------------------------------------------------------------------


def api_operations(client) -> list[tuple[str, list[str], list[str]]]:
    """(path, path parameters, query parameters) of every GET in the OpenAPI schema."""
    schema = client.get(reverse("api:openapi-json")).json()
    found = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        params = operations["get"].get("parameters", [])
        found.append(
            (
                path,
                [p["name"] for p in params if p["in"] == "path"],
                [p["name"] for p in params if p["in"] == "query"],
            )
        )
    return found


def _real_path(path: str, world) -> str:
    values = {
        "ident": world["plan"].slug,
        "proposal_id": str(world["plan"].proposals.order_by("pk").first().pk),
        "organization_id": str(Organization.objects.order_by("pk").first().pk),
    }
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "1"), path)


def test_api_query_and_path_values_answer_json_never_500(client, db, world):
    operations = api_operations(client)
    assert len(operations) >= 6 and any(query for _p, _a, query in operations)
    checked = 0
    for path, path_params, query_params in operations:
        real = _real_path(path, world)
        assert_json(client.get(real), real)
        for name in query_params:
            for value in MACHINE_CORPUS:
                assert_json(client.get(real, {name: value}), f"{path} {name}={value[:30]!r}")
                checked += 1
        for name in path_params:
            for value in MACHINE_CORPUS:
                url = re.sub(r"\{" + name + r"\}", quote(value, safe=""), path)
                response = client.get(url)
                if response.status_code == 404 and "html" in response["Content-Type"]:
                    continue  # the value holds a "/": no API route at all, the site's 404
                assert_json(response, f"{path} {name}={value[:30]!r}")
                checked += 1
    assert checked > 100


def _body_fields(schema: dict, operation: dict) -> list[str]:
    """The top-level properties of an operation's JSON body ($ref resolved)."""
    content = operation.get("requestBody", {}).get("content", {})
    body = content.get("application/json", {}).get("schema", {})
    if "$ref" in body:
        body = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    return list(body.get("properties", {}))


def test_api_write_bodies_answer_json_never_500(client, db, world):
    """Every field of every writable operation's body, each corpus value (as the Grupo
    Núcleo's session; an operation that wants a token answers 401/403 in JSON, still no 500)."""
    schema = client.get(reverse("api:openapi-json")).json()
    writes = [
        (path, method, op)
        for path, operations in schema["paths"].items()
        for method, op in operations.items()
        if method in {"post", "put", "patch", "delete"}
    ]
    if not writes:
        pytest.skip("the API has no writable operation yet")
    client.force_login(make_user("gn-api@example.org", Role.FORUM_MEMBER))
    for path, method, operation in writes:
        url = _real_path(path, world)
        fields = _body_fields(schema, operation) or ["x"]
        for field in fields:
            for value in MACHINE_CORPUS:
                response = getattr(client, method)(
                    url, json.dumps({field: value}), content_type="application/json"
                )
                assert_json(response, f"{method.upper()} {path} {field}={value[:30]!r}")


def test_api_lists_carry_stored_corpus_as_json_strings(client, db, world):
    body = client.get(reverse("api:proposal_list"), {"limite": 200}).json()
    assert SCRIPT in json.dumps(body, ensure_ascii=False)  # as a string value, nothing more


# --- Dataset downloads ----------------------------------------------------------------------


def _download(client, slug: str, fmt: str, params: dict) -> str:
    response = client.get(reverse("opendata:download", args=[slug, fmt]), params)
    assert response.status_code == 200, f"{slug}.{fmt}: {response.status_code}"
    return b"".join(response.streaming_content).decode()


def test_every_dataset_download_stays_well_formed_with_hostile_data_and_params(client, db, world):
    datasets = [dataset.slug for dataset in all_datasets()]
    assert {"propuestas", "organizaciones"} <= set(datasets)
    for n, slug in enumerate(datasets):
        params = dict.fromkeys(("plan", "q", "formato", "pagina"), MACHINE_CORPUS[n % 20])
        assert_csv(_download(client, slug, "csv", params), f"{slug}.csv")
        json.loads(_download(client, slug, "json", params))
    # Every value once against the dataset that stores the corpus.
    for value in MACHINE_CORPUS:
        params = dict.fromkeys(("plan", "q", "despues", "limite"), value)
        text = _download(client, "propuestas", "csv", params)
        assert_csv(text, f"propuestas.csv {value[:30]!r}")
    assert "'=HYPERLINK" in text  # the stored formula is there, made text


@pytest.mark.parametrize(
    ("path", "status"),
    [("x.csv", 404), ("propuestas.exe", 400), ("propuestas.json", 200)],
)
def test_unknown_datasets_and_formats_answer_json(client, db, world, path, status):
    response = client.get(f"/datos/{path}")
    assert response.status_code == status
    assert_json(response, path)


def test_other_csv_exports_neutralise_stored_formulas(client, db, world):
    forum = make_user("gn-formatos@example.org", Role.FORUM_MEMBER)
    client.force_login(forum)
    mesa = world["mesa"]
    mesa_services.registration_create(
        actor=None, mesa=mesa, name='=HYPERLINK("http://malo.example")', email="r@example.org"
    )
    response = client.get(reverse("staff:mesas_registrations_csv", args=[mesa.pk]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert_csv(body.decode("utf-8-sig"), "inscripciones.csv")


# --- Atom and iCalendar ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["opendata:feed_proposals", "opendata:feed_decisions"])
def test_atom_feeds_stay_well_formed_xml(client, db, world, name):
    tree = assert_atom(client.get(reverse(name)), name)
    titles = [t.text or "" for t in tree.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(SCRIPT in title for title in titles)  # text, not markup
    assert any("Título [31m con escape" in title for title in titles)  # controls dropped
    for value in MACHINE_CORPUS:
        assert_atom(client.get(reverse(name), {"plan": value, "q": value}), f"{name} {value!r}")


def test_icalendar_feeds_keep_their_structure(client, db, world):
    mesa, plan = world["mesa"], world["plan"]
    assert_icalendar(client.get(reverse("mesas:mesa_ics", args=[mesa.pk])).content, "mesa")
    assert_icalendar(client.get(reverse("mesas:plan_ics", args=[plan.slug])).content, "plan")
    stages = reverse("opendata:calendar_stages")
    assert_icalendar(client.get(stages).content, "etapas")
    for value in MACHINE_CORPUS:
        response = client.get(stages, {"plan": value})
        assert response.status_code in {200, 400, 404}, repr(value)
        if response.status_code == 200:
            assert_icalendar(response.content, f"etapas {value!r}")
        else:
            assert_json(response, f"etapas {value!r}")
        response = client.get(f"/mesas/plan/{quote(value, safe='')}/calendario.ics")
        assert response.status_code in {200, 400, 404}, repr(value)


# --- Malformed bytes in CSV imports -----------------------------------------------------------

MALFORMED = [
    b"nombre,sector\n\xff\xfe\xc3\x28 Fundaci\xf3n,\xe2\x82\n",
    b"\xef\xbb\xbf\x00\x00nombre\x00,sector\n",
    b"\x80\x81\x82\x83",
    b"nombre,sector\n" + b"\xc3" * 5000 + b",sociedad-civil\n",
    'nombre,sector\n=HYPERLINK("http://malo.example"),sociedad-civil\n'.encode("utf-16"),
]


@pytest.mark.parametrize("name", ["staff:forum_org_import", "staff:commitments_irm_import"])
def test_csv_imports_refuse_malformed_bytes_cleanly(client, db, world, name):
    forum = make_user(f"gn-{name[6:]}@example.org", Role.FORUM_MEMBER)
    client.force_login(forum)
    before = Organization.objects.count()
    for n, data in enumerate(MALFORMED):
        upload = SimpleUploadedFile(f"datos-{n}.csv", data, content_type="text/csv")
        response = client.post(reverse(name), {"file": upload})
        assert response.status_code in {200, 302, 400}, f"{name} #{n}: {response.status_code}"
        if response.status_code == 302:
            assert name == "staff:forum_org_import", f"{name} #{n} imported garbage"
        else:
            assert SCRIPT not in response.content.decode()
    names = Organization.objects.values_list("name", flat=True)[before:]
    assert not [value for value in names if value.startswith(FORMULA_STARTS)]


# --- Every text argument of every URL -----------------------------------------------------------


def text_arguments() -> list[tuple[str, dict[str, str]]]:
    """(URL name, kwargs) for every pattern with a ``str``/``path`` or regex argument: the
    first such argument takes the corpus, the others a plausible value."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.converters import IntConverter, SlugConverter

    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(
                    pattern.url_patterns,
                    f"{namespace}:{inner}" if namespace and inner else inner or namespace,
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                converters = pattern.pattern.converters
                names = list(converters) or list(pattern.pattern.regex.groupindex)
                text = [
                    arg
                    for arg in names
                    if not isinstance(converters.get(arg), IntConverter | SlugConverter)
                ]
                if text and not (namespace or "").startswith("admin"):
                    plausible = {
                        arg: "1" if isinstance(converters.get(arg), IntConverter) else "x"
                        for arg in names
                    }
                    found.append(
                        (
                            f"{namespace}:{pattern.name}" if namespace else pattern.name,
                            plausible,
                            text,
                        )
                    )

    walk(get_resolver().url_patterns, None)
    return found


@pytest.mark.parametrize("role", [None, Role.FORUM_MEMBER])
def test_text_url_arguments_never_give_a_500(client, db, world, role):
    if role is not None:
        client.force_login(make_user(f"{role.value}-args@example.org", role))
    found = text_arguments()
    assert any(name == "api:plan_detail" for name, _k, _t in found)
    for name, plausible, text in found:
        pattern = reverse(
            name,
            kwargs={
                arg: "zzvalorzz" if arg == text[0] else value for arg, value in plausible.items()
            },
        )
        for value in MACHINE_CORPUS:
            url = pattern.replace("zzvalorzz", quote(value, safe=""))
            response = client.get(url)
            assert response.status_code < 500, f"{url[:80]}: {response.status_code}"


def test_a_nul_in_the_address_is_a_400_in_the_right_format(client, db):
    """PostgreSQL refuses NUL in text: without this, /compromisos/%00/ was a 500 there."""
    page = client.get("/compromisos/%00/")
    assert page.status_code == 400 and page["Content-Type"].startswith("text/html")
    assert "Content-Security-Policy" in page
    api = client.get("/api/v1/planes/%00")
    assert api.status_code == 400
    assert api.json() == {"error": "La dirección contiene un carácter nulo."}


# --- Malformed bytes and hostile names in uploads -----------------------------------------------

UPLOADS = [
    ("acta.csv", b"fecha;tema\n\xff\xfe\xc3\x28;\x80\x81\n=HYPERLINK(1)\n"),
    ("acta.pdf", b"%PDF-1.4\n\xff\xfe\xc3\x28 not really a pdf"),
    ("‮fdp.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
    ("<script>alert('x')</script>.csv", b"a,b\n1,2\n"),
    ("acta\x00.csv", b"a,b\n1,2\n"),
    ("x" * 300 + ".csv", b"a,b\n1,2\n"),
]


def test_uploads_with_malformed_bytes_or_hostile_names_never_give_a_500(client, db, world):
    from abierto.content.models import Document

    client.force_login(make_user("gn-subidas@example.org", Role.FORUM_MEMBER))
    url = reverse("staff:content_document_create")
    for n, (name, data) in enumerate(UPLOADS):
        title = f"Documento hostil {n}"
        response = client.post(
            url,
            {
                "doc_type": "acta",
                "title": title,
                "date": "2026-01-15",
                "language": "es",
                "upload": SimpleUploadedFile(name, data, content_type="application/octet-stream"),
            },
        )
        assert response.status_code in {200, 302, 400}, f"{name[:40]!r}: {response.status_code}"
        assert SCRIPT not in response.content.decode(), name[:40]
        document = Document.objects.filter(title=title).first()
        if data.startswith(b"MZ"):  # a program, whatever its name says
            assert document is None and response.status_code in {200, 400}, name
        if document is None:
            continue  # refused, with the form's message
        served = client.get(reverse("content:document_file", args=[document.pk]))
        assert served.status_code == 200
        disposition = served["Content-Disposition"]
        assert disposition.startswith("attachment") and "<" not in disposition, disposition
        assert "\x00" not in disposition and "\u202e" not in disposition, disposition

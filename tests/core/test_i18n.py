from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [
    *sorted(ROOT.glob("abierto/*/locale/en/LC_MESSAGES/django.po")),
    ROOT / "locale/es/LC_MESSAGES/django.po",  # Django's own strings it leaves untranslated
]


@pytest.mark.django_db
def test_language_switch_turns_the_site_to_english_and_back(client):
    assert "Saltar al contenido" in client.get("/").content.decode()
    response = client.post("/idioma/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    english = client.get("/")
    assert english["Content-Language"] == "en"
    assert "Skip to content" in english.content.decode()
    assert '<html lang="en">' in english.content.decode()
    client.post("/idioma/", {"language": "es", "next": "/"})
    assert "Saltar al contenido" in client.get("/").content.decode()


@pytest.mark.django_db
def test_browser_language_does_not_override_spanish(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "es"


def _speaks(app_path: Path) -> bool:
    """The app has user-facing text: gettext in its code or translate tags in its templates."""
    for path in app_path.rglob("*"):
        if "migrations" in path.parts or "locale" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py" and "gettext" in path.read_text(encoding="utf-8"):
            return True
        if path.suffix in {".html", ".txt"} and "{% translate" in path.read_text(encoding="utf-8"):
            return True
    return False


def test_every_app_has_an_english_catalogue():
    """Every installed app of ours with user-facing text has its English catalogue (whose
    completeness the test below checks, one catalogue at a time)."""
    from django.apps import apps

    ours = [config for config in apps.get_app_configs() if config.name.startswith("abierto.")]
    speaking = {config.label: Path(config.path) for config in ours if _speaks(Path(config.path))}
    assert speaking, "no app of ours found"
    missing = [
        label
        for label, path in speaking.items()
        if not (path / "locale/en/LC_MESSAGES/django.po").exists()
    ]
    assert not missing, f"sin catálogo en inglés: {missing}"
    catalogued = {p.parts[-5] for p in CATALOGUES[:-1]}
    assert set(speaking) <= catalogued


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: "/".join(p.parts[-5:-3]))
def test_catalogues_are_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"sin traducir: {untranslated[:5]}"
    assert not fuzzy, f"marcadas fuzzy: {fuzzy[:5]}"
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    missing = [
        e.msgid for e in po.translated_entries() if compiled.get((e.msgctxt, e.msgid)) != e.msgstr
    ]
    assert not missing, f".mo desactualizado; ejecute make messages: {missing[:5]}"


def test_django_blank_choice_reads_in_spanish():
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("es"):
        assert str(BLANK_CHOICE_LABEL) == "— Elija una opción —"


@pytest.mark.django_db
def test_english_has_its_own_addresses_with_hreflang_alternates(client):
    english = client.get("/en/planes/")
    assert english.status_code == 200
    assert english["Content-Language"] == "en"
    html = english.content.decode()
    assert 'hreflang="es-EC" href="http://127.0.0.1:8000/planes/"' in html
    assert 'hreflang="en" href="http://127.0.0.1:8000/en/planes/"' in html
    assert client.get("/en/").status_code == 200
    spanish = client.get("/planes/")
    assert spanish["Content-Language"] == "es"  # no cookie, no prefix: Spanish


@pytest.mark.django_db
def test_the_switcher_leads_to_the_page_in_the_chosen_language(client):
    response = client.post("/idioma/", {"language": "en", "next": "/planes/"})
    assert response["Location"] == "/en/planes/"
    response = client.post("/idioma/", {"language": "es", "next": "/en/planes/"})
    assert response["Location"] == "/planes/"

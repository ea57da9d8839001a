"""The restore drill: back up while the site runs, restore elsewhere, compare, re-verify."""

import json

import pytest
from django.core.management import CommandError, call_command

from abierto.core.audit import seal_pending
from abierto.core.models import ActionLog

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "private").mkdir(parents=True)
    (tmp_path / "media" / "private" / "acta.pdf").write_bytes(b"%PDF-1.4 acta")
    call_command("load_demo", verbosity=0)
    seal_pending()
    return tmp_path


def test_a_backup_restores_with_every_row_and_an_intact_chain(site, capsys):
    folder = site / "copia"
    call_command("backup", str(folder))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["core_actionlog"] == ActionLog.objects.count() > 0
    assert manifest["audit_head"][0] == ActionLog.objects.count()
    capsys.readouterr()
    call_command("restore_drill", str(folder))
    assert capsys.readouterr().out.strip().endswith("ok")


def test_a_damaged_copy_fails_the_drill(site):
    folder = site / "copia"
    call_command("backup", str(folder))
    with (folder / "media.tar.gz").open("ab") as archive:
        archive.write(b"basura")
    with pytest.raises(CommandError, match=r"media\.tar\.gz"):
        call_command("restore_drill", str(folder))

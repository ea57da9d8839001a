import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from abierto.core import audit
from abierto.core.exports import chain_rows
from abierto.opendata import chain

pytestmark = pytest.mark.django_db
SCRIPT = Path(chain.__file__)


def download(client) -> str:
    response = client.get("/datos/historial-publico.csv")
    return b"".join(response.streaming_content).decode()


def test_verifier_hashes_content_as_the_sealer_does(seeded):
    for row in chain_rows():
        if row.shown:
            exported = audit.content_hash(row)
            from abierto.core.exports import chain_row

            assert chain.content_hash(chain_row(row)) == exported == row.content_hash


def test_downloaded_chain_verifies_with_the_standalone_script(client, seeded, tmp_path):
    path = tmp_path / "historial-publico.csv"
    path.write_text(download(client))
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("ok: la cadena se sostiene")
    call_command("verify_public_chain", str(path))


def test_a_changed_cell_breaks_the_chain_at_that_row(client, seeded, tmp_path):
    rows = list(csv.DictReader(io.StringIO(download(client))))
    victim = next(row for row in rows if row["contenido_visible"] == "true")
    victim["rol_actor"] = "administracion" if victim["rol_actor"] != "administracion" else "x"
    path = tmp_path / "alterado.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = chain.verify_csv(str(path))
    assert not result.ok and result.broken_at == int(victim["seq"])
    with pytest.raises(CommandError, match="ROTA"):
        call_command("verify_public_chain", str(path))


def test_a_removed_row_breaks_the_chain(client, seeded):
    rows = list(csv.DictReader(io.StringIO(download(client))))
    del rows[2]
    result = chain.verify_rows(rows)
    assert not result.ok and result.broken_at == 4

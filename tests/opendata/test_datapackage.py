import io
import json
import zipfile

import pytest
from frictionless import validate

from abierto.opendata.registry import all_datasets

from .conftest import assert_no_private_data

pytestmark = pytest.mark.django_db


def test_data_package_is_valid_frictionless(client, seeded, tmp_path):
    response = client.get("/datos/paquete.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    for dataset in all_datasets():
        assert f"data/{dataset.slug}.csv" in names
        assert f"schemas/{dataset.slug}.json" in names
    archive.extractall(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert all(resource["licenses"] for resource in descriptor["resources"])
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    for name in names:
        assert_no_private_data(archive.read(name).decode())


def test_descriptor_alone_points_at_the_downloads(client, seeded):
    descriptor = client.get("/datos/datapackage.json").json()
    paths = [resource["path"] for resource in descriptor["resources"]]
    assert "http://127.0.0.1:8000/datos/propuestas.csv" in paths
    assert all(isinstance(resource["schema"], dict) for resource in descriptor["resources"])

from abierto.core.manifest import AppManifest

MANIFEST = AppManifest(
    urls=[("datos/", "abierto.opendata.urls")],
    machine_urls=[
        ("api/v1/", "abierto.opendata.api_urls"),
        ("", "abierto.opendata.root_urls"),
    ],
)

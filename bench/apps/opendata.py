"""Open data: the API lists (``/api/v1/...``, cursor pages of 50) and the full CSV export of
the proposals (a streaming download of every public proposal: first byte, whole file and the
worker's memory, against the targets in ``targets.py``)."""

from families import PageFamily, page_family


def _export_driver(context):
    from load import csv_export

    return csv_export(context, "/datos/propuestas.csv", context.rss)


page_family(
    PageFamily(
        key="api_proposals",
        label="/api/v1/propuestas",
        app="opendata",
        order=70,
        paths=["/api/v1/propuestas"],
    )
)
page_family(
    PageFamily(
        key="api_plans", label="/api/v1/planes", app="opendata", order=71, paths=["/api/v1/planes"]
    )
)
page_family(
    PageFamily(
        key="api_organizations",
        label="/api/v1/organizaciones",
        app="opendata",
        order=72,
        paths=["/api/v1/organizaciones"],
    )
)
page_family(
    PageFamily(
        key="csv_export",
        label="/datos/propuestas.csv (entero)",
        app="opendata",
        order=80,
        driver=_export_driver,
    )
)

"""Core: the demo every other builder starts from, R1 and the health check."""

from families import Dataset, PageFamily, dataset_builder, page_family


@dataset_builder("core")
def build(data: Dataset) -> None:
    """The demo data of every app, through the services (``load_demo``): real plans, pages,
    documents, forum and example proposals with real histories, on which the bulk fillers of
    the other apps add volume."""
    from django.core.management import call_command

    data.progress("datos de demostración", 0, 1)
    call_command("load_demo", verbosity=0)
    data.progress("datos de demostración", 1, 1)


page_family(
    PageFamily(
        key="r1",
        label="R1: hola (Django, mismo servidor)",
        app="core",
        order=0,
        paths=["/bench/hola/"],
    )
)
page_family(PageFamily(key="health", label="/salud/", app="core", order=1, paths=["/salud/"]))

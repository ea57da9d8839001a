"""Content: home and documents (their volume is the demo's: a site has tens of documents)."""

from families import PageFamily, page_family

page_family(PageFamily(key="home", label="/", app="content", order=10, paths=["/"]))
page_family(
    PageFamily(
        key="documents", label="/documentos/", app="content", order=80, paths=["/documentos/"]
    )
)

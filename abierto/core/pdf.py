"""PDF from our own HTML templates, through WeasyPrint, without the network.

The only resources a document may load are the site's own static files (its stylesheet, the
logo): ``StaticFilesFetcher`` serves those from disk and refuses every other address (another
host, ``file:``, ``data:`` excepted), so rendering a PDF never reaches the network whatever a
template or a text typed by someone contains. WeasyPrint needs Pango (``libpango-1.0``), which
``.ci/run`` installs when the machine lacks it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

#: Every relative address in a document resolves against this base; it is never fetched.
BASE_URL = "https://abierto.local/"

PDF_CONTENT_TYPE = "application/pdf"


def static_file_path(url: str) -> Path | None:
    """The file on disk behind one of our static URLs, or None for any other address."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != urlsplit(BASE_URL).netloc:
        return None
    static_prefix = urlsplit(settings.STATIC_URL).path
    if not parts.path.startswith(static_prefix):
        return None
    name = unquote(parts.path[len(static_prefix) :])
    if not name or ".." in Path(name).parts:
        return None
    if staticfiles_storage.exists(name):  # collected (hashed names in production)
        return Path(staticfiles_storage.path(name))
    found = finders.find(name)  # development: straight from the apps' static folders
    return Path(found) if isinstance(found, str) else None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Serves our static files and refuses everything else (no network, no file:)."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_file_path(url)
            if path is None:
                raise ValueError(f"Recurso no permitido en un PDF: {url[:100]}")
            content_type = {
                ".css": "text/css",
                ".svg": "image/svg+xml",
                ".png": "image/png",
                ".woff2": "font/woff2",
            }.get(path.suffix.lower(), "application/octet-stream")
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesFetcher(allowed_protocols=("https", "data"))


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML document (a string rendered from our templates)."""
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)  # before the import, which logs
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template (a whole HTML document) and turn it into a PDF."""
    return html_to_pdf(render_to_string(template_name, context))


def example_document_pdf(
    *, title: str, date, sections: list[tuple[str, str]], subtitle: str = ""
) -> bytes:
    """A small PDF marked «Documento de ejemplo» on its first line, for demo data (example
    actas, methodologies), always in the site's first language."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf(
            "core/pdf/example_document.html",
            {
                "title": title,
                "subtitle": subtitle,
                "date": date,
                "sections": sections,
                "site_name": settings.ABIERTO_SITE_NAME,
            },
        )

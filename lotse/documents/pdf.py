"""PDF/A from Django templates, with WeasyPrint, never touching the network.

``render_pdf`` renders a template that extends ``documents/base_print.html``
(A4, margins, page numbers, fonts for Latin, Cyrillic and Arabic script) and
returns PDF/A-3a bytes: fonts embedded, tagged, the language and the title in
the document's metadata. Reused by every printable document (consent form,
integration plan; later the proof of use and the indicator narrative).

The URL fetcher answers only for Lotse's own static files; any other URL
(http, https, file paths outside the static files, data:) is refused, so a
template or a typed text cannot make the server fetch anything.
"""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lotse.documents import rules

# PDF/A-3: archivable, and (unlike A-2) allows embedded files such as the XML of a
# proof of use; level a adds the structure tags (reading order, language) that
# screen readers need.
PDF_VARIANT = "pdf/a-3a"
BASE_URL = "file:///lotse-print/"

logger = logging.getLogger(__name__)
# WeasyPrint reports every rendering step at INFO; only its warnings matter here.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class RefusedURL(ValueError):
    pass


def static_path(url: str) -> Path | None:
    """The file behind a static URL of Lotse, or None for anything else."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = unquote(parts.path)
    prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"
    if not path.startswith(prefix) or "/../" in path or path.endswith("/.."):
        return None
    relative = path[len(prefix) :]
    found = finders.find(relative)
    if not found and settings.STATIC_ROOT:
        candidate = (Path(settings.STATIC_ROOT) / relative).resolve()
        root = Path(settings.STATIC_ROOT).resolve()
        if candidate.is_file() and root in candidate.parents:
            found = str(candidate)
    return Path(found) if found else None


class StaticFilesOnly(URLFetcher):
    """Serves static files from disk; refuses every other URL."""

    def fetch(self, url, headers=None):
        path = static_path(url)
        if path is None:
            logger.warning("PDF: refused to fetch a URL outside the static files")
            raise RefusedURL("Im PDF sind nur Lotses eigene statische Dateien erlaubt.")
        content_type = {
            ".css": "text/css",
            ".png": "image/png",
            ".svg": "image/svg+xml",
            ".woff2": "font/woff2",
            ".ttf": "font/ttf",
        }.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(
            url, path.read_bytes(), headers={"Content-Type": content_type}, status=200
        )


def render_pdf(template_name: str, context: dict, *, lang: str) -> bytes:
    """The template rendered as a PDF/A document in the language ``lang``.

    The context gets ``lang`` and ``dir`` (rtl for Arabic script); the template
    sets the document's title in ``{% block title %}`` (PDF metadata).
    """
    context = {**context, "lang": lang, "dir": "rtl" if rules.is_rtl(lang) else "ltr"}
    # Document chrome (page numbers, headings) follows the document's main language
    # where Lotse has it, else German.
    ui_language = lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(ui_language):
        html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly())
    return document.write_pdf(pdf_variant=PDF_VARIANT)

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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lotse.core import clock
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


@dataclass(frozen=True)
class EmbeddedFile:
    """A file carried inside the PDF/A-3 (e.g. the XML of a proof of use)."""

    name: str
    content: bytes
    description: str = ""
    # ISO 32000-2, 7.11.3: Data, Source, Alternative, Supplement or Unspecified.
    relationship: str = "Data"


def render_pdf(
    template_name: str, context: dict, *, lang: str, attachments: Sequence[EmbeddedFile] = ()
) -> bytes:
    """The template rendered as a PDF/A document in the language ``lang``.

    The context gets ``lang`` and ``dir`` (rtl for Arabic script); the template
    sets the document's title in ``{% block title %}`` (PDF metadata).
    ``attachments`` are embedded as associated files, as PDF/A-3 allows.
    """
    context = {**context, "lang": lang, "dir": "rtl" if rules.is_rtl(lang) else "ltr"}
    # Document chrome (page numbers, headings) follows the document's main language
    # where Lotse has it, else German.
    ui_language = lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(ui_language):
        html = render_to_string(template_name, context)
    fetcher = StaticFilesOnly()
    now = clock.now()
    embedded = [
        Attachment(
            string=item.content,
            name=item.name,
            description=item.description,
            relationship=item.relationship,
            created=now,
            modified=now,
            url_fetcher=fetcher,
        )
        for item in attachments
    ]
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(pdf_variant=PDF_VARIANT, attachments=embedded or None)

"""PDF infrastructure: PDF/A, language and direction, title, no network."""

import io

import pytest
from pypdf import PdfReader

from lotse.documents.pdf import StaticFilesOnly, render_pdf, static_path


def read(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_a_pdf_a_document_with_title_language_and_page_numbers():
    content = render_pdf(
        "documents/plan_summary.html",
        {
            "title": "Kurzfassung",
            "client": {"case_number": "2026-0001", "organisation": {"name": "Lünen"}},
            "labels": {"case_number": "Fallnummer", "no_goals": "Noch keine Ziele"},
            "part": {"before": [], "after": []},
            "rows": [],
            "text": {"display_name": "Deutsch"},
        },
        lang="de",
    )
    assert content.startswith(b"%PDF-1.7")
    reader, text = read(content)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert "/OutputIntents" in root  # PDF/A: the sRGB output intent
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data()
    assert reader.metadata.title == "Kurzfassung – 2026-0001"
    assert "Noch keine Ziele" in text
    assert "1 / 1" in text  # page numbers


def test_right_to_left_language_sets_dir_and_renders_arabic_script():
    content = render_pdf(
        "documents/plan_summary.html",
        {
            "title": "خطة الاندماج",
            "client": {"case_number": "2026-0001", "organisation": {"name": "Lünen"}},
            "labels": {"no_goals": "لم يتم الاتفاق على أهداف بعد."},
            "part": {"before": [], "after": []},
            "rows": [],
            "text": {"display_name": "Arabisch"},
        },
        lang="ar",
    )
    reader, text = read(content)
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert "أهداف" in text


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x.css",
        "http://127.0.0.1:8000/static/documents/print.css",
        "file:///etc/passwd",
        "file:///static/../../etc/passwd",
        "data:text/css,body{}",
        "file://evil.example/static/documents/print.css",
    ],
)
def test_the_url_fetcher_refuses_everything_but_static_files(url):
    assert static_path(url) is None
    with pytest.raises(ValueError):
        StaticFilesOnly().fetch(url)


def test_the_url_fetcher_serves_the_print_stylesheet():
    response = StaticFilesOnly().fetch("file:///static/documents/print.css")
    assert b"@page" in response.read()


def test_files_can_be_embedded_for_pdf_a_3():
    # For the proof of use (issue 5): its XML travels inside the archived PDF.
    from lotse.documents.pdf import EmbeddedFile

    xml = b"<?xml version='1.0'?><verwendungsnachweis/>"
    content = render_pdf(
        "documents/plan_summary.html",
        {
            "title": "Nachweis",
            "client": {"case_number": "-", "organisation": {"name": "Kreis Unna"}},
            "labels": {},
            "part": {"before": [], "after": []},
            "rows": [],
            "text": {"display_name": "Deutsch"},
        },
        lang="de",
        attachments=[EmbeddedFile("nachweis.xml", xml, "Verwendungsnachweis")],
    )
    reader, _text = read(content)
    assert reader.attachments["nachweis.xml"] == [xml]

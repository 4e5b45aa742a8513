"""The functional core of documents: markup, placeholders, language, most specific text."""

import subprocess
import sys

import pytest

from lotse.documents import rules

SPEC = {
    "inline": ("organisation", "case_number"),
    "block": ("purposes",),
    "required": ("purposes",),
}


def test_markup_parses_headings_paragraphs_lists_and_block_placeholders():
    blocks = rules.parse(
        "# Wozu?\nErste Zeile\nzweite Zeile\n\n- eins\n- zwei\n  weiter\n{purposes}\nSchluss",
        block_placeholders=["purposes"],
    )
    assert [(b.kind, b.lines, b.name) for b in blocks] == [
        ("heading", ("Wozu?",), ""),
        ("paragraph", ("Erste Zeile", "zweite Zeile"), ""),
        ("list", ("eins", "zwei weiter"), ""),
        ("placeholder", (), "purposes"),
        ("paragraph", ("Schluss",), ""),
    ]


def test_html_stays_text():
    (block,) = rules.parse("<script>alert(1)</script>")
    assert block.lines == ("<script>alert(1)</script>",)  # the template escapes it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hallo {organisation}\n{purposes}", []),
        ("{name}\n{purposes}", ["unbekannter Platzhalter „{name}“"]),
        ("Text", ["„{purposes}“ fehlt"]),
        ("Liste: {purposes}", ["allein in einer eigenen Zeile"]),
        ("{purposes}\nKlammer { offen", ["geschweifte Klammern"]),
    ],
)
def test_placeholder_errors(text, expected):
    errors = rules.placeholder_errors(text, **SPEC)
    assert len(errors) == len(expected)
    for error, part in zip(errors, expected, strict=True):
        assert part in error
        assert error.startswith("Text:")  # names the field


def test_fill_replaces_only_inline_values():
    assert rules.fill("{organisation} / {x}", {"organisation": "Lünen"}) == "Lünen / {x}"


def test_most_specific_text_wins():
    # Recommended override rule: the deepest node on the path wins, then the shipped text.
    assert rules.most_specific([(None, "shipped"), (0, "state"), (2, "county")]) == "county"
    assert rules.most_specific([(None, "shipped")]) == "shipped"
    assert rules.most_specific([]) is None


@pytest.mark.parametrize(
    ("code", "rtl"),
    [
        ("ar", True),
        ("fa", True),
        ("fa-AF", True),
        ("prs", True),
        ("ps", True),
        ("uk", False),
        ("tr", False),
        ("de", False),
        ("ckb", True),
        ("kmr", False),
    ],
)
def test_right_to_left(code, rtl):
    assert rules.is_rtl(code) is rtl


@pytest.mark.parametrize("code", ["ar", "fa-AF", "prs", "sr-Latn"])
def test_language_codes(code):
    assert rules.language_code_error(code) is None


@pytest.mark.parametrize("code", ["", "Arabisch", "a", "ar_SY", "de-", "1a"])
def test_bad_language_codes(code):
    assert "Sprachcode" in rules.language_code_error(code)


LANGUAGES = [
    ("de", ["Deutsch", "German"]),
    ("ar", ["Arabisch", "Arabic", "العربية"]),
    ("fa", ["Persisch (Farsi/Dari)", "Farsi", "Dari"]),
    ("uk", ["Ukrainisch", "Українська"]),
]


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        (["Dari"], "fa"),
        (["Arabisch, Deutsch"], "ar"),
        (["Deutsch"], "de"),
        (["", "Ukrainisch, Russisch"], "uk"),
        (["Tigrinya"], ""),
        (["العربية"], "ar"),
    ],
)
def test_language_guess_from_the_case_file(mentions, expected):
    assert rules.guess_language(mentions, LANGUAGES) == expected


def test_rules_load_no_django():
    code = "import sys, lotse.documents.rules; print(sorted(m for m in sys.modules if m.startswith('django')))"
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"

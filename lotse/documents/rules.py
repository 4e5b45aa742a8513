"""The functional core of printable documents: plain Python, no Django.

Texts that administrators edit are plain text with a minimal markup, never HTML:

- a blank line separates paragraphs;
- a line starting with ``# `` is a heading;
- lines starting with ``- `` form a bulleted list;
- ``{name}`` is a placeholder. Inline placeholders (``{organisation}``) are
  replaced by a value; block placeholders (``{purposes}``) stand alone on their
  line and become a whole part of the document (the checklist, the goals).

The template escapes every piece of text, so nothing typed can inject markup
into the PDF.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# Scripts written right to left (primary language subtags): Arabic, Persian and
# Dari, Pashto, Urdu, Sorani Kurdish, Hebrew, Yiddish, Sindhi, Uyghur, Dhivehi, Syriac.
RTL_LANGUAGES = frozenset(
    {"ar", "fa", "prs", "ps", "pbt", "ur", "ckb", "he", "yi", "sd", "ug", "dv", "syr", "arc"}
)

T = TypeVar("T")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph", "list" or "placeholder"
    lines: tuple[str, ...] = ()
    name: str = ""


def primary_subtag(code: str) -> str:
    return code.split("-", 1)[0].lower()


def is_rtl(code: str) -> bool:
    return primary_subtag(code) in RTL_LANGUAGES


def language_code_error(code: str) -> str | None:
    if not LANGUAGE_CODE.match(code or ""):
        return (
            "Sprachcode: zwei oder drei Kleinbuchstaben nach ISO 639, wahlweise mit "
            "Region, z. B. „ar“, „uk“ oder „fa-AF“."
        )
    return None


def placeholder_errors(
    text: str,
    *,
    inline: Iterable[str],
    block: Iterable[str],
    required: Iterable[str] = (),
    field: str = "Text",
) -> list[str]:
    """German messages for every placeholder rule the text breaks (empty: fine)."""
    inline, block = set(inline), set(block)
    allowed = ", ".join("{" + name + "}" for name in sorted(inline | block))
    errors: list[str] = []
    unknown = [name for name in PLACEHOLDER.findall(text) if name not in inline | block]
    for name in dict.fromkeys(unknown):
        errors.append(
            f"{field}: unbekannter Platzhalter „{{{name}}}“. Erlaubt sind hier: {allowed}."
        )
    stray = PLACEHOLDER.sub("", text)
    if "{" in stray or "}" in stray:
        errors.append(
            f"{field}: geschweifte Klammern sind nur für Platzhalter erlaubt, "
            f"z. B. {allowed}; eine Klammer ist nicht geschlossen."
        )
    for name in sorted(block):
        for line in text.splitlines():
            if "{" + name + "}" in line and line.strip() != "{" + name + "}":
                errors.append(
                    f"{field}: der Platzhalter „{{{name}}}“ muss allein in einer eigenen Zeile stehen."
                )
                break
    for name in sorted(required):
        if "{" + name + "}" not in text:
            errors.append(f"{field}: der Platzhalter „{{{name}}}“ fehlt; er ist hier Pflicht.")
    return errors


def parse(text: str, *, block_placeholders: Iterable[str] = ()) -> list[Block]:
    """The text's blocks in order (headings, paragraphs, lists, block placeholders)."""
    block_names = set(block_placeholders)
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", tuple(paragraph)))
            paragraph.clear()
        if items:
            blocks.append(Block("list", tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        match = PLACEHOLDER.fullmatch(line)
        if not line:
            flush()
        elif match and match.group(1) in block_names:
            flush()
            blocks.append(Block("placeholder", name=match.group(1)))
        elif line.startswith("# "):
            flush()
            blocks.append(Block("heading", (line[2:].strip(),)))
        elif line.startswith("- "):
            if paragraph:
                flush()
            items.append(line[2:].strip())
        elif items and raw[:1].isspace():
            # An indented line continues the list item above it.
            items[-1] = f"{items[-1]} {line}"
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return blocks


def fill(text: str, values: dict[str, str]) -> str:
    """Replace inline placeholders; unknown ones stay as typed (validated on saving)."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def filled_blocks(blocks: Sequence[Block], values: dict[str, str]) -> list[Block]:
    return [
        Block(block.kind, tuple(fill(line, values) for line in block.lines), block.name)
        for block in blocks
    ]


def most_specific(candidates: Iterable[tuple[int | None, T]]) -> T | None:
    """The candidate held deepest in the tree; ``None`` depth is the shipped text.

    Texts apply to the subtree of their organisation, so the caller passes only
    candidates on the path from the root to the client's organisation: the most
    specific one (a town over its county over the state over the shipped text) wins.
    """
    best: tuple[int, T] | None = None
    for depth, item in candidates:
        rank = -1 if depth is None else depth
        if best is None or rank > best[0]:
            best = (rank, item)
    return best[1] if best else None


def _words(text: str) -> set[str]:
    return {word for word in re.split(r"[\s,;/()]+", text.casefold()) if word}


def guess_language(mentions: Sequence[str], languages: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The language (code) that the free-text mentions name, or ''.

    ``mentions`` are what the case file says (the language the consent was
    explained in, the client's languages), best first; ``languages`` pairs each
    code with its names (German, native, English). A language other than German
    wins over German ("Arabisch, Deutsch" → ar); German only → "de".
    """
    german = ""
    for mention in mentions:
        words = _words(mention)
        if not words:
            continue
        for code, names in languages:
            keys = {code.casefold(), primary_subtag(code)}
            for name in names:
                keys |= _words(name or "")
            if words & keys:
                if primary_subtag(code) != "de":
                    return code
                german = german or code
    return german

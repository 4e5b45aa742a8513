"""Client names: normalisation across scripts and spellings, search keys, duplicates.

Issue 3 (search and duplicates): on creating a client, warn of likely
duplicates within the same tenant; search by name in any script. Pure
functions; the Django layer narrows the candidates (same tenant, compatible
birth year) and calls :func:`likely_duplicate` on each.

How a name becomes comparable (:func:`normalise`):

1. Unicode NFC, case folding (ß → ss), apostrophes removed (Ja'far → jafar,
   Мар'яна → mariana).
2. Cyrillic → Latin: the Ukrainian national system, or ICAO (Russian
   passports) when the name has letters only Russian uses (ё ъ ы э); names
   with letters of neither are read both ways (Гончаренко → Honcharenko and
   Goncharenko) by :func:`search_keys` and :func:`likely_duplicate`.
3. German umlauts are spelt both ways (Müller → mueller, muller; see
   :func:`latin_spellings`); other diacritics are dropped (Yılmaz → yilmaz,
   Çelik → celik); ø æ œ ł đ þ are spelt out.
4. Latin words are reduced by the rules in ``_RULES`` to one skeleton, which
   also folds German and English transliteration habits together
   (Schewtschenko and Shevchenko → shevchenko; ae/oe/ue → a/o/u, so Müller,
   Mueller and Muller agree; doubled letters single; -ii/-iy/-yj endings → -i).
5. Given-name spellings listed in name_tables.GIVEN_NAME_VARIANTS become the
   group's first spelling (Mohamed → muhamad, Aleksandr → oleksandr).

Arabic script is not transliterated: there are many competing systems and the
short vowels are not written, so no algorithm recovers "Mohammed" from محمد
reliably. Arabic-script names are folded (vowel marks, hamza seats, ة/ه, ى/ي,
Persian ی/ک) and compared only with Arabic script; across scripts they are
compared through the client's Latin transliteration field. The same holds for
every other non-Latin, non-Cyrillic script (Ge'ez for Tigrinya, Greek, …).
"""

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from lotse.cases.rules.dates import PartialDate
from lotse.cases.rules.name_tables import (
    ARTICLES,
    GIVEN_NAME_VARIANTS,
    ONLY_RUSSIAN,
    ONLY_UKRAINIAN,
    RUSSIAN,
    UKRAINIAN,
    UKRAINIAN_WORD_START,
)
from lotse.cases.rules.phonetics import koelner_phonetik, levenshtein, similarity

__all__ = [
    "ClientIdentity",
    "koelner_phonetik",
    "latin_spellings",
    "likely_duplicate",
    "name_index",
    "name_parts_match",
    "normalise",
    "search_key",
    "search_keys",
    "search_prefixes",
]

# Two words match when their Kölner Phonetik codes agree and they differ in at
# most a fifth of their letters (Meier/Maier, Melnyk/Melnik; not Anna/Ina,
# Said/Saad), or when one letter differs in a word of six or more (a typo).
SIMILAR_ENOUGH = 0.8
TYPO_MIN_LENGTH = 6

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼʻʿʾ`´ʹ\u0640"))  # \u0640: Arabic tatweel
_SPELLED_OUT = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ħ": "h", "ı": "i"}
)
_UMLAUTS_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_ARABIC_FOLD = str.maketrans(
    {
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian kaf
        "ء": None,
    }
)

# Applied in order, repeatedly, until nothing changes. German transliteration
# first ("tsch" before "sch"), then letters that stand for the same sound.
_RULES = (
    ("tsch", "ch"),  # ч: Tschernenko / Chernenko
    ("sch", "sh"),  # ш: Schewtschenko / Shevchenko
    ("kh", "ch"),  # х: Kharchenko / Chartschenko
    ("ph", "f"),
    ("th", "t"),  # Othman / Otman
    ("ck", "k"),
    ("x", "ks"),  # Alexander / Aleksandr
    ("w", "v"),  # в: Iwanow / Ivanov
    ("j", "y"),  # Jusuf / Yusuf, Jurij / Yurii
    ("ou", "u"),  # Youssef / Yusef, Moustafa / Mustafa
    ("ae", "a"),  # Mueller / Muller (after ä → ae)
    ("oe", "o"),
    ("ue", "u"),
    ("ia", "ya"),  # я: Yuliia / Yuliya
    ("iu", "yu"),  # ю: Iurii / Yurii
)
_DOUBLE_LETTER = re.compile(r"([a-z])\1+")
_ENDING_II = re.compile(r"[iy]{2}$")  # -ий / -ій / -ый: Zelenskyy, Selenskyj, Serhii
_ENDING_EY = re.compile(r"ey$")  # Sergey / Sergei
_TOKEN = re.compile(r"[a-z]+|[^\W\d_a-z]+")


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def _is_arabic(char: str) -> bool:
    code = ord(char)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


def _transliterate(text: str, *, ukrainian: bool) -> str:
    table = UKRAINIAN if ukrainian else RUSSIAN
    out: list[str] = []
    previous = ""
    for char in text:
        if char in table:
            if ukrainian and not previous.isalpha() and char in UKRAINIAN_WORD_START:
                out.append(UKRAINIAN_WORD_START[char])
            elif ukrainian and char == "г" and previous == "з":
                out.append("gh")  # зг → zgh, to tell it from ж → zh
            else:
                out.append(table[char])
        else:
            out.append(char)
        previous = char
    return "".join(out)


def _fold(text: str) -> str:
    """Lower case without diacritics; ß → ss; compatibility forms (ﬁ, Arabic
    presentation forms) to plain letters."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    return unicodedata.normalize("NFC", text.translate(_SPELLED_OUT))


@functools.lru_cache(maxsize=4096)
def latin_spellings(text: str) -> tuple[str, ...]:
    """Lower-case spellings of ``text`` without diacritics, the most likely first:
    umlauts spelt ae/oe/ue and plain a/o/u, Cyrillic in the Ukrainian and the
    Russian system. "Jürgen Weiß" → ("juergen weiss", "jurgen weiss")."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    text = text.translate(_APOSTROPHES)
    systems: tuple[bool | None, ...] = (None,)  # None: not Cyrillic; True: Ukrainian system
    if _has_cyrillic(text):
        letters = set(text)
        russian_first = bool(letters & ONLY_RUSSIAN) and not letters & ONLY_UKRAINIAN
        systems = (False, True) if russian_first else (True, False)
    spellings: list[str] = []
    for ukrainian in systems:
        reading = text if ukrainian is None else _transliterate(text, ukrainian=ukrainian)
        for spelling in (reading.translate(_UMLAUTS_SPELLED), reading):
            folded = _fold(spelling)
            if ukrainian is not None:
                # Letters like ѐ only become a transliterable е once folded.
                folded = _fold(_transliterate(folded, ukrainian=ukrainian))
            folded = " ".join(folded.split())
            if folded not in spellings:
                spellings.append(folded)
    return tuple(spellings)


def _skeleton(word: str) -> str:
    """One Latin word reduced by ``_RULES`` (see the module docstring, step 4)."""
    while True:
        before = word
        for old, new in _RULES:
            word = word.replace(old, new)
        word = _DOUBLE_LETTER.sub(r"\1", word)
        word = _ENDING_II.sub("i", word)
        word = _ENDING_EY.sub("ei", word)
        if word == before:
            return word


def _build_variants() -> dict[str, str]:
    variants: dict[str, str] = {}
    for group in GIVEN_NAME_VARIANTS:
        canonical = _skeleton(_fold(group[0]))
        for spelling in group:
            key = _skeleton(_fold(spelling))
            if variants.get(key, canonical) != canonical:
                raise ValueError(f"name variant {spelling!r} is in two groups")
            variants[key] = canonical
    return variants


_VARIANTS = _build_variants()


@functools.lru_cache(maxsize=16384)
def _canonical_word(word: str) -> str:
    if "a" <= word[0] <= "z":
        skeleton = _skeleton(word)
        return _VARIANTS.get(skeleton, skeleton)
    if _is_arabic(word[0]):
        return word.translate(_ARABIC_FOLD) or word
    return word


def _words(spelling: str) -> tuple[str, ...]:
    """Canonical words of one folded spelling; a change of script splits a word."""
    words = (_canonical_word(token) for token in _TOKEN.findall(spelling))
    return tuple(word for word in words if word)


def normalise(text: str) -> str:
    """The comparison form of a name: "Mohammed Al-Hassan" → "muhamad al hasan",
    "Олександр Шевченко" → "oleksandr shevchenko". Idempotent."""
    spellings = latin_spellings(text)
    return " ".join(_words(spellings[0])) if spellings else ""


def search_key(text: str) -> str:
    """What to compare when searching by name in any script: the normalised form.

    Store ``search_keys(name)`` for each client and look up ``search_key(query)``
    among them; a Cyrillic name is then found by its Ukrainian and its Russian
    Latin spelling, a Latin name by German, English and passport spellings.
    """
    return normalise(text)


def search_keys(text: str) -> frozenset[str]:
    """Every comparison form of ``text`` (one per reading of a Cyrillic name)."""
    keys = (" ".join(_words(spelling)) for spelling in latin_spellings(text))
    return frozenset(key for key in keys if key)


def name_index(*names: str) -> str:
    """The canonical words a client is found under, space-delimited on both sides
    (" muhamad al hasan alhasan "), for a stored column searched with
    ``contains(" " + word)``, a word prefix. Every reading of every name form is
    indexed, plus each name written together ("Al-Hassan" / "Alhasan"), so a search
    by :func:`search_keys` of the query finds what :func:`normalise` equates."""
    words: dict[str, None] = {}
    for name in names:
        for spelling in latin_spellings(name):
            parts = _words(spelling)
            words.update(dict.fromkeys(parts))
            if len(parts) > 1:
                core = tuple(word for word in parts if word not in ARTICLES) or parts
                for joined in ("".join(parts), "".join(core)):
                    words[_canonical_word(joined)] = None
            # As spelt, too: the beginning "Moham" is not a prefix of "muhamad".
            words.update(dict.fromkeys(_TOKEN.findall(spelling)))
    return f" {' '.join(words)} " if words else ""


def search_prefixes(query: str) -> frozenset[tuple[str, ...]]:
    """The word lists to look up in a :func:`name_index`, each word as the beginning
    of an indexed word: the canonical form of each reading of ``query`` (any
    spelling), and each reading as spelt (the beginning of a name)."""
    canonical = (tuple(key.split()) for key in search_keys(query))
    spelt = (tuple(_TOKEN.findall(spelling)) for spelling in latin_spellings(query))
    return frozenset(words for words in (*canonical, *spelt) if words)


@functools.lru_cache(maxsize=16384)
def _words_match(a: str, b: str) -> bool:
    """Whether two canonical words are one name (see SIMILAR_ENOUGH)."""
    if a == b:
        return True
    if not (a.isascii() and b.isascii()):
        return False  # another script: only equal words match
    if koelner_phonetik(a) == koelner_phonetik(b) and similarity(a, b) >= SIMILAR_ENOUGH:
        return True
    return min(len(a), len(b)) >= TYPO_MIN_LENGTH and levenshtein(a, b) == 1


def _covers(few: Iterable[str], many: tuple[str, ...]) -> bool:
    return all(any(_words_match(word, other) for other in many) for word in few)


def _word_lists_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    core_a = tuple(word for word in a if word not in ARTICLES) or a
    core_b = tuple(word for word in b if word not in ARTICLES) or b
    # Written together or apart: "Al-Hassan" / "Alhasan", "Abdul Rahman" / "Abdulrahman".
    joined_a = {_canonical_word("".join(a)), _canonical_word("".join(core_a))}
    joined_b = {_canonical_word("".join(b)), _canonical_word("".join(core_b))}
    if any(_words_match(x, y) for x in joined_a for y in joined_b):
        return True
    # One name is part of the other: "Mohammed Ali" / "Mohammed".
    return _covers(core_a, core_b) or _covers(core_b, core_a)


def _readings(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple({_words(spelling): None for spelling in latin_spellings(text)})


def name_parts_match(a: str, b: str) -> bool:
    """Whether two given names (or two family names) are likely the same, in any
    spelling: "Muhammad" / "Mohamed", "Al-Hassan" / "Alhasan", "Weiß" / "Weiss"."""
    return any(_word_lists_match(x, y) for x in _readings(a) for y in _readings(b))


@dataclass(frozen=True, slots=True)
class ClientIdentity:
    """What duplicate detection looks at: the names as written (any script), their
    Latin transliteration (from the client's transliteration fields), the date of birth."""

    given_names: str
    family_name: str
    given_names_latin: str = ""
    family_name_latin: str = ""
    birth: PartialDate | None = None

    def name_forms(self) -> list[tuple[str, str]]:
        forms = [
            (self.given_names, self.family_name),
            (self.given_names_latin, self.family_name_latin),
        ]
        return [(given, family) for given, family in forms if given.strip() or family.strip()]


def likely_duplicate(a: ClientIdentity, b: ClientIdentity) -> bool:
    """Whether ``b`` is likely the same person as ``a`` (symmetric).

    - Dates of birth, where both are known, must be able to be the same day
      (1990 and 17.05.1990 can; 17.05.1990 and 18.05.1990 cannot).
    - Given names and family names must both match (:func:`name_parts_match`),
      comparing every written form of ``a`` with every form of ``b``; given and
      family name may be swapped, as happens when Arabic names are taken down.
    - A name in Arabic (or another non-Latin, non-Cyrillic) script matches only
      the same name in the same script; across scripts use the Latin fields.
    """
    if a.birth is not None and b.birth is not None and not a.birth.compatible_with(b.birth):
        return False
    for given_a, family_a in a.name_forms():
        for given_b, family_b in b.name_forms():
            if name_parts_match(family_a, family_b) and name_parts_match(given_a, given_b):
                return True
            if name_parts_match(family_a, given_b) and name_parts_match(given_a, family_b):
                return True
    return False

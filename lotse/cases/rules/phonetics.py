"""Kölner Phonetik and edit distance: generic string tools for name matching.

Kölner Phonetik (Hans Joachim Postel, "Die Kölner Phonetik. Ein Verfahren zur
Identifizierung von Personennamen auf der Grundlage der Gestaltanalyse",
IBM-Nachrichten 19 (1969), 925–931) maps a German name to digits so that names
that sound alike get the same code. The table below is the standard one
(as published, e.g., in the German Wikipedia article "Kölner Phonetik"):

    A E I J O U Y          0
    H                      –  (no code)
    B                      1
    P      not before H    1
    D T    not before C S Z 2
    F V W                  3
    P      before H        3
    G K Q                  4
    C      at the onset before A H K L O Q R U X                      4
    C      before A H K O Q U X, not after S Z                        4
    X      not after C K Q 48
    L                      5
    M N                    6
    R                      7
    S Z                    8
    C      after S Z; at the onset not before A H K L O Q R U X;
           not before A H K O Q U X                                   8
    D T    before C S Z    8
    X      after C K Q     8

Then runs of the same digit are collapsed and every 0 except a leading one is
removed. Ä Ö Ü count as the vowels A O U and ß as S; other diacritics are
dropped, other characters ignored. Each word (split at white space) is coded
on its own, and the codes are joined with a space; a hyphenated name is one word.
"""

import unicodedata

_VOWELS = frozenset("AEIJOUY")
_C_ONSET_HARD = frozenset("AHKLOQRUX")
_C_HARD = frozenset("AHKOQUX")
_SIBILANT_FOLLOWERS = frozenset("CSZ")


def _letters(word: str) -> str:
    """Upper-case A–Z only: ß → S, umlauts and other diacritics to the base letter."""
    word = word.replace("ß", "S").replace("ẞ", "S")
    decomposed = unicodedata.normalize("NFKD", word.upper())
    return "".join(ch for ch in decomposed if "A" <= ch <= "Z")


def _code_letters(letters: str) -> str:
    codes: list[str] = []
    for index, letter in enumerate(letters):
        before = letters[index - 1] if index > 0 else ""
        after = letters[index + 1] if index + 1 < len(letters) else ""
        if letter in _VOWELS:
            code = "0"
        elif letter == "H":
            code = ""
        elif letter == "B":
            code = "1"
        elif letter == "P":
            code = "3" if after == "H" else "1"
        elif letter in "DT":
            code = "8" if after and after in _SIBILANT_FOLLOWERS else "2"
        elif letter in "FVW":
            code = "3"
        elif letter in "GKQ":
            code = "4"
        elif letter == "C":
            if index == 0:
                code = "4" if after and after in _C_ONSET_HARD else "8"
            elif before in "SZ":
                code = "8"
            else:
                code = "4" if after and after in _C_HARD else "8"
        elif letter == "X":
            code = "8" if before and before in "CKQ" else "48"
        elif letter == "L":
            code = "5"
        elif letter in "MN":
            code = "6"
        elif letter == "R":
            code = "7"
        else:  # S, Z
            code = "8"
        codes.append(code)
    return "".join(codes)


def koelner_phonetik_digits(text: str) -> str:
    """The raw digit string before collapsing (step 1 of the algorithm), per word."""
    return " ".join(filter(None, (_code_letters(_letters(word)) for word in text.split())))


def _collapse(raw: str) -> str:
    collapsed: list[str] = []
    for digit in raw:
        if not collapsed or collapsed[-1] != digit:
            collapsed.append(digit)
    if not collapsed:
        return ""
    return collapsed[0] + "".join(digit for digit in collapsed[1:] if digit != "0")


def koelner_phonetik(text: str) -> str:
    """The Kölner Phonetik code: "Müller-Lüdenscheidt" → "65752682", "Wikipedia" → "3412"."""
    return " ".join(
        filter(None, (_collapse(_code_letters(_letters(word))) for word in text.split()))
    )


def levenshtein(a: str, b: str) -> int:
    """Edits (insert, delete, substitute one character) that turn ``a`` into ``b``."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def similarity(a: str, b: str) -> float:
    """1.0 for equal strings, falling with each edit relative to the longer one."""
    if not a and not b:
        return 1.0
    return 1.0 - levenshtein(a, b) / max(len(a), len(b))

"""Money and numbers: parsing without float, rounding half-up once, German display.

No Django here (see lotse/kernel/__init__.py). Every amount that goes in
or comes out is a ``decimal.Decimal``. In between, the rules compute with exact
fractions (``fractions.Fraction``: 57,000 × 184/365 is kept as a ratio, not as
a 28-digit approximation), so the one rounding half-up to whole cents at the
end of each computation (SPEC §4.1) is always the right one, even where the
exact result lies on half a cent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from fractions import Fraction

from lotse.kernel.errors import RuleViolation

CENT = Decimal("0.01")
# Larger than any municipal or state budget; keeps every product far inside the
# working precision below, so no computation can overflow or silently round.
MAX_AMOUNT = Decimal("1000000000000")  # 10^12 EUR
# Working precision of every computation: 10^12 × 10^12 still has 36 digits to spare.
PRECISION = 60


@contextmanager
def exact() -> Iterator[None]:
    """A decimal context wide enough that no intermediate step is rounded."""
    with localcontext() as context:
        context.prec = PRECISION
        context.rounding = ROUND_HALF_UP
        yield


def round_cents(value: Decimal | Fraction) -> Decimal:
    """Round half-up (kaufmännisch) to whole cents: the one rounding at the end."""
    if isinstance(value, Fraction):
        cents = int(abs(value) * 100 + Fraction(1, 2))  # int() truncates: floor for ≥ 0
        return (Decimal(cents) if value >= 0 else -Decimal(cents)).scaleb(-2)
    with exact():
        return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_decimal(value: Fraction, *, places: int = 4) -> Decimal:
    """An exact fraction shown with ``places`` decimals (half-up), for the explanation only."""
    with exact():
        shown = Decimal(value.numerator) / Decimal(value.denominator)
        return shown.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def is_exact(value: Fraction, *, places: int = 4) -> bool:
    return bool((value * 10**places).denominator == 1)


def floor_cents(value: Decimal) -> Decimal:
    with exact():
        return value.quantize(CENT, rounding=ROUND_FLOOR)


_GERMAN_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$")
_PLAIN = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_decimal(value: object, *, field: str, label: str = "Der Wert") -> Decimal:
    """A number typed by a person or sent by a program, as an exact Decimal.

    Accepts ``Decimal``, ``int`` and text in either notation: "0.5", "0,5",
    "1234567.89", "1.234.567,89" (German thousands dots), with optional spaces
    and a trailing "EUR"/"€"/"%". A single dot without a comma is a decimal
    point ("1.234" is 1.234, as a program would mean it); dots are thousands
    separators only beside a decimal comma or when there are several.
    Floats are refused: they cannot hold 0.1 exactly, and money must never
    pass through them.
    """
    if isinstance(value, bool) or value is None:
        raise RuleViolation(f"{label} fehlt oder ist keine Zahl.", field)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        for suffix in ("EUR", "€", "%"):
            text = text.removesuffix(suffix)
        if len(text) > 40 or not text:
            raise RuleViolation(f"{label} ist keine Zahl.", field)
        if ("," in text or text.count(".") > 1) and _GERMAN_GROUPED.match(text):
            text = text.replace(".", "").replace(",", ".")
        elif _PLAIN.match(text):
            text = text.replace(",", ".")
        else:
            raise RuleViolation(
                f"{label} ist keine Zahl (Beispiele: 0,5 oder 1234,56 oder 1.234,56).", field
            )
        try:
            number = Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude it
            raise RuleViolation(f"{label} ist keine Zahl.", field) from exc
    else:
        raise RuleViolation(
            f"{label} muss als Zahl oder Text angegeben werden, nicht als {type(value).__name__}.",
            field,
        )
    if not number.is_finite():
        raise RuleViolation(f"{label} ist keine endliche Zahl.", field)
    if abs(number) >= MAX_AMOUNT:
        raise RuleViolation(f"{label} ist unplausibel groß (höchstens 999.999.999.999,99).", field)
    exponent = number.normalize().as_tuple().exponent
    if number != 0 and isinstance(exponent, int) and exponent < -10:
        raise RuleViolation(f"{label} hat zu viele Nachkommastellen (höchstens 10).", field)
    return number


def parse_money(value: object, *, field: str, label: str = "Der Betrag") -> Decimal:
    """A sum of money in EUR: at most two decimal places (whole cents), not negative."""
    number = parse_decimal(value, field=field, label=label)
    if number < 0:
        raise RuleViolation(f"{label} darf nicht negativ sein.", field)
    if number != number.quantize(CENT, rounding=ROUND_HALF_UP):
        raise RuleViolation(f"{label} hat mehr als zwei Nachkommastellen (ganze Cent).", field)
    return number


def format_number(value: Decimal, *, min_places: int = 0, max_places: int | None = None) -> str:
    """German notation: "1.234,5"; keeps at least ``min_places`` decimals, drops trailing zeros."""
    with exact():
        if max_places is not None:
            value = value.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
        exponent = value.normalize().as_tuple().exponent if value else 0
        places = max(min_places, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
        text = f"{abs(value):,.{places}f}"
    text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return ("-" if value < 0 else "") + text


def format_eur(value: Decimal | Fraction, *, places: int = 2) -> str:
    """ "57.000,00 EUR"; ``places`` > 2 for intermediate, unrounded values."""
    if isinstance(value, Fraction):
        value = to_decimal(value, places=places)
    with exact():
        shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{abs(shown):,.{places}f}"
    text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return ("-" if shown < 0 else "") + text + " EUR"


def format_fte(value: Decimal) -> str:
    """ "0,5 VZÄ", "1,0 VZÄ" – as the sources write it (KIM §4(1): "1,0 VzÄ")."""
    return format_number(value, min_places=1) + " VZÄ"


def format_percent(value: Decimal) -> str:
    return format_number(value, min_places=2) + " %"


def amount_text(value: Decimal) -> str:
    """The API's notation: plain digits, a point and exactly two decimals ("14367.12")."""
    return f"{round_cents(value):.2f}"

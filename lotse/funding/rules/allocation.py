"""Passing a county's money on by allocation numbers (BW 3.2).

BW 3.2: "Bei Weitergabe der Zuwendung an kreisangehörige Städte und Gemeinden
sowie Verbünde muss die Mittelverteilung entlang der Zuweisungszahlen in die
Anschlussunterbringung erfolgen." An association (Verbund) passes the money on
to its members, so it counts with the sum of its members' numbers.

Each recipient gets ``amount × number / total``; exact shares are cut to cents
and the missing cents go, one each, to the largest remainders (ties:
alphabetical), so the shares add up to the amount exactly – as the planning
frame does (BW 5.3, lotse.funding.rules.planning_frame).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur, format_number, is_exact

CITATION = "BW 3.2"


@dataclass(frozen=True)
class Distribution:
    amount: Decimal
    shares: dict[str, Decimal]
    numbers: dict[str, Decimal]
    total_number: Decimal
    explanation: list[str]


def distribute_by_numbers(*, amount: Decimal, numbers: Mapping[str, Decimal | int]) -> Distribution:
    """Share ``amount`` in proportion to each recipient's allocation number."""
    if amount < 0:
        raise RuleViolation("Der zu verteilende Betrag darf nicht negativ sein.", "amount")
    if amount != amount.quantize(Decimal("0.01")):
        raise RuleViolation(
            "Der zu verteilende Betrag hat mehr als zwei Nachkommastellen.", "amount"
        )
    if not numbers:
        raise RuleViolation(
            f"Bitte mindestens einen Empfänger mit Zuweisungszahl angeben ({CITATION}).", "numbers"
        )
    for name, number in numbers.items():
        if Decimal(number) < 0:
            raise RuleViolation(f"{name}: Die Zuweisungszahl darf nicht negativ sein.", "numbers")
    values = {name: Fraction(Decimal(number)) for name, number in numbers.items()}
    total = sum(values.values(), Fraction(0))
    if total == 0:
        raise RuleViolation(
            f"Die Zuweisungszahlen sind alle 0: nach {CITATION} ist nichts zu verteilen.",
            "numbers",
        )
    exact = {name: Fraction(amount) * value / total for name, value in values.items()}
    cents = {name: int(share * 100) for name, share in exact.items()}
    missing = int(Fraction(amount) * 100) - sum(cents.values())
    order = sorted(values, key=lambda name: (-(exact[name] * 100 - cents[name]), name))
    extra = set(order[:missing])
    for name in extra:
        cents[name] += 1
    shares = {name: Decimal(cents[name]).scaleb(-2) for name in values}
    total_decimal = sum((Decimal(number) for number in numbers.values()), Decimal(0))
    explanation = [
        f"Verteilung von {format_eur(amount)} nach Zuweisungszahlen in die "
        f"Anschlussunterbringung ({CITATION}); Summe der Zahlen: {format_number(total_decimal)}."
    ]
    for name in values:
        line = (
            f"{name}: {format_eur(amount)} × {format_number(Decimal(numbers[name]))} / "
            f"{format_number(total_decimal)} {'=' if is_exact(exact[name]) else '≈'} "
            f"{format_eur(exact[name], places=4)} → {format_eur(shares[name])}"
        )
        if name in extra:
            line += " (ein Restcent nach dem größten Rest)"
        explanation.append(line)
    explanation.append(
        f"Summe: {format_eur(sum(shares.values(), Decimal(0)))} = {format_eur(amount)}."
    )
    return Distribution(
        amount=amount,
        shares=shares,
        numbers={name: Decimal(number) for name, number in numbers.items()},
        total_number=total_decimal,
        explanation=explanation,
    )

"""Interest on refunds (§ 49a VwVfG; in BW § 49a LVwVfG, BW 1.3).

§ 49a Abs. 3: the amount to be refunded bears interest "mit fünf
Prozentpunkten über dem Basiszinssatz jährlich" from the day the grant
decision ceased to be effective. Abs. 4: the same rate on money not used
within two months of payout, for the time until it is used.

The base rate (Basiszinssatz, § 247 BGB) changes on 1 January and 1 July; it
is a dated table (data, extended by an administrator). Each part of the
period bears the rate then in force.

Choices where the law is silent (docs/funding.md):
- day count: actual days / 365 ("act/365", usual in German administrative
  practice); "act/act" (days / days of that year) is the alternative;
- both the first and the last day bear interest (the period is closed, like
  every period in Lotse); ``count_first_day=False`` leaves out the first day;
- the last table entry is known up to the end of its half-year (the next
  change can only come on 1 January or 1 July); later days are an error.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from lotse.funding.rules.periods import (
    check_period,
    days_in_period,
    days_in_year,
    split_at,
    split_at_year_ends,
)
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur, format_number, format_percent, is_exact, round_cents

SURCHARGE = Decimal(5)  # § 49a Abs. 3 Satz 1 VwVfG: fünf Prozentpunkte über dem Basiszinssatz


class DayBasis(enum.StrEnum):
    ACT_365 = "act/365"  # actual days / 365 (default)
    ACT_ACT = "act/act"  # actual days / days of that calendar year


@dataclass(frozen=True)
class BaseRate:
    """The base rate (§ 247 BGB) in per cent, from ``valid_from`` until the next entry."""

    valid_from: date
    percent: Decimal


@dataclass(frozen=True)
class InterestPart:
    start: date
    end: date
    days: int
    basis: int
    base_percent: Decimal
    percent: Decimal
    amount: Fraction


@dataclass(frozen=True)
class Interest:
    amount: Decimal
    days: int
    parts: list[InterestPart]
    explanation: list[str]


def table_known_until(base_rates: Sequence[BaseRate]) -> date:
    """The end of the half-year in which the last entry took effect."""
    last = max(rate.valid_from for rate in base_rates)
    return date(last.year, 6, 30) if last.month <= 6 else date(last.year, 12, 31)


def interest_49a(
    *,
    principal: Decimal,
    start: date,
    end: date,
    base_rates: Sequence[BaseRate],
    surcharge: Decimal = SURCHARGE,
    day_basis: DayBasis = DayBasis.ACT_365,
    count_first_day: bool = True,
    known_until: date | None = None,
) -> Interest:
    """Interest at base rate + 5 points per year on ``principal`` from ``start`` to ``end``."""
    check_period(start=start, end=end)
    if principal < 0:
        raise RuleViolation("Der zu verzinsende Betrag darf nicht negativ sein.", "principal")
    if not base_rates:
        raise RuleViolation("Es ist kein Basiszinssatz hinterlegt.", "start")
    table = sorted(base_rates, key=lambda rate: rate.valid_from)
    first_day = start + timedelta(days=0 if count_first_day else 1)
    if table[0].valid_from > first_day:
        raise RuleViolation(
            f"Für den {format_date(first_day)} ist kein Basiszinssatz hinterlegt; die Tabelle "
            f"beginnt am {format_date(table[0].valid_from)}.",
            "start",
        )
    until = known_until or table_known_until(table)
    if end > until:
        raise RuleViolation(
            f"Der Basiszinssatz ist nur bis zum {format_date(until)} hinterlegt; für Tage danach "
            "muss die Tabelle erst ergänzt werden (Änderungen zum 1. Januar und 1. Juli, § 247 BGB).",
            "end",
        )
    explanation = [
        f"Zinsen nach § 49a VwVfG: {format_number(surcharge)} Prozentpunkte über dem Basiszinssatz "
        f"jährlich, Tage / {'365' if day_basis == DayBasis.ACT_365 else 'Tage des Jahres'}.",
    ]
    parts: list[InterestPart] = []
    if first_day > end:
        explanation.append("Kein zu verzinsender Tag.")
        return Interest(amount=Decimal("0.00"), days=0, parts=[], explanation=explanation)
    explanation.append(
        f"Zeitraum {format_date(first_day)} bis {format_date(end)}: "
        f"{days_in_period(start=first_day, end=end)} Tage."
    )
    pieces = []
    for year_start, year_end in (
        split_at_year_ends(start=first_day, end=end)
        if day_basis == DayBasis.ACT_ACT
        else [(first_day, end)]
    ):
        pieces += split_at(start=year_start, end=year_end, cuts=[rate.valid_from for rate in table])
    for piece_start, piece_end in pieces:
        base = [rate for rate in table if rate.valid_from <= piece_start][-1].percent
        percent = base + surcharge
        days = days_in_period(start=piece_start, end=piece_end)
        basis = 365 if day_basis == DayBasis.ACT_365 else days_in_year(piece_start.year)
        exact_amount = Fraction(principal) * Fraction(percent) / 100 * Fraction(days, basis)
        parts.append(InterestPart(piece_start, piece_end, days, basis, base, percent, exact_amount))
        explanation.append(
            f"{format_date(piece_start)}–{format_date(piece_end)}: {format_eur(principal)} × "
            f"({format_percent(base)} + {format_number(surcharge)} Prozentpunkte = "
            f"{format_percent(percent)}) × "
            f"{days}/{basis} Tage {'=' if is_exact(exact_amount) else '≈'} "
            f"{format_eur(exact_amount, places=4)}"
        )
    total = sum((part.amount for part in parts), Fraction(0))
    amount = round_cents(total)
    explanation.append(f"Zinsen, kaufmännisch auf Cent gerundet: {format_eur(amount)}")
    return Interest(
        amount=amount,
        days=sum(part.days for part in parts),
        parts=parts,
        explanation=explanation,
    )

"""Reimbursement of fare losses for carrying severely disabled people free of charge (FGA).

FGA 1 (VwV of the BW social ministry of 30 May 2023, on the basis of § 231
Abs. 4 SGB IX): operators of public transport are reimbursed

    2.59 % (2020), 2.56 % (2021), 2.44 % (2022)

of the fare revenue in local transport they prove. The percentages are data
(the ``fga`` programme's rates); a year without one is an error, never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur, format_percent, round_cents


@dataclass(frozen=True)
class FareLoss:
    amount: Decimal
    year: int
    percent: Decimal
    explanation: list[str]


def fare_loss_reimbursement(
    *,
    year: int,
    revenue: Decimal,
    percentages: Mapping[int, Decimal],
    citation: str = "FGA 1",
) -> FareLoss:
    """Proven fare revenue × that year's percentage, rounded half-up to cents once (FGA 1)."""
    if year not in percentages:
        known = ", ".join(str(y) for y in sorted(percentages)) or "keine"
        raise RuleViolation(
            f"Für das Jahr {year} ist kein Erstattungssatz festgesetzt ({citation}; "
            f"festgesetzt für: {known}).",
            "year",
        )
    if revenue < 0:
        raise RuleViolation(
            "Die nachgewiesenen Fahrgeldeinnahmen dürfen nicht negativ sein.", "revenue"
        )
    percent = percentages[year]
    amount = round_cents(Fraction(revenue) * Fraction(percent) / 100)
    return FareLoss(
        amount=amount,
        year=year,
        percent=percent,
        explanation=[
            f"Erstattungssatz {year}: {format_percent(percent)} der nachgewiesenen "
            f"Fahrgeldeinnahmen im Nahverkehr ({citation}).",
            f"{format_eur(revenue)} × {format_percent(percent)} = {format_eur(amount)}",
        ],
    )

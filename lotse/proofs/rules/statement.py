"""The financial statement (zahlenmäßiger Nachweis) of a proof of use.

KIM §8 and BW 8.3 settle by actual costs: per position the actual personnel
costs stand beside the programme's entitlement for the period; the eligible
total is the smaller of the programme amount and the actual costs (SPEC §4.3,
issue 5 item 7). The comparison per position is shown, but the cap applies to
the total: the financial plan binds in total, and a position costing more may
cover one costing less (ANBest-P 1.2). Where the recipient's share under the
contract or decision is lower than the positions' entitlements, the share caps
the programme amount (KIM §4(1), §6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lotse.kernel.money import format_eur, round_cents

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PositionLine:
    key: str
    label: str
    entitlement: Decimal
    actual: Decimal

    @property
    def difference(self) -> Decimal:
        """Actual minus entitlement: positive when the position cost more than it brings."""
        return self.actual - self.entitlement


@dataclass
class Statement:
    lines: list[PositionLine]
    share: Decimal | None = None
    explanation: list[str] = field(default_factory=list)

    @property
    def entitlement(self) -> Decimal:
        return round_cents(sum((line.entitlement for line in self.lines), ZERO))

    @property
    def actual(self) -> Decimal:
        return round_cents(sum((line.actual for line in self.lines), ZERO))

    @property
    def programme_amount(self) -> Decimal:
        if self.share is not None and self.share < self.entitlement:
            return round_cents(self.share)
        return self.entitlement

    @property
    def eligible(self) -> Decimal:
        return min(self.programme_amount, self.actual)


def financial_statement(lines: list[PositionLine], *, share: Decimal | None = None) -> Statement:
    """Totals and the eligible amount = min(programme amount, actual costs), with the reasons."""
    statement = Statement(lines=lines, share=share)
    text = [
        f"Anspruch nach dem Förderprogramm, Summe der Stellen: {format_eur(statement.entitlement)}."
    ]
    if share is not None and share < statement.entitlement:
        text.append(
            f"Zuweisung nach Bescheid bzw. Weiterleitungsvertrag: {format_eur(share)}; "
            "sie begrenzt den Programmbetrag (KIM § 4 Abs. 1, § 6)."
        )
    text.append(f"Tatsächliche Personalausgaben: {format_eur(statement.actual)}.")
    if statement.actual < statement.programme_amount:
        text.append(
            "Zuwendungsfähig sind höchstens die tatsächlichen Ausgaben (KIM § 8, BW 8.3): "
            f"{format_eur(statement.eligible)}."
        )
    else:
        text.append(
            f"Zuwendungsfähig ist höchstens der Programmbetrag: {format_eur(statement.eligible)}."
        )
    statement.explanation = text
    return statement

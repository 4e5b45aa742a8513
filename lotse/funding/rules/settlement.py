"""Settlement of a grant year: entitlement, overpayment, recovery (pure rules).

- Entitlement = min(programme amount, eligible actual costs): KIM §8
  ("Abrechnung nach tatsächlichen Ausgaben"), BW 5.6, 9.1.4 ("höchstens"),
  BW 8.3 (paid on proven expenditure).
- What was paid beyond the entitlement is refunded (§ 49 Abs. 3 / § 49a
  Abs. 1 VwVfG); it bears interest under § 49a Abs. 3 (lotse.funding.rules.interest).
- KIM §11: a recovery the authority claims from the county may be passed on
  to the sub-recipient ("im Wege des Regresses").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur


@dataclass(frozen=True)
class Settlement:
    programme_amount: Decimal
    eligible_costs: Decimal
    entitlement: Decimal
    paid: Decimal
    overpayment: Decimal  # > 0: to be recovered
    outstanding: Decimal  # > 0: still to be paid out
    explanation: list[str]


def settle(*, programme_amount: Decimal, eligible_costs: Decimal, paid: Decimal) -> Settlement:
    """Entitlement = min(programme amount, eligible costs); compared with what was paid."""
    for field, value in (
        ("programme_amount", programme_amount),
        ("eligible_costs", eligible_costs),
        ("paid", paid),
    ):
        if value is None or value < 0:
            raise RuleViolation("Beträge der Abrechnung dürfen nicht negativ sein.", field)
    entitlement = min(programme_amount, eligible_costs)
    lines = [
        f"Zuwendungsfähige Ist-Ausgaben: {format_eur(eligible_costs)}; Betrag nach dem "
        f"Förderprogramm: {format_eur(programme_amount)}.",
        f"Anspruch = min({format_eur(programme_amount)}, {format_eur(eligible_costs)}) = "
        f"{format_eur(entitlement)} (Abrechnung nach tatsächlichen Ausgaben, KIM § 8; "
        "BW 8.3, 9.1.4).",
        f"Ausgezahlt: {format_eur(paid)}.",
    ]
    overpayment = max(paid - entitlement, Decimal("0.00"))
    outstanding = max(entitlement - paid, Decimal("0.00"))
    if overpayment:
        lines.append(
            f"Überzahlung {format_eur(paid)} − {format_eur(entitlement)} = "
            f"{format_eur(overpayment)}: wird zurückgefordert und nach § 49a Abs. 3 VwVfG verzinst."
        )
    elif outstanding:
        lines.append(f"Noch auszuzahlen: {format_eur(outstanding)}.")
    else:
        lines.append("Ausgezahlt ist genau der Anspruch.")
    return Settlement(
        programme_amount=programme_amount,
        eligible_costs=eligible_costs,
        entitlement=entitlement,
        paid=paid,
        overpayment=overpayment,
        outstanding=outstanding,
        explanation=lines,
    )


def pass_on_error(
    *, claim_amount: Decimal, passed_on: Decimal, share: Decimal
) -> RuleViolation | None:
    """KIM §11: the county may pass on what the authority claims back, up to that claim.

    ``share`` is what is passed on to this sub-recipient; the sum passed on to
    all sub-recipients may not exceed the claim.
    """
    if share <= 0:
        return RuleViolation("Der weitergegebene Betrag muss größer als 0 sein.", "amount")
    if passed_on + share > claim_amount:
        return RuleViolation(
            f"Weitergegeben werden können höchstens {format_eur(claim_amount)} (die Rückforderung "
            f"der Bewilligungsbehörde); schon weitergegeben: {format_eur(passed_on)} (KIM § 11).",
            "amount",
        )
    return None

"""The two-month rule for payment requests (Mittelabruf).

ANBest-P Nr. 1.4 (binding in KIM through the grant decision, KIM §2(3)b–c):
a grant "darf nur insoweit und nicht eher angefordert werden, als sie
innerhalb von zwei Monaten nach der Auszahlung für fällige Zahlungen im
Rahmen des Zuwendungszwecks benötigt wird". And no request can go beyond what
is left of the grant. SPEC §4.3 adds that each request states how earlier
instalments were used.

Payments already due before the payout count as needed (they are due);
payments due more than two months after the payout do not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lotse.kernel.dates import add_months, format_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur

TWO_MONTHS = 2
CITATION = "ANBest-P Nr. 1.4, verbindlich nach KIM § 2 Abs. 3 b–c"


@dataclass(frozen=True)
class PlannedPayment:
    due: date
    amount: Decimal
    purpose: str = ""


@dataclass(frozen=True)
class Reason:
    """Why a request is refused: a stable ``code`` for programs, a German ``message`` for people."""

    code: str  # "two_month_rule" | "grant_exhausted" | "earlier_use_missing"
    message: str


@dataclass(frozen=True)
class PaymentRequestCheck:
    allowed: bool
    requested: Decimal
    maximum: Decimal  # the most that may be requested now
    needed_within_two_months: Decimal
    remaining: Decimal
    window_end: date
    reasons: list[Reason]
    explanation: list[str]


def payment_request_check(
    *,
    requested: Decimal,
    payout_date: date,
    planned_payments: Sequence[PlannedPayment],
    granted: Decimal,
    already_requested: Decimal,
    earlier_use_stated: bool = True,
) -> PaymentRequestCheck:
    """May ``requested`` be paid out on ``payout_date``? Says why not, in German."""
    if requested <= 0:
        raise RuleViolation("Der angeforderte Betrag muss größer als 0 sein.", "requested")
    if already_requested < 0 or granted < 0:
        raise RuleViolation("Beträge dürfen nicht negativ sein.", "granted")
    window_end = add_months(payout_date, TWO_MONTHS)
    counted = [p for p in planned_payments if p.due <= window_end]
    later = [p for p in planned_payments if p.due > window_end]
    needed = sum((p.amount for p in counted), Decimal(0))
    remaining = granted - already_requested
    maximum = max(Decimal(0), min(needed, remaining))
    explanation = [
        f"Auszahlung am {format_date(payout_date)}; zwei Monate danach: {format_date(window_end)} "
        f"({CITATION}).",
        f"Bis dahin fällige Zahlungen: {format_eur(needed)}"
        + (f" ({len(counted)} Posten)" if counted else "")
        + ".",
    ]
    if later:
        explanation.append(
            f"Nicht berücksichtigt, weil später fällig: {format_eur(sum((p.amount for p in later), Decimal(0)))} "
            f"({len(later)} Posten, erster am {format_date(min(p.due for p in later))})."
        )
    explanation.append(
        f"Von der Zuwendung übrig: {format_eur(granted)} bewilligt − "
        f"{format_eur(already_requested)} bereits abgerufen = {format_eur(remaining)}."
    )
    explanation.append(
        f"Höchstens abrufbar: {format_eur(maximum)}; angefordert: {format_eur(requested)}."
    )
    reasons: list[Reason] = []
    if requested > needed:
        reasons.append(
            Reason(
                "two_month_rule",
                f"Angefordert sind {format_eur(requested)}, innerhalb von zwei Monaten nach der "
                f"Auszahlung (bis {format_date(window_end)}) werden aber nur {format_eur(needed)} "
                f"für fällige Zahlungen benötigt ({CITATION}).",
            )
        )
    if requested > remaining:
        reasons.append(
            Reason(
                "grant_exhausted",
                f"Angefordert sind {format_eur(requested)}, von der Zuwendung sind aber nur noch "
                f"{format_eur(max(remaining, Decimal(0)))} übrig ({format_eur(granted)} bewilligt, "
                f"{format_eur(already_requested)} bereits abgerufen).",
            )
        )
    if already_requested > 0 and not earlier_use_stated:
        reasons.append(
            Reason(
                "earlier_use_missing",
                "Die Anforderung muss angeben, wie die bisher ausgezahlten Teilbeträge verwendet "
                "wurden (SPEC §4.3 zu ANBest-P Nr. 1.4).",
            )
        )
    explanation.append(
        "Die Anforderung ist zulässig." if not reasons else "Die Anforderung ist so nicht zulässig."
    )
    return PaymentRequestCheck(
        allowed=not reasons,
        requested=requested,
        maximum=maximum,
        needed_within_two_months=needed,
        remaining=remaining,
        window_end=window_end,
        reasons=reasons,
        explanation=explanation,
    )

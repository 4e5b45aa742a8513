"""The funding rules as a functional core: pure Python, no Django, no database.

Plain values in (``Decimal``, ``date``, small dataclasses), a result out with
the amount and the German explanation of every step. Programmes load their
rates from the database (lotse.funding.selectors) and call these functions;
tests/test_rules_are_pure.py makes sure nothing here imports Django.

Modules, each citing its source:
- periods:         days in a period, splitting at year ends, months
- prorata:         per-FTE annual rates and caps pro rata (KIM §6, BW 5.5, 5.6, 9.1.4, 9.1.8)
- fare_loss:       FGA 1 percentages of proven fare revenue
- planning_frame:  the county frames by allocation quota with a floor (BW 5.2–5.3)
- interest:        § 49a VwVfG interest with a dated base-rate table
- payment_request: the two-month rule (ANBest-P 1.4 via KIM §2(3)b–c)
- contracts:       decision gaps, amendment proposals (KIM §7(3)), amendment order (§14),
                   notice (§15(2)), the share passed on (§4(1), §6)
- settlement:      entitlement = min(programme, costs), overpayment, pass-on cap (KIM §8, §11)
"""

from lotse.funding.rules.fare_loss import FareLoss, fare_loss_reimbursement
from lotse.funding.rules.interest import BaseRate, DayBasis, Interest, interest_49a
from lotse.funding.rules.payment_request import (
    PaymentRequestCheck,
    PlannedPayment,
    payment_request_check,
)
from lotse.funding.rules.periods import days_in_period, split_at_year_ends
from lotse.funding.rules.planning_frame import PlanningFrame, planning_frame_distribute
from lotse.funding.rules.prorata import (
    Calculation,
    PartialMonth,
    ProRata,
    Rate,
    allocation_total,
    capped_position_amount,
    check_fte,
    per_fte_amount,
    select_rates,
)

__all__ = [
    "BaseRate",
    "Calculation",
    "DayBasis",
    "FareLoss",
    "Interest",
    "PartialMonth",
    "PaymentRequestCheck",
    "PlannedPayment",
    "PlanningFrame",
    "ProRata",
    "Rate",
    "allocation_total",
    "capped_position_amount",
    "check_fte",
    "days_in_period",
    "fare_loss_reimbursement",
    "interest_49a",
    "payment_request_check",
    "per_fte_amount",
    "planning_frame_distribute",
    "select_rates",
    "split_at_year_ends",
]

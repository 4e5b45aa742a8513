"""The two-month rule (ANBest-P Nr. 1.4, binding through KIM §2(3)b–c) and the grant's rest."""

from datetime import date
from decimal import Decimal as D

import pytest

from lotse.funding.rules.payment_request import PlannedPayment, payment_request_check
from lotse.kernel.errors import RuleViolation

PLAN = [
    PlannedPayment(date(2024, 2, 28), D("20000.00"), "Gehälter Februar"),
    PlannedPayment(date(2024, 3, 31), D("20000.00"), "Gehälter März"),
    PlannedPayment(date(2024, 4, 30), D("20000.00"), "Gehälter April"),
]


def check(requested, **kwargs):
    arguments = {
        "payout_date": date(2024, 1, 31),
        "planned_payments": PLAN,
        "granted": D("100000.00"),
        "already_requested": D("0.00"),
    }
    return payment_request_check(requested=D(requested), **(arguments | kwargs))


def test_a_request_within_two_months_needs_is_allowed():
    # ANBest-P 1.4: payout 31 Jan → payments due until 31 Mar count: 40,000.
    result = check("40000.00")
    assert result.allowed
    assert result.window_end == date(2024, 3, 31)
    assert result.maximum == D("40000.00")
    assert result.reasons == []


def test_more_than_two_months_needs_is_refused_with_the_reason():
    # ANBest-P 1.4: April's salaries are due after the window.
    result = check("60000.00")
    assert not result.allowed
    assert [reason.code for reason in result.reasons] == ["two_month_rule"]
    assert "31.03.2024" in result.reasons[0].message
    assert "40.000,00 EUR" in result.reasons[0].message
    assert "ANBest-P Nr. 1.4" in result.reasons[0].message


def test_not_more_than_what_is_left_of_the_grant():
    result = check("40000.00", already_requested=D("70000.00"))
    assert not result.allowed
    assert [reason.code for reason in result.reasons] == ["grant_exhausted"]
    assert result.maximum == D("30000.00")


def test_earlier_instalments_must_be_accounted_for():
    # SPEC §4.3: each request states how earlier instalments were used.
    result = check("10000.00", already_requested=D("10000.00"), earlier_use_stated=False)
    assert [reason.code for reason in result.reasons] == ["earlier_use_missing"]
    assert check("10000.00", earlier_use_stated=False).allowed  # the first request has none


def test_month_end_payout():
    # 31 December + two months is the end of February (29 in a leap year).
    result = check("1.00", payout_date=date(2023, 12, 31), planned_payments=[])
    assert result.window_end == date(2024, 2, 29)


def test_nothing_or_less_cannot_be_requested():
    with pytest.raises(RuleViolation) as caught:
        check("0")
    assert caught.value.field == "requested"

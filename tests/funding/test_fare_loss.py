"""FGA 1: a percentage of the proven fare revenue, by year."""

from decimal import Decimal as D

import pytest

from lotse.funding.rules.fare_loss import fare_loss_reimbursement
from lotse.kernel.errors import RuleViolation

# FGA 1: 2.59 % (2020), 2.56 % (2021), 2.44 % (2022)
FGA = {2020: D("2.59"), 2021: D("2.56"), 2022: D("2.44")}


def test_spec_example_2021():
    # FGA 1: 1,234,567.89 × 2.56 % = 31,604.937… → 31,604.94 (SPEC §4.1)
    result = fare_loss_reimbursement(year=2021, revenue=D("1234567.89"), percentages=FGA)
    assert result.amount == D("31604.94")
    assert result.explanation[-1] == "1.234.567,89 EUR × 2,56 % = 31.604,94 EUR"


@pytest.mark.parametrize(
    ("year", "revenue", "expected"),
    [
        (2020, "1000000.00", "25900.00"),  # FGA 1: × 2.59 %
        (2022, "987654.32", "24098.77"),  # FGA 1: × 2.44 % = 24,098.7654…
        (2021, "0.00", "0.00"),
        (2022, "50.00", "1.22"),
        (2022, "12.50", "0.31"),  # exactly 0.305: half-up, not to even (SPEC §4.1)
    ],
)
def test_other_years_and_amounts(year, revenue, expected):
    assert fare_loss_reimbursement(year=year, revenue=D(revenue), percentages=FGA).amount == D(
        expected
    )


@pytest.mark.parametrize("year", [2019, 2023, 2024])
def test_a_year_without_a_rate_is_an_error(year):
    # FGA 1 sets rates for 2020–2022 only.
    with pytest.raises(RuleViolation) as caught:
        fare_loss_reimbursement(year=year, revenue=D("1000"), percentages=FGA)
    assert caught.value.field == "year"
    assert "FGA 1" in caught.value.message


def test_negative_revenue_is_refused():
    with pytest.raises(RuleViolation) as caught:
        fare_loss_reimbursement(year=2021, revenue=D("-1"), percentages=FGA)
    assert caught.value.field == "revenue"

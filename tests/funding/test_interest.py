"""§ 49a VwVfG: five percentage points above the base rate per year, from a dated table."""

from datetime import date
from decimal import Decimal as D

import pytest

from lotse.funding.rules.interest import BaseRate, DayBasis, interest_49a, table_known_until
from lotse.kernel.errors import RuleViolation

# § 247 BGB base rates (Deutsche Bundesbank), as shipped in the data migration.
TABLE = [
    BaseRate(date(2016, 7, 1), D("-0.88")),
    BaseRate(date(2023, 1, 1), D("1.62")),
    BaseRate(date(2023, 7, 1), D("3.12")),
    BaseRate(date(2024, 1, 1), D("3.62")),
    BaseRate(date(2024, 7, 1), D("3.37")),
    BaseRate(date(2025, 1, 1), D("2.27")),
    BaseRate(date(2025, 7, 1), D("1.27")),
]


def test_a_year_with_two_base_rates():
    # § 49a Abs. 3: 10,000 × 8.62 % × 182/365 + 10,000 × 8.37 % × 184/365 = 851.7589… → 851.76
    result = interest_49a(
        principal=D("10000.00"), start=date(2024, 1, 1), end=date(2024, 12, 31), base_rates=TABLE
    )
    assert result.amount == D("851.76")
    assert result.days == 366
    assert [part.percent for part in result.parts] == [D("8.62"), D("8.37")]


def test_actual_by_actual_divides_a_leap_year_by_366():
    # 10,000 × 8.62 % × 182/366 + 10,000 × 8.37 % × 184/366 = 849.4316… → 849.43
    result = interest_49a(
        principal=D("10000.00"),
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        base_rates=TABLE,
        day_basis=DayBasis.ACT_ACT,
    )
    assert result.amount == D("849.43")


def test_across_the_year_end_and_three_rates():
    # 25,000 × (8.37 % × 31 + 7.27 % × 181 + 6.27 % × 31)/365 = 1,212.1301… → 1,212.13
    result = interest_49a(
        principal=D("25000.00"), start=date(2024, 12, 1), end=date(2025, 7, 31), base_rates=TABLE
    )
    assert result.amount == D("1212.13")


def test_the_negative_base_rate_years():
    # 2016-07-01 to 2022-12-31: −0.88 % + 5 = 4.12 %; 1,000 × 4.12 % × 365/365 = 41.20
    result = interest_49a(
        principal=D("1000.00"), start=date(2021, 1, 1), end=date(2021, 12, 31), base_rates=TABLE
    )
    assert result.amount == D("41.20")


def test_first_day_can_be_left_out():
    result = interest_49a(
        principal=D("1000.00"),
        start=date(2020, 12, 31),
        end=date(2021, 12, 31),
        base_rates=TABLE,
        count_first_day=False,
    )
    assert result.amount == D("41.20")
    assert result.days == 365


def test_the_table_must_cover_the_period():
    with pytest.raises(RuleViolation) as before:
        interest_49a(
            principal=D("1000"), start=date(2016, 6, 30), end=date(2016, 12, 31), base_rates=TABLE
        )
    assert before.value.field == "start"
    # The last entry (1 Jul 2025) holds until 31 Dec 2025 at most.
    assert table_known_until(TABLE) == date(2025, 12, 31)
    with pytest.raises(RuleViolation) as after:
        interest_49a(
            principal=D("1000"), start=date(2025, 1, 1), end=date(2026, 1, 1), base_rates=TABLE
        )
    assert after.value.field == "end"
    assert "1. Januar und 1. Juli" in after.value.message

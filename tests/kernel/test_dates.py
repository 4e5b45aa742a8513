"""Month and year arithmetic as §§ 187–188 BGB count, and German dates (lotse/kernel/dates.py)."""

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.kernel.dates import add_months, add_years, format_date, format_range

D = date.fromisoformat
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


# BGB § 188(2), (3): a period of months ends on the same-numbered day, or on the
# last day of a month that has no such day.
@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 15), 3, date(2024, 4, 15)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # into a leap February
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a leap day has no twin next year
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 10, 31), 3, date(2025, 1, 31)),  # across the year end
        (date(2024, 12, 31), 3, date(2025, 3, 31)),
        (date(2024, 5, 31), -3, date(2024, 2, 29)),
    ],
)
def test_add_months_counts_calendar_months_and_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


@given(DAYS, st.integers(min_value=-120, max_value=120))
def test_add_months_lands_in_the_right_month_on_the_clamped_day(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == min(day.day, calendar.monthrange(result.year, result.month)[1])


@given(DAYS, DAYS, st.integers(min_value=0, max_value=24))
def test_add_months_never_reverses_order(a, b, months):
    earlier, later = sorted((a, b))
    assert add_months(earlier, months) <= add_months(later, months)


@pytest.mark.parametrize(
    ("day", "years", "result"),
    [
        ("2024-02-29", 3, "2027-02-28"),  # § 188 (3) BGB: last day of February
        ("2024-02-29", 4, "2028-02-29"),
        ("2024-02-29", -1, "2023-02-28"),
        ("2023-02-28", 1, "2024-02-28"),
        ("2024-01-31", 3, "2027-01-31"),
        ("2024-12-31", 1, "2025-12-31"),
    ],
)
def test_add_years(day, years, result):
    assert add_years(D(day), years) == D(result)


def test_format_date_writes_day_month_year_with_leading_zeros():
    assert format_date(D("2027-02-28")) == "28.02.2027"
    assert format_date(D("0999-01-05")) == "05.01.0999"


@given(st.dates(min_value=date(10, 1, 1), max_value=date(9990, 12, 31)), st.integers(-5, 5))
def test_add_years_keeps_the_date_except_a_missing_leap_day(day, years):
    moved = add_years(day, years)
    assert moved.year == day.year + years and moved.month == day.month
    assert moved.day == day.day or (day.month, day.day, moved.day) == (2, 29, 28)


def test_format_range():
    assert format_range(date(2024, 2, 29), date(2024, 2, 29)) == "am 29.02.2024"
    assert format_range(date(2024, 1, 1), None) == "ab 01.01.2024"
    assert format_range(date(2024, 1, 1), date(2024, 12, 31)) == "vom 01.01.2024 bis 31.12.2024"

"""Date arithmetic shared by the staff rules."""

import calendar
import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.organisations.rules import RuleViolation
from lotse.staff.rules.common import (
    DateRange,
    Finding,
    StaffRuleViolation,
    add_months,
    ensure_no_errors,
    format_fte,
    format_range,
    merge_ranges,
    split_at_boundaries,
)

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


def test_date_range_basics():
    span = DateRange(date(2024, 2, 28), date(2024, 3, 1))
    assert span.day_count() == 3  # 28 Feb, 29 Feb, 1 Mar
    assert list(span.days()) == [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]
    assert DateRange(date(2024, 1, 2), date(2024, 1, 1)).is_empty
    assert DateRange(date(2024, 1, 1)).contains(date(9999, 12, 31))
    assert not DateRange(date(2024, 1, 2), date(2024, 1, 1)).overlaps(DateRange(date(2024, 1, 1)))


def test_merge_ranges_joins_overlapping_and_adjacent_days():
    merged = merge_ranges(
        [
            DateRange(date(2024, 3, 1), date(2024, 3, 31)),
            DateRange(date(2024, 1, 1), date(2024, 1, 31)),
            DateRange(date(2024, 2, 1), date(2024, 2, 10)),  # adjacent to January
            DateRange(date(2024, 2, 12), date(2024, 2, 12)),  # one day apart: stays apart
            DateRange(date(2024, 3, 15), None),
        ]
    )
    assert merged == [
        DateRange(date(2024, 1, 1), date(2024, 2, 10)),
        DateRange(date(2024, 2, 12), date(2024, 2, 12)),
        DateRange(date(2024, 3, 1), None),
    ]


@given(st.lists(st.tuples(DAYS, st.integers(min_value=0, max_value=60)), max_size=8))
def test_merge_ranges_keeps_exactly_the_same_days(pairs):
    ranges = [DateRange(start, start + timedelta(days=length)) for start, length in pairs]
    merged = merge_ranges(ranges)
    days = {d for r in ranges for d in r.days()}
    assert {d for r in merged for d in r.days()} == days
    for a, b in itertools.pairwise(merged):
        assert a.last_day + timedelta(days=1) < b.start  # disjoint and not adjacent


@given(DAYS, st.integers(min_value=0, max_value=400), st.lists(st.tuples(DAYS, DAYS), max_size=6))
def test_split_at_boundaries_tiles_the_span(start, length, pairs):
    span = DateRange(start, start + timedelta(days=length))
    ranges = [DateRange(min(a, b), max(a, b)) for a, b in pairs]
    pieces = split_at_boundaries(span, ranges)
    assert pieces[0].start == span.start and pieces[-1].end == span.end
    for a, b in itertools.pairwise(pieces):
        assert a.last_day + timedelta(days=1) == b.start
    for piece in pieces:  # membership is constant on each piece
        for r in ranges:
            assert r.contains(piece.start) == r.contains(piece.last_day)


def test_german_formatting():
    assert format_fte(Decimal("0.5")) == "0,5"
    assert format_fte(Decimal("0.25")) == "0,25"
    assert format_fte(Decimal("1")) == "1,0"
    assert format_fte(Decimal("0.50")) == "0,5"
    assert format_range(DateRange(date(2024, 2, 29), date(2024, 2, 29))) == "am 29.02.2024"
    assert format_range(DateRange(date(2024, 1, 1), None)) == "ab 01.01.2024"


def test_refusals_raise_the_projects_rule_violation_with_every_message():
    findings = [
        Finding(code="a", message="Erstens.", field="fte"),
        Finding(code="b", message="Zweitens."),
    ]
    with pytest.raises(RuleViolation) as raised:
        ensure_no_errors(findings)
    assert isinstance(raised.value, StaffRuleViolation)
    assert raised.value.message == "Erstens. Zweitens."
    assert raised.value.field == "fte"
    assert raised.value.findings == tuple(findings)
    ensure_no_errors([])  # nothing to refuse: no exception

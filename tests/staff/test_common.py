"""Date ranges and findings shared by the staff rules."""

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.kernel.errors import RuleViolation
from lotse.staff.rules.common import (
    DateRange,
    Finding,
    StaffRuleViolation,
    ensure_no_errors,
    merge_ranges,
    split_at_boundaries,
)

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


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

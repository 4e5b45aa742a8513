"""Due days of programme deadlines for one grant period (lotse.funding.rules.deadlines)."""

from datetime import date

import pytest

from lotse.funding.rules.deadlines import DeadlineRule, days_left, occurrences
from lotse.kernel.errors import RuleViolation


def dues(rule, start, end):
    return [item.due for item in occurrences(rule, start=start, end=end)]


def test_proof_of_use_is_due_on_15_january_after_each_grant_year():
    # KIM §8: proof of use by 15 January of the following year; the grant year is the
    # calendar year (KIM §6).
    rule = DeadlineRule("year_end", months=0, days=15)
    assert dues(rule, date(2023, 1, 1), date(2024, 12, 31)) == [
        date(2024, 1, 15),
        date(2025, 1, 15),
    ]


def test_a_grant_ending_mid_year_still_proves_that_year_after_its_end():
    # BW 8.1: three months after the grant year (BW 7.3: the calendar year).
    rule = DeadlineRule("year_end", months=3)
    assert dues(rule, date(2023, 7, 1), date(2023, 9, 30)) == [date(2024, 3, 31)]


def test_quarterly_proofs_fall_four_weeks_after_every_quarter_touched():
    # KIM §15(2): interim proof four weeks (28 days) after each quarter end.
    rule = DeadlineRule("quarter_end", days=28)
    assert dues(rule, date(2023, 2, 15), date(2023, 8, 10)) == [
        date(2023, 4, 28),
        date(2023, 7, 28),
        date(2023, 10, 28),
    ]


def test_notice_six_months_before_the_year_end_counts_back_to_30_june():
    # KIM §15(2): notice with six months' lead to the year end (Lotse's reading).
    rule = DeadlineRule("year_end", months=-6)
    assert dues(rule, date(2024, 1, 1), date(2024, 12, 31)) == [date(2024, 6, 30)]


def test_kpi_report_31_january():
    # BW 9.1.9: indicators for the reference date 31 December by 31 January.
    rule = DeadlineRule("year_end", days=31)
    assert dues(rule, date(2025, 1, 1), date(2025, 12, 31)) == [date(2026, 1, 31)]


def test_announcement_before_the_year_counts_backwards_from_1_january():
    # BW 5.2: the frame is announced in the first quarter of the previous year.
    rule = DeadlineRule("year_start", months=-9, days=-1)
    assert dues(rule, date(2026, 1, 1), date(2026, 12, 31)) == [date(2025, 3, 31)]


def test_fixed_deadline_once():
    # BW 9.3.1: applications by 14 Aug 2023.
    rule = DeadlineRule("fixed", fixed_date=date(2023, 8, 14))
    assert dues(rule, date(2023, 1, 1), date(2024, 12, 31)) == [date(2023, 8, 14)]


def test_month_arithmetic_clamps_at_month_ends():
    # Three months after 30 Nov is 28/29 Feb, never an impossible day.
    rule = DeadlineRule("quarter_end", months=5)
    assert dues(rule, date(2023, 9, 1), date(2023, 9, 30)) == [date(2024, 2, 29)]


def test_bad_rules_are_refused_with_a_german_message():
    with pytest.raises(RuleViolation, match="Bezugspunkt"):
        occurrences(DeadlineRule("monthly"), start=date(2023, 1, 1), end=date(2023, 12, 31))
    with pytest.raises(RuleViolation, match="Datum"):
        occurrences(DeadlineRule("fixed"), start=date(2023, 1, 1), end=date(2023, 12, 31))
    with pytest.raises(RuleViolation, match="vor dem Beginn"):
        occurrences(DeadlineRule("year_end"), start=date(2023, 2, 1), end=date(2023, 1, 1))


def test_days_left_is_negative_after_the_deadline():
    assert days_left(date(2024, 1, 15), today=date(2024, 1, 10)) == 5
    assert days_left(date(2024, 1, 15), today=date(2024, 1, 20)) == -5

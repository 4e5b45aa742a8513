"""When a programme's deadlines fall for one grant: the dated duties of a grant period.

A programme stores each deadline as a fixed day or as months and days after
(negative: before) an anchor (lotse.funding.models.ProgrammeDeadline). For a
grant running from ``start`` to ``end`` the anchors are:

- ``fixed``: the day itself, once (e.g. applications by 14 Aug 2023, BW 9.3.1;
  end of the VwV on 31 Dec 2029, BW 10);
- ``year_start``: 1 January of every calendar year the grant touches – the
  grant year is the calendar year (BW 7.3; KIM §6 "pro Kalenderjahr");
- ``year_end``: 31 December of every such year (proof of use by 15 January,
  KIM §8; within three months, BW 8.1; indicators by 31 January, BW 9.1.9);
- ``quarter_end``: the end of every calendar quarter the grant touches (KIM
  quarterly proofs four weeks after the quarter, KIM §15(2)).

Months are added first (31 Aug + 1 month → 30 Sep, BGB § 188(3) style), then days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lotse.funding.rules.periods import check_period
from lotse.kernel.dates import add_months
from lotse.kernel.errors import RuleViolation

ANCHORS = ("fixed", "year_start", "year_end", "quarter_end")


@dataclass(frozen=True)
class DeadlineRule:
    anchor: str
    months: int = 0
    days: int = 0
    fixed_date: date | None = None


@dataclass(frozen=True)
class Occurrence:
    """One due day and the anchor day it was counted from (for "über das Quartal bis …")."""

    due: date
    anchor_day: date


def _shift(day: date, rule: DeadlineRule) -> date:
    return add_months(day, rule.months) + timedelta(days=rule.days)


def _anchor_days(anchor: str, *, start: date, end: date) -> list[date]:
    years = range(start.year, end.year + 1)
    if anchor == "year_start":
        return [date(year, 1, 1) for year in years]
    if anchor == "year_end":
        return [date(year, 12, 31) for year in years]
    # quarter_end: every quarter that overlaps the period.
    days = []
    for year in years:
        for month, day in ((3, 31), (6, 30), (9, 30), (12, 31)):
            quarter_end = date(year, month, day)
            quarter_start = date(year, month - 2, 1)
            if quarter_end >= start and quarter_start <= end:
                days.append(quarter_end)
    return days


def occurrences(rule: DeadlineRule, *, start: date, end: date) -> list[Occurrence]:
    """Every due day of ``rule`` for a grant from ``start`` to ``end``, in order."""
    check_period(start=start, end=end)
    if rule.anchor not in ANCHORS:
        raise RuleViolation(f"Unbekannter Bezugspunkt einer Frist: „{rule.anchor}“.", "anchor")
    if rule.anchor == "fixed":
        if rule.fixed_date is None:
            raise RuleViolation("Eine Frist mit festem Datum braucht ein Datum.", "fixed_date")
        return [Occurrence(due=rule.fixed_date, anchor_day=rule.fixed_date)]
    return [
        Occurrence(due=_shift(day, rule), anchor_day=day)
        for day in _anchor_days(rule.anchor, start=start, end=end)
    ]


def days_left(due: date, *, today: date) -> int:
    """Calendar days from ``today`` to ``due``; negative when the deadline has passed."""
    return (due - today).days

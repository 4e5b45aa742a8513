"""Periods of calendar days: counting, splitting at year ends, months.

Periods are closed intervals: ``start`` and ``end`` are both days of the period
(a position filled "from 1 July to 31 December" is filled on 184 days).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from lotse.kernel.dates import days_in_month, format_date
from lotse.kernel.errors import RuleViolation

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_date(value: object, *, field: str, label: str = "Das Datum") -> date:
    """A calendar day as "YYYY-MM-DD" (or German "TT.MM.JJJJ"); 30 February is refused."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise RuleViolation(f"{label} fehlt (Format JJJJ-MM-TT).", field)
    text = value.strip()
    try:
        if _ISO_DATE.match(text):
            return date.fromisoformat(text)
        german = _GERMAN_DATE.match(text)
        if german:
            day, month, year = (int(part) for part in german.groups())
            return date(year, month, day)
    except ValueError as exc:
        raise RuleViolation(f"{label} „{text[:20]}“ gibt es nicht im Kalender.", field) from exc
    raise RuleViolation(f"{label} ist kein Datum im Format JJJJ-MM-TT.", field)


def check_period(*, start: date, end: date) -> None:
    if end < start:
        raise RuleViolation(
            f"Das Ende ({format_date(end)}) liegt vor dem Beginn ({format_date(start)}).", "end"
        )


def days_in_period(*, start: date, end: date) -> int:
    """Calendar days from ``start`` to ``end``, both included (KIM §6: "anteilig"; BW 5.6, 9.1.4: by day)."""
    check_period(start=start, end=end)
    return (end - start).days + 1


def days_in_year(year: int) -> int:
    """365, or 366 in a leap year: the denominator of pro rata by calendar day."""
    return 366 if calendar.isleap(year) else 365


def split_at_year_ends(*, start: date, end: date) -> list[tuple[date, date]]:
    """The period cut at 31 December: one part per calendar year.

    The rates are "pro Kalenderjahr" (KIM §6) and "pro Stelle und Jahr"
    (BW 9.1.4), and the grant period is the calendar year (BW 7.3), so each
    year's days are weighed against that year's length.
    """
    check_period(start=start, end=end)
    parts = []
    part_start = start
    while part_start <= end:
        part_end = min(end, date(part_start.year, 12, 31))
        parts.append((part_start, part_end))
        part_start = part_end + timedelta(days=1)
    return parts


def split_at(*, start: date, end: date, cuts: list[date]) -> list[tuple[date, date]]:
    """The period cut so that each day in ``cuts`` begins a new part."""
    check_period(start=start, end=end)
    boundaries = sorted({cut for cut in cuts if start < cut <= end})
    parts = []
    part_start = start
    for cut in boundaries:
        parts.append((part_start, cut - timedelta(days=1)))
        part_start = cut
    parts.append((part_start, end))
    return parts


def months_of(*, start: date, end: date) -> list[tuple[int, int, int]]:
    """(year, month, covered days) for each calendar month the period touches."""
    check_period(start=start, end=end)
    result = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = date(year, month, 1)
        last = date(year, month, days_in_month(year, month))
        covered = (min(end, last) - max(start, first)).days + 1
        result.append((year, month, covered))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result

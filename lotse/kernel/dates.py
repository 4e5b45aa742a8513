"""Calendar arithmetic as German law counts it, and dates as German forms write them.

A period of months or years that starts with an event (the initial consultation,
the first working day, a payout) ends with the day of the final month that bears
the same number as the event's day (§§ 187 (1), 188 (2) BGB, applied to
administrative periods through § 31 (1) VwVfG); where the final month lacks that
day, the period ends on its last day (§ 188 (3) BGB): 31 January + 1 month is
28/29 February, 29 February + 1 year is 28 February, never 1 March.

The arithmetic is python-dateutil's ``relativedelta``, which clamps to the
month's last day exactly so; this module only names it once for the whole code.
"""

from __future__ import annotations

import calendar
from datetime import date

from dateutil.relativedelta import relativedelta


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (or earlier), clamped to the
    month's last day (§ 188 (2), (3) BGB): 15 Jan + 3 = 15 Apr; 30 Nov 2023 + 3 = 29 Feb 2024."""
    return day + relativedelta(months=months)


def add_years(day: date, years: int) -> date:
    """The same calendar date ``years`` later (or earlier); 29 February becomes
    28 February in a common year (§ 188 (3) BGB)."""
    return day + relativedelta(years=years)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def format_date(day: date) -> str:
    """A date as German forms and letters write it: 05.03.2027 (DIN 5008)."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def format_range(start: date, end: date | None) -> str:
    """ "vom 01.01.2024 bis 31.12.2024", "am 01.01.2024", or "ab 01.01.2024" when open."""
    if end is None:
        return f"ab {format_date(start)}"
    if start == end:
        return f"am {format_date(start)}"
    return f"vom {format_date(start)} bis {format_date(end)}"

"""Structural problems ("generative Themen"): barriers case managers meet in their
cases, counted for the coordinating office (KIM §3(2)a: exchange with the local
actors; SPEC §5: aggregates only). Pure Python.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

SUPPRESSED = "<{threshold}"


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    municipality: str
    month: date
    count: int


def shown_count(count: int, *, threshold: int) -> str:
    """A count as the coordinating office sees it: below ``threshold`` (but above
    zero) only "<threshold", so no small group of people can be singled out."""
    if 0 < count < threshold:
        return SUPPRESSED.format(threshold=threshold)
    return str(count)


def suppressed_rows(
    rows: Iterable[ThemeCount], *, threshold: int
) -> list[tuple[str, str, date, str]]:
    """(theme, municipality, month, shown count), sorted by month (newest first),
    theme and municipality. No totals: a total next to suppressed cells would
    give them away."""
    ordered = sorted(rows, key=lambda r: (-r.month.toordinal(), r.theme, r.municipality))
    return [
        (row.theme, row.municipality, row.month, shown_count(row.count, threshold=threshold))
        for row in ordered
        if row.count > 0
    ]

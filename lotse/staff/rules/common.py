"""Shared vocabulary of the staff rules: date ranges, month arithmetic, findings.

Pure Python on purpose (no Django): the rules are tested exhaustively without a
database, and the staff app only loads, calls and saves.
"""

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# One exception type for every refused change, so views catch one thing.
from lotse.kernel.errors import Detail, RuleViolation

ONE_DAY = timedelta(days=1)


class StaffFunction(StrEnum):
    """What a person is employed as (issue 4, item 1).

    The BW rules in this package apply to ``INTEGRATION_MANAGER`` and
    ``COORDINATING_OFFICE``; the KIM functions carry no qualification rules in the
    seeds, so they get none here.
    """

    INTEGRATION_MANAGER = "integration_manager"
    CASE_MANAGER = "case_manager"
    COORDINATING_OFFICE = "coordinating_office"
    AUTHORITY_POSITION = "authority_position"

    @property
    def label(self) -> str:
        return _FUNCTION_LABELS[self]


_FUNCTION_LABELS = {
    StaffFunction.INTEGRATION_MANAGER: "Integrationsmanager:in (BW)",
    StaffFunction.CASE_MANAGER: "Fallmanager:in (KIM Baustein II)",
    StaffFunction.COORDINATING_OFFICE: "Koordinierende Stelle (BW 4.2, KIM Baustein I)",
    StaffFunction.AUTHORITY_POSITION: "Stelle in einer Behörde (KIM Baustein III)",
}


@dataclass(frozen=True)
class Finding:
    """One broken rule, for the user: a stable code, the source and a German message.

    ``source`` is ``None`` for plain plausibility checks (an end before a start)
    that no legal text states. ``field`` names the form field to attach it to.
    """

    code: str
    message: str
    source: str | None = None
    field: str | None = None


class StaffRuleViolation(RuleViolation):
    """A staff rule refused a change; carries every finding, not just the first."""

    def __init__(self, findings: Sequence[Finding]):
        super().__init__(" ".join(f.message for f in findings), field=findings[0].field)
        self.findings = tuple(findings)

    def details(self) -> list[Detail]:
        # Every finding, with its code and source (None for a plain plausibility check).
        return [
            {"field": f.field or "", "message": f.message, "code": f.code, "source": f.source}
            for f in self.findings
        ]


def ensure_no_errors(findings: Sequence[Finding]) -> None:
    """Raise ``StaffRuleViolation`` if there is anything to refuse (services call this)."""
    if findings:
        raise StaffRuleViolation(findings)


@dataclass(frozen=True, order=True)
class DateRange:
    """Days from ``start`` to ``end``, both included; ``end=None`` means open-ended."""

    start: date
    end: date | None = None

    @property
    def last_day(self) -> date:
        return date.max if self.end is None else self.end

    @property
    def is_empty(self) -> bool:
        return self.end is not None and self.end < self.start

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.last_day

    def overlaps(self, other: "DateRange") -> bool:
        if self.is_empty or other.is_empty:
            return False
        return self.start <= other.last_day and other.start <= self.last_day

    def intersection(self, other: "DateRange") -> "DateRange | None":
        if not self.overlaps(other):
            return None
        end = min(self.last_day, other.last_day)
        return DateRange(max(self.start, other.start), None if end == date.max else end)

    def day_count(self) -> int:
        if self.end is None:
            raise ValueError("An open-ended range has no day count.")
        return max(0, (self.end - self.start).days + 1)

    def days(self) -> Iterator[date]:
        day = self.start
        while day <= self.last_day:
            yield day
            if day == date.max:
                return
            day += ONE_DAY


def merge_ranges(ranges: Iterable[DateRange]) -> list[DateRange]:
    """Union of ranges as sorted, disjoint, non-adjacent ranges (adjacent days join)."""
    merged: list[DateRange] = []
    for current in sorted(r for r in ranges if not r.is_empty):
        if merged:
            previous = merged[-1]
            if previous.end is None:  # open-ended: swallows everything after it
                continue
            if current.start.toordinal() <= previous.end.toordinal() + 1:
                if current.last_day > previous.end:
                    merged[-1] = DateRange(previous.start, current.end)
                continue
        merged.append(current)
    return merged


def split_at_boundaries(span: DateRange, ranges: Iterable[DateRange]) -> list[DateRange]:
    """Cut ``span`` into pieces on which membership in each range is constant.

    Pieces are in order, adjacent and together exactly ``span``; an open-ended
    span ends in an open-ended piece.
    """
    if span.is_empty:
        raise ValueError("An empty range cannot be split.")
    first, after_last = span.start.toordinal(), span.last_day.toordinal() + 1
    cuts = {first, after_last}
    for r in ranges:
        for cut in (r.start.toordinal(), r.last_day.toordinal() + 1):
            if first < cut < after_last:
                cuts.add(cut)
    ordered = sorted(cuts)
    pieces = [
        DateRange(date.fromordinal(a), date.fromordinal(b - 1))
        for a, b in itertools.pairwise(ordered)
    ]
    if span.end is None:
        pieces[-1] = DateRange(pieces[-1].start, None)
    return pieces


def year_range(year: int) -> DateRange:
    return DateRange(date(year, 1, 1), date(year, 12, 31))

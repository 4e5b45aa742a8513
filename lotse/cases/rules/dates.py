"""Calendar arithmetic and partial dates for case work, as pure functions.

Periods in the sources are counted as German law counts them: a period that
starts with an event (the initial consultation) ends with the day that bears
the same calendar date (§§ 187 (1), 188 (2) BGB, applied to administrative
periods through § 31 (1) VwVfG); if that day does not exist in the final month
(29 February in a common year), the period ends on the last day of that month
(§ 188 (3) BGB).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from lotse.kernel.messages import Message, gettext_noop, label

GERMAN_MONTHS = (
    gettext_noop("Januar"),
    gettext_noop("Februar"),
    gettext_noop("März"),
    gettext_noop("April"),
    gettext_noop("Mai"),
    gettext_noop("Juni"),
    gettext_noop("Juli"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("Oktober"),
    gettext_noop("November"),
    gettext_noop("Dezember"),
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day (birth dates of refugees
    are often known only as a year, or carry 1 January as a placeholder).

    Ordering (``<``) sorts: by year, then month, then day, the less precise value
    first within its span; it is for sorting lists. Whether two values can be
    the same day is :meth:`compatible_with`; whether one is certainly earlier
    is :meth:`certainly_before`.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(Message(gettext_noop("Das Jahr {year} ist ungültig."), year=self.year))
        if self.month is None:
            if self.day is not None:
                raise ValueError(
                    Message(gettext_noop("Ein Tag ohne Monat ist kein gültiges Datum."))
                )
            return
        if not 1 <= self.month <= 12:
            raise ValueError(
                Message(gettext_noop("Der Monat {month} ist ungültig."), month=self.month)
            )
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(
                    Message(
                        gettext_noop("Den {day}. {month} {year} gibt es nicht."),
                        day=self.day,
                        month=label(GERMAN_MONTHS[self.month - 1]),
                        year=self.year,
                    )
                )

    @classmethod
    def from_date(cls, day: date) -> "PartialDate":
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read ``1990``, ``1990-05``, ``1990-05-17`` (ISO, as stored) or the German
        ``05.1990``, ``5/1990``, ``17.05.1990``; raises ValueError with a German message."""
        value = text.strip()
        patterns = (
            (r"(\d{4})", ("year",)),
            (r"(\d{4})-(\d{1,2})", ("year", "month")),
            (r"(\d{4})-(\d{1,2})-(\d{1,2})", ("year", "month", "day")),
            (r"(\d{1,2})[./](\d{4})", ("month", "year")),
            (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", ("day", "month", "year")),
        )
        for pattern, names in patterns:
            match = re.fullmatch(pattern, value)
            if match:
                parts = dict(zip(names, (int(group) for group in match.groups()), strict=True))
                return cls(parts["year"], parts.get("month"), parts.get("day"))
        raise ValueError(
            Message(
                gettext_noop(
                    "„{value}“ ist kein Datum; bitte als Jahr (1990), Monat und Jahr (05.1990) "
                    "oder vollständiges Datum (17.05.1990) angeben."
                ),
                value=value,
            )
        )

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    def as_date(self) -> date | None:
        """The exact date, if the day is known."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def contains(self, day: date) -> bool:
        return self.earliest() <= day <= self.latest()

    def compatible_with(self, other: "PartialDate") -> bool:
        """Whether both can describe the same day (1990 and 17.05.1990 can; 05.1990 and 06.1990 cannot)."""
        return self.earliest() <= other.latest() and other.earliest() <= self.latest()

    def certainly_before(self, other: "PartialDate") -> bool:
        return self.latest() < other.earliest()

    def age_range_on(self, day: date) -> tuple[int, int]:
        """The youngest and oldest age (in completed years) the person can have on ``day``."""
        return _age(self.latest(), day), _age(self.earliest(), day)

    def iso(self) -> str:
        """The stored form: 1990, 1990-05 or 1990-05-17."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        """German: 1990, 05.1990 or 17.05.1990."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.month:02d}.{self.year:04d}"
        return f"{self.day:02d}.{self.month:02d}.{self.year:04d}"

    def _sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: "PartialDate") -> bool:
        return self._sort_key() < other._sort_key()

    def __le__(self, other: "PartialDate") -> bool:
        return self._sort_key() <= other._sort_key()

    def __gt__(self, other: "PartialDate") -> bool:
        return self._sort_key() > other._sort_key()

    def __ge__(self, other: "PartialDate") -> bool:
        return self._sort_key() >= other._sort_key()


def _age(birth: date, day: date) -> int:
    """Completed years; someone born on 29 February turns a year older on 1 March
    in a common year (§ 187 (2) Satz 2, § 188 (2) BGB: the birthday itself counts)."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return max(years, 0)

"""Which proofs of use a programme asks for, for which period, due when.

- KIM NRW: the proof of use with narrative report and financial statement by
  15 January of the following year (KIM §8), and a proof for the elapsed
  period within four weeks after each quarter end (KIM §15(2)); Lotse counts
  the four weeks as 28 days, as the programme's deadline row does.
- BW IM 2023: within three months after the grant period (BW 8.1); interim
  proofs for the years 2023 and 2024, each within three months after the year
  (BW 9.1.6).
- Other programmes (FGA): an annual proof; the seeds name no due day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lotse.kernel.dates import add_months
from lotse.kernel.errors import RuleViolation

ANNUAL = "annual"
QUARTERLY = "quarterly"
INTERIM = "interim"
KINDS = (ANNUAL, QUARTERLY, INTERIM)
KIND_LABELS = {
    ANNUAL: "Verwendungsnachweis",
    QUARTERLY: "Zwischennachweis für das Quartal",
    INTERIM: "Zwischenverwendungsnachweis",
}
# BW 9.1.6: interim proofs only for these years.
BW_INTERIM_YEARS = (2023, 2024)
QUARTER_ENDS = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass(frozen=True)
class ProofPeriod:
    kind: str
    start: date
    end: date
    due: date | None
    citation: str
    quarter: int | None = None

    @property
    def label(self) -> str:
        if self.kind == QUARTERLY:
            return f"{KIND_LABELS[self.kind]} {self.quarter}/{self.start.year}"
        return f"{KIND_LABELS[self.kind]} {self.start.year}"


def family_of(slug: str) -> str:
    """'kim', 'bw' or 'other', by the programme's stable id."""
    if slug.startswith("kim-"):
        return "kim"
    if slug.startswith("bw-"):
        return "bw"
    return "other"


def proof_period(*, slug: str, kind: str, year: int, quarter: int | None = None) -> ProofPeriod:
    """The period and due day of one proof, or a German error naming the rule."""
    family = family_of(slug)
    if kind not in KINDS:
        raise RuleViolation("Unbekannte Art des Nachweises.", "kind")
    if not 2000 <= year <= 2100:
        raise RuleViolation("Das Jahr muss zwischen 2000 und 2100 liegen.", "year")
    start, end = date(year, 1, 1), date(year, 12, 31)
    if kind == QUARTERLY:
        if family != "kim":
            raise RuleViolation("Quartalsnachweise verlangt nur KIM NRW (KIM § 15 Abs. 2).", "kind")
        if quarter not in QUARTER_ENDS:
            raise RuleViolation("Bitte ein Quartal von 1 bis 4 wählen.", "quarter")
        month, day = QUARTER_ENDS[quarter]
        end = date(year, month, day)
        start = date(year, month - 2, 1)
        # KIM §15(2): within four weeks after the quarter end.
        return ProofPeriod(kind, start, end, end + timedelta(days=28), "KIM § 15 Abs. 2", quarter)
    if kind == INTERIM:
        if family != "bw":
            raise RuleViolation(
                "Zwischenverwendungsnachweise verlangt nur die VwV Integrationsmanagement "
                "(BW 9.1.6).",
                "kind",
            )
        if year not in BW_INTERIM_YEARS:
            raise RuleViolation(
                "Zwischenverwendungsnachweise gibt es nur für 2023 und 2024 (BW 9.1.6).", "year"
            )
        return ProofPeriod(kind, start, end, add_months(end, 3), "BW 9.1.6")
    if family == "kim":
        # KIM §8: by 15 January of the following year.
        return ProofPeriod(kind, start, end, date(year + 1, 1, 15), "KIM § 8")
    if family == "bw":
        # BW 8.1: within three months after the grant period.
        return ProofPeriod(kind, start, end, add_months(end, 3), "BW 8.1")
    return ProofPeriod(kind, start, end, None, "")


def clip(
    *, start: date, end: date, period_start: date, period_end: date | None
) -> tuple[date, date] | None:
    """The overlap of a proof period with an employment period, or None."""
    first = max(start, period_start)
    last = min(end, period_end) if period_end else end
    return (first, last) if first <= last else None


def months_between(start: date, end: date) -> list[date]:
    """First days of every month from ``start`` to ``end``."""
    months = []
    day = date(start.year, start.month, 1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months

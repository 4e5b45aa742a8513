"""Annual training offer (Fortbildung, BW 4.1.3).

"Den Integrationsmanagerinnen und Integrationsmanagern muss mindestens einmal
jährlich eine entsprechende Fortbildung angeboten werden." Checked per calendar
year (the grant period is the calendar year, BW 7.3), only for years in which
the person works as an integration manager on at least one day: a part year
counts as a year. An offer counts in the year of the training's date, and only
if that date falls within the employment (an offer to someone not employed then
is not an offer to an integration manager).

Trainings of the supplementary qualification (BW 4.1.2) are a separate duty and
count here only if the recipient also records them as an offer.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lotse.kernel.dates import format_date
from lotse.staff.rules.common import DateRange, Finding, merge_ranges, year_range

# A part year counts: one day of employment in a year makes the duty apply.
# Programmes may set a higher threshold.
MINIMUM_DAYS_EMPLOYED = 1


class AnnualTrainingStatus(StrEnum):
    OK = "ok"
    DUE = "due"  # not yet offered, but the year (or the employment in it) is still running
    MISSING = "missing"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    AnnualTrainingStatus.OK: "angeboten",
    AnnualTrainingStatus.DUE: "noch offen",
    AnnualTrainingStatus.MISSING: "fehlt",
}


@dataclass(frozen=True)
class TrainingYear:
    year: int
    status: AnnualTrainingStatus
    employed: tuple[DateRange, ...]  # the employment within this year
    due_by: date | None  # last day an offer can still count (None once offered)
    finding: Finding | None  # only when missing


def training_offer_errors(*, offered_on: date, employment: Sequence[DateRange]) -> list[Finding]:
    """A training offer outside the person's employment is refused (BW 4.1.3)."""
    if any(span.contains(offered_on) for span in employment):
        return []
    return [
        Finding(
            code="training_outside_employment",
            source="BW 4.1.3",
            message=(
                f"Die Fortbildung am {format_date(offered_on)} liegt außerhalb der Beschäftigung im "
                "Integrationsmanagement; Fortbildungen werden den Integrationsmanagerinnen und "
                "Integrationsmanagern während ihrer Beschäftigung angeboten (BW 4.1.3)."
            ),
            field="date",
        )
    ]


def annual_training_status(
    *,
    employment: Sequence[DateRange],
    offered_on: Sequence[date],
    as_of: date,
    minimum_days_employed: int = MINIMUM_DAYS_EMPLOYED,
) -> tuple[TrainingYear, ...]:
    """Per calendar year of employment up to ``as_of``'s year: ok, due or missing (BW 4.1.3).

    A year is "missing" once the person's last day of employment in it has passed
    without an offer; before that it is "due".
    """
    employed = merge_ranges(employment)
    if not employed:
        return ()
    offers = [day for day in offered_on if any(span.contains(day) for span in employed)]
    years: list[TrainingYear] = []
    for year in range(employed[0].start.year, as_of.year + 1):
        within = tuple(
            part for span in employed if (part := span.intersection(year_range(year))) is not None
        )
        if sum(part.day_count() for part in within) < minimum_days_employed:
            continue
        last_employed_day = max(part.last_day for part in within)
        finding = None
        due_by: date | None = last_employed_day
        if any(day.year == year for day in offers):
            status = AnnualTrainingStatus.OK
            due_by = None
        elif as_of > last_employed_day:
            status = AnnualTrainingStatus.MISSING
            finding = Finding(
                code="annual_training_missing",
                source="BW 4.1.3",
                message=(
                    f"Im Jahr {year} wurde keine Fortbildung angeboten; Integrationsmanagerinnen und "
                    "Integrationsmanagern muss mindestens einmal jährlich eine Fortbildung angeboten "
                    "werden (BW 4.1.3)."
                ),
            )
        else:
            status = AnnualTrainingStatus.DUE
        years.append(TrainingYear(year, status, within, due_by, finding))
    return tuple(years)

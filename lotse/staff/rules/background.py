"""Background check for extremist conduct and offences (BW 4.3).

"Die Zuwendungsempfänger prüfen … in geeigneter Weise, ob die in ihrer
Verantwortung tätigen Integrationsmanagerinnen und Integrationsmanager sowie das
Personal der koordinierenden Stellen … mit rechts- oder linksextremen,
ausländerfeindlichen oder islamistischen Verhaltensweisen oder entsprechenden
Straftaten in Erscheinung getreten sind."

The text names neither a method ("in geeigneter Weise") nor a deadline nor a
repetition. Lotse reads it as: one check on file per person, due by the first
day of work; a later check is recorded as late but counts. The latest check
decides: a cleared check clears, a pending one is still due, a not-cleared one
is flagged.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lotse.kernel.dates import format_date
from lotse.staff.rules.common import Finding, StaffFunction

# BW 4.3 names these two groups only; KIM sets no such duty.
CHECKED_FUNCTIONS = frozenset(
    {StaffFunction.INTEGRATION_MANAGER, StaffFunction.COORDINATING_OFFICE}
)


class CheckOutcome(StrEnum):
    CLEARED = "cleared"
    PENDING = "pending"
    NOT_CLEARED = "not_cleared"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    CheckOutcome.CLEARED: "unbedenklich",
    CheckOutcome.PENDING: "Ergebnis steht aus",
    CheckOutcome.NOT_CLEARED: "nicht unbedenklich",
}


class BackgroundStatus(StrEnum):
    NOT_REQUIRED = "not_required"
    CLEARED = "cleared"
    DUE = "due"  # not yet on file (or pending), but work has not started
    MISSING = "missing"  # work has started without a cleared check
    NOT_CLEARED = "not_cleared"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    BackgroundStatus.NOT_REQUIRED: "nicht erforderlich",
    BackgroundStatus.CLEARED: "geprüft, unbedenklich",
    BackgroundStatus.DUE: "noch zu prüfen",
    BackgroundStatus.MISSING: "fehlt",
    BackgroundStatus.NOT_CLEARED: "nicht unbedenklich",
}


@dataclass(frozen=True)
class BackgroundCheck:
    checked_on: date
    outcome: CheckOutcome


@dataclass(frozen=True)
class BackgroundAssessment:
    status: BackgroundStatus
    latest: BackgroundCheck | None
    findings: tuple[Finding, ...]


def background_check_status(
    *,
    function: StaffFunction,
    started_work: date,
    checks: Sequence[BackgroundCheck],
    as_of: date,
) -> BackgroundAssessment:
    """Where the person stands on ``as_of`` (BW 4.3)."""
    if function not in CHECKED_FUNCTIONS:
        return BackgroundAssessment(BackgroundStatus.NOT_REQUIRED, None, ())
    done = [c for c in checks if c.checked_on <= as_of]
    latest = max(done, key=lambda c: c.checked_on, default=None)
    if latest is not None and latest.outcome is CheckOutcome.CLEARED:
        return BackgroundAssessment(BackgroundStatus.CLEARED, latest, ())
    if latest is not None and latest.outcome is CheckOutcome.NOT_CLEARED:
        return BackgroundAssessment(
            BackgroundStatus.NOT_CLEARED,
            latest,
            (
                Finding(
                    code="background_check_not_cleared",
                    source="BW 4.3",
                    message=(
                        f"Die Prüfung vom {format_date(latest.checked_on)} war nicht unbedenklich: "
                        "Personen, die mit extremistischen oder ausländerfeindlichen "
                        "Verhaltensweisen oder entsprechenden Straftaten in Erscheinung getreten "
                        "sind, sind von der Tätigkeit ausgeschlossen (BW 4.3)."
                    ),
                ),
            ),
        )
    if as_of < started_work:
        return BackgroundAssessment(BackgroundStatus.DUE, latest, ())
    pending = " Das Ergebnis der Prüfung steht noch aus." if latest is not None else ""
    return BackgroundAssessment(
        BackgroundStatus.MISSING,
        latest,
        (
            Finding(
                code="background_check_missing",
                source="BW 4.3",
                message=(
                    "Es ist keine unbedenkliche Prüfung auf extremistische Verhaltensweisen oder "
                    "entsprechende Straftaten erfasst; sie ist für Integrationsmanagerinnen und "
                    "Integrationsmanager sowie das Personal der koordinierenden Stelle "
                    f"vorgeschrieben (BW 4.3). Tätig seit {format_date(started_work)}.{pending}"
                ),
            ),
        ),
    )

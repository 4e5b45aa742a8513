"""Supplementary qualification (Nachqualifizierung, BW 4.1.2).

Who needs it follows from the qualification level (``qualification.supplementary_required``).
It consists of multi-day trainings covering the nine topics a–i (BW 4.1.2.1); it
must start within three months of starting work and should be complete within a
year (BW 4.1.2.2). Completion is confirmed in the proof of use of the grant
period in which it happened; if it is not complete within a grant period, the
confirmation moves to the next period's proof of use (BW 4.1.2.2 sentence 4).

Periods of months are counted as German law counts them from an event (BGB
§ 187(1), § 188(2), (3)): the day of starting work is not counted, the period
ends with the same-numbered day of the last month, or that month's last day if
it has no such day. Hired 15 Jan → start by 15 Apr, complete by 15 Jan next year;
hired 30 Nov 2023 → start by 29 Feb 2024; hired 29 Feb 2024 → complete by
28 Feb 2025. The deadline day itself is still in time. No shift for weekends or
holidays (BGB § 193 concerns declarations and performances, not starting a course).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from lotse.kernel.dates import add_months, format_date
from lotse.kernel.money import format_number
from lotse.staff.rules.common import DateRange, Finding

# BW 4.1.2.2: "innerhalb von drei Monaten … begonnen"
START_WITHIN_MONTHS = 3
# BW 4.1.2.2: "soll möglichst innerhalb eines Jahres … abgeschlossen werden"
COMPLETE_WITHIN_MONTHS = 12
# BW 4.1.2.1: "mehrtägige Schulungen" – read as: the trainings together last at
# least two days. The text does not say more; programmes may raise it.
MINIMUM_TOTAL_DAYS = Decimal(2)


class SupplementaryTopic(StrEnum):
    """The nine topics of BW 4.1.2.1; the value is the letter in the text."""

    ASYLUM_AND_RESIDENCE_LAW = "a"
    MAINSTREAM_SERVICES = "b"
    LABOUR_MARKET_INTEGRATION = "c"
    RECOGNITION_OF_FOREIGN_QUALIFICATIONS = "d"
    SCHOOL_DAY_CARE_AND_YOUTH_SERVICES = "e"
    LANGUAGE_ACQUISITION = "f"
    WORKING_WITH_VOLUNTEERS = "g"
    COUNSELLING_AND_CASE_MANAGEMENT = "h"
    INTERCULTURAL_COMPETENCE = "i"

    @property
    def label(self) -> str:
        return _TOPIC_LABELS[self]


# Wording of BW 4.1.2.1 a)–i), capitalised to stand alone.
_TOPIC_LABELS = {
    SupplementaryTopic.ASYLUM_AND_RESIDENCE_LAW: "Asyl- und ausländerrechtliche Grundlagen",
    SupplementaryTopic.MAINSTREAM_SERVICES: "Maßnahmen und Angebote der Regeldienste",
    SupplementaryTopic.LABOUR_MARKET_INTEGRATION: "Arbeitsmarktintegration",
    SupplementaryTopic.RECOGNITION_OF_FOREIGN_QUALIFICATIONS: "Angebote der Anerkennungsberatung für im Ausland erworbene Abschlüsse",
    SupplementaryTopic.SCHOOL_DAY_CARE_AND_YOUTH_SERVICES: "Integration in Schule, Kindertageseinrichtungen und Angebote der Jugendhilfe",
    SupplementaryTopic.LANGUAGE_ACQUISITION: "Angebote zum Spracherwerb",
    SupplementaryTopic.WORKING_WITH_VOLUNTEERS: "Zusammenarbeit mit Ehrenamtlichen",
    SupplementaryTopic.COUNSELLING_AND_CASE_MANAGEMENT: "Grundlagen der Beratungsarbeit und des Case-Managements",
    SupplementaryTopic.INTERCULTURAL_COMPETENCE: "Interkulturelle Kompetenzen beziehungsweise Vielfaltskompetenz",
}

ALL_TOPICS = frozenset(SupplementaryTopic)


class SupplementaryStatus(StrEnum):
    NOT_REQUIRED = "not_required"
    ON_TRACK = "on_track"
    START_OVERDUE = "start_overdue"
    COMPLETION_OVERDUE = "completion_overdue"
    DONE = "done"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    SupplementaryStatus.NOT_REQUIRED: "nicht erforderlich",
    SupplementaryStatus.ON_TRACK: "im Plan",
    SupplementaryStatus.START_OVERDUE: "Beginn überfällig",
    SupplementaryStatus.COMPLETION_OVERDUE: "Abschluss überfällig",
    SupplementaryStatus.DONE: "abgeschlossen",
}


@dataclass(frozen=True)
class SupplementaryTraining:
    """One training attended towards the supplementary qualification."""

    start: date
    end: date
    days: Decimal
    topics: frozenset[SupplementaryTopic]


@dataclass(frozen=True)
class SupplementaryProgress:
    status: SupplementaryStatus
    start_deadline: date | None
    completion_deadline: date | None
    started_on: date | None
    completed_on: date | None
    missing_topics: tuple[SupplementaryTopic, ...]
    findings: tuple[Finding, ...]


def supplementary_start_deadline(*, started_work: date) -> date:
    """Last day on which the supplementary qualification may begin (BW 4.1.2.2)."""
    return add_months(started_work, START_WITHIN_MONTHS)


def supplementary_completion_deadline(*, started_work: date) -> date:
    """Last day by which it should be complete (BW 4.1.2.2, a "soll" rule)."""
    return add_months(started_work, COMPLETE_WITHIN_MONTHS)


def supplementary_training_errors(*, training: SupplementaryTraining) -> list[Finding]:
    """Why a training record cannot be saved (plausibility; the topics per BW 4.1.2.1)."""
    errors: list[Finding] = []
    if training.end < training.start:
        errors.append(
            Finding(
                code="end_before_start",
                message=(
                    f"Das Ende der Schulung ({format_date(training.end)}) liegt vor ihrem Beginn "
                    f"({format_date(training.start)})."
                ),
                field="end",
            )
        )
    elif not training.days.is_finite() or training.days <= 0:
        errors.append(
            Finding(
                code="days_not_positive",
                message="Bitte die Dauer der Schulung in Tagen angeben (mehr als 0).",
                field="days",
            )
        )
    elif training.days > (training.end - training.start).days + 1:
        errors.append(
            Finding(
                code="days_exceed_dates",
                message=(
                    f"Die Schulung dauert laut Angabe {format_number(training.days)} Tage, zwischen "
                    f"{format_date(training.start)} und {format_date(training.end)} liegen aber "
                    f"nur {(training.end - training.start).days + 1}."
                ),
                field="days",
            )
        )
    if not training.topics:
        errors.append(
            Finding(
                code="no_topic",
                source="BW 4.1.2.1",
                message="Bitte mindestens ein Thema der Nachqualifizierung (a–i, BW 4.1.2.1) angeben.",
                field="topics",
            )
        )
    return errors


def _valid(trainings: Sequence[SupplementaryTraining]) -> list[SupplementaryTraining]:
    return [t for t in trainings if not supplementary_training_errors(training=t)]


def supplementary_completed_on(
    *,
    trainings: Sequence[SupplementaryTraining],
    minimum_total_days: Decimal = MINIMUM_TOTAL_DAYS,
) -> date | None:
    """The day the last missing piece was attended: all nine topics covered and the
    trainings together at least ``minimum_total_days`` long (BW 4.1.2.1)."""
    covered: set[SupplementaryTopic] = set()
    total_days = Decimal(0)
    for training in sorted(_valid(trainings), key=lambda t: t.end):
        covered |= training.topics
        total_days += training.days
        if covered >= ALL_TOPICS and total_days >= minimum_total_days:
            return training.end
    return None


def supplementary_progress(
    *,
    required: bool,
    started_work: date,
    trainings: Sequence[SupplementaryTraining],
    as_of: date,
    minimum_total_days: Decimal = MINIMUM_TOTAL_DAYS,
) -> SupplementaryProgress:
    """Where the person stands on ``as_of`` (BW 4.1.2.2).

    The status says what needs doing now: a start that came late is a finding, but
    once the person has started the status goes back to "on track" (or "done").
    Trainings attended before starting work count: someone who already holds the
    qualification from an earlier post need not repeat it.
    """
    if not required:
        return SupplementaryProgress(
            SupplementaryStatus.NOT_REQUIRED, None, None, None, None, (), ()
        )

    trainings = _valid(trainings)
    start_deadline = supplementary_start_deadline(started_work=started_work)
    completion_deadline = supplementary_completion_deadline(started_work=started_work)
    started_on = min((t.start for t in trainings if t.start <= as_of), default=None)
    completed_on = supplementary_completed_on(
        trainings=trainings, minimum_total_days=minimum_total_days
    )
    if completed_on is not None and completed_on > as_of:
        completed_on = None
    attended = [t for t in trainings if t.end <= as_of]
    covered = frozenset().union(*(t.topics for t in attended))
    missing = tuple(topic for topic in SupplementaryTopic if topic not in covered)
    attended_days = sum((t.days for t in attended), Decimal(0))

    findings: list[Finding] = []
    if started_on is not None and started_on > start_deadline:
        findings.append(
            Finding(
                code="supplementary_started_late",
                source="BW 4.1.2.2",
                message=(
                    f"Die Nachqualifizierung hat erst am {format_date(started_on)} begonnen; sie "
                    f"musste innerhalb von drei Monaten nach Aufnahme der Tätigkeit "
                    f"({format_date(started_work)}), also bis zum {format_date(start_deadline)}, "
                    "beginnen (BW 4.1.2.2)."
                ),
            )
        )
    if started_on is None and as_of > start_deadline:
        findings.append(
            Finding(
                code="supplementary_start_overdue",
                source="BW 4.1.2.2",
                message=(
                    "Die Nachqualifizierung hat noch nicht begonnen; sie musste innerhalb von drei "
                    f"Monaten nach Aufnahme der Tätigkeit ({format_date(started_work)}), also bis "
                    f"zum {format_date(start_deadline)}, beginnen (BW 4.1.2.2)."
                ),
            )
        )

    if completed_on is not None:
        status = SupplementaryStatus.DONE
        if completed_on > completion_deadline:
            findings.append(
                Finding(
                    code="supplementary_completed_late",
                    source="BW 4.1.2.2",
                    message=(
                        f"Die Nachqualifizierung wurde am {format_date(completed_on)} abgeschlossen, "
                        "nach der Jahresfrist: sie soll möglichst bis zum "
                        f"{format_date(completion_deadline)} abgeschlossen sein (BW 4.1.2.2)."
                    ),
                )
            )
    elif as_of > completion_deadline:
        status = SupplementaryStatus.COMPLETION_OVERDUE
        findings.append(
            Finding(
                code="supplementary_completion_overdue",
                source="BW 4.1.2.2",
                message=(
                    "Die Nachqualifizierung soll möglichst innerhalb eines Jahres nach Aufnahme der "
                    f"Tätigkeit, also bis zum {format_date(completion_deadline)}, abgeschlossen sein "
                    f"(BW 4.1.2.2). {_what_is_missing(missing, attended_days, minimum_total_days)}"
                ),
            )
        )
    elif started_on is None and as_of > start_deadline:
        status = SupplementaryStatus.START_OVERDUE
    else:
        status = SupplementaryStatus.ON_TRACK

    return SupplementaryProgress(
        status=status,
        start_deadline=start_deadline,
        completion_deadline=completion_deadline,
        started_on=started_on,
        completed_on=completed_on,
        missing_topics=missing,
        findings=tuple(findings),
    )


def _what_is_missing(
    missing: tuple[SupplementaryTopic, ...], attended_days: Decimal, minimum_total_days: Decimal
) -> str:
    parts = []
    if missing:
        letters = ", ".join(f"{t.value}) {t.label}" for t in missing)
        parts.append(f"Es fehlen noch die Themen {letters} (BW 4.1.2.1).")
    if attended_days < minimum_total_days:
        parts.append(
            f"Die Schulungen umfassen bisher {format_number(attended_days)} Tage; verlangt sind mehrtägige "
            "Schulungen (BW 4.1.2.1)."
        )
    return " ".join(parts)


class SupplementaryConfirmation(StrEnum):
    """What the proof of use of one grant period says about a person (BW 4.1.2.2)."""

    NOT_REQUIRED = "not_required"
    CONFIRM_IN_THIS_PERIOD = "confirm_in_this_period"
    CARRIED_TO_NEXT_PERIOD = "carried_to_next_period"
    CONFIRMED_EARLIER = "confirmed_earlier"

    @property
    def label(self) -> str:
        return _CONFIRMATION_LABELS[self]


_CONFIRMATION_LABELS = {
    SupplementaryConfirmation.NOT_REQUIRED: "nicht erforderlich",
    SupplementaryConfirmation.CONFIRM_IN_THIS_PERIOD: "im Verwendungsnachweis dieses Bewilligungszeitraums zu bestätigen",
    SupplementaryConfirmation.CARRIED_TO_NEXT_PERIOD: "im Verwendungsnachweis des folgenden Bewilligungszeitraums zu bestätigen (BW 4.1.2.2)",
    SupplementaryConfirmation.CONFIRMED_EARLIER: "in einem früheren Verwendungsnachweis bestätigt",
}


def supplementary_confirmation(
    *,
    required: bool,
    started_work: date,
    completed_on: date | None,
    grant_period: DateRange,
) -> SupplementaryConfirmation:
    """In which proof of use the completion is confirmed (BW 4.1.2.2 sentences 2–4).

    "Kann der Nachweis der erfolgten Nachqualifizierung nicht innerhalb des
    Bewilligungszeitraums erfolgen, ist die erfolgte Nachqualifizierung im
    Verwendungsnachweis des darauffolgenden Bewilligungszeitraums … zu bestätigen."
    The grant period is the calendar year (BW 7.3), but any closed period works.
    """
    if grant_period.end is None:
        raise ValueError("A grant period has an end.")
    if not required or started_work > grant_period.end:
        return SupplementaryConfirmation.NOT_REQUIRED
    if completed_on is None or completed_on > grant_period.end:
        return SupplementaryConfirmation.CARRIED_TO_NEXT_PERIOD
    if completed_on < grant_period.start and started_work < grant_period.start:
        return SupplementaryConfirmation.CONFIRMED_EARLIER
    return SupplementaryConfirmation.CONFIRM_IN_THIS_PERIOD

"""Employment periods, fundability and coverage (BW 3.4, 5.5, 5.6).

An employment period is one person in one position from ``start`` to ``end``
(both included, ``end=None`` while open) with a total FTE share in (0, 1], of
which ``funded_fte`` is paid from the grant and the rest is the municipality's
own-funded top-up (Aufstockung mit Eigenmitteln, BW 3.4).

- Refused (``employment_period_errors``): no person, end before start, FTE outside
  (0, 1], funded share outside [0, FTE], overlapping periods of one position, one
  person above 1.0 FTE, a coordinating office below 0.5 FTE or split between two
  people (BW 5.6), interruptions outside their period or without reason.
- Not fundable (``employment_fundability``): an integration manager below 0.25 FTE,
  any mini-job (BW 5.5). Such periods may be recorded; they just earn no money.
- Coverage (``coverage_gaps``): every day of the grant period some integration
  manager works ≥ 0.5 FTE for the recipient, counting top-ups (BW 3.4). Days
  without cover are gaps, unless an interruption the granting authority consented
  to covers them: then they are marked approved.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from lotse.kernel.dates import format_date, format_range
from lotse.kernel.money import format_fte
from lotse.staff.rules.common import DateRange, Finding, StaffFunction, split_at_boundaries

# BW 5.5: "Teilzeitstellen sind zuwendungsfähig, wenn ein Beschäftigungsumfang im
# Integrationsmanagement von mindestens 0,25 VZÄ erreicht wird."
FUNDABLE_MINIMUM_FTE = Decimal("0.25")
# BW 3.4: "… mit einem Stellenumfang von mindestens 50 Prozent eines
# Vollzeitäquivalentes (0,5 VZÄ) …"
COVERAGE_MINIMUM_FTE = Decimal("0.5")
# BW 5.6: "Die Stelle ist mit einem Stellenumfang von mindestens 0,5 VZÄ zu besetzen."
COORDINATING_OFFICE_MINIMUM_FTE = Decimal("0.5")
FULL_TIME = Decimal(1)

Key = int | str


@dataclass(frozen=True)
class Consent:
    """The granting authority's consent to an interruption (BW 3.4 sentence 2)."""

    given_on: date
    reference: str  # the authority's file number (Aktenzeichen)


@dataclass(frozen=True)
class Interruption:
    """Days on which the position is not worked: leave, long illness, a vacancy.

    BW 3.4: "Bei einer unvermeidbaren und vorübergehenden Unterbrechung kann mit
    Zustimmung der Bewilligungsstelle von der Voraussetzung der fortwährenden
    Beschäftigung abgewichen werden."
    """

    start: date
    end: date | None
    reason: str
    consent: Consent | None = None

    @property
    def span(self) -> DateRange:
        return DateRange(self.start, self.end)

    @property
    def approved(self) -> bool:
        return self.consent is not None


@dataclass(frozen=True)
class EmploymentPeriod:
    person: Key | None
    position: Key
    recipient: Key
    function: StaffFunction
    start: date
    end: date | None
    fte: Decimal
    funded_fte: Decimal
    mini_job: bool = False
    interruptions: tuple[Interruption, ...] = ()

    @property
    def span(self) -> DateRange:
        return DateRange(self.start, self.end)

    @property
    def own_funded_fte(self) -> Decimal:
        """The municipality's top-up (BW 3.4 "Aufstockung mit Eigenmitteln")."""
        return self.fte - self.funded_fte

    def works_on(self, day: date) -> bool:
        return self.span.contains(day) and not any(i.span.contains(day) for i in self.interruptions)


def _fte_in_range(value: Decimal) -> bool:
    return value.is_finite() and Decimal(0) < value <= FULL_TIME


def _shape_ok(period: EmploymentPeriod) -> bool:
    return not period.span.is_empty and _fte_in_range(period.fte)


# ---------------------------------------------------------------------------
# Refusals


def employment_period_errors(
    *, period: EmploymentPeriod, others: Sequence[EmploymentPeriod] = ()
) -> list[Finding]:
    """Everything that refuses saving ``period`` beside ``others`` (the rest of the
    recipient's and the person's periods, without ``period`` itself)."""
    errors = _shape_errors(period)
    errors += [e for i in period.interruptions for e in _interruption_errors(i, period)]
    if not _shape_ok(period):
        return errors  # overlap checks on a malformed period would only add noise
    others = [o for o in others if _shape_ok(o)]
    errors += _position_overlap_errors(period, others)
    errors += _person_fte_errors(period, others)
    if period.function is StaffFunction.COORDINATING_OFFICE:
        errors += _coordinating_office_errors(period, others)
    return errors


def employment_conflicts(*, periods: Sequence[EmploymentPeriod]) -> list[Finding]:
    """All refusals within a stored set, each pair reported once (for the compliance view)."""
    findings: list[Finding] = []
    for index, period in enumerate(periods):
        findings += employment_period_errors(period=period, others=periods[:index])
    return findings


def _shape_errors(period: EmploymentPeriod) -> list[Finding]:
    errors: list[Finding] = []
    if period.person is None:
        errors.append(
            Finding(
                code="person_missing",
                source="BW 3.4",
                message=(
                    "Bitte die beschäftigte Person angeben: eine Besetzung ohne Person belegt "
                    "keine Beschäftigung einer Integrationsmanagerin oder eines "
                    "Integrationsmanagers (BW 3.4)."
                ),
                field="person",
            )
        )
    if period.span.is_empty:
        errors.append(
            Finding(
                code="end_before_start",
                message=(
                    f"Das Ende der Beschäftigung ({format_date(period.span.last_day)}) liegt vor "
                    f"ihrem Beginn ({format_date(period.start)})."
                ),
                field="end",
            )
        )
    if not _fte_in_range(period.fte):
        errors.append(
            Finding(
                code="fte_out_of_range",
                message=(
                    "Der Stellenumfang muss größer als 0 und höchstens 1,0 VZÄ (eine volle Stelle) "
                    "sein"
                    + (
                        f"; angegeben sind {format_fte(period.fte)}."
                        if period.fte.is_finite()
                        else "."
                    )
                ),
                field="fte",
            )
        )
    elif not (period.funded_fte.is_finite() and Decimal(0) <= period.funded_fte <= period.fte):
        errors.append(
            Finding(
                code="funded_fte_out_of_range",
                source="BW 3.4",
                message=(
                    f"Der aus Fördermitteln finanzierte Anteil muss zwischen 0 und dem Stellenumfang "
                    f"({format_fte(period.fte)}) liegen; der Rest ist die Aufstockung mit "
                    "Eigenmitteln der Kommune (BW 3.4)."
                ),
                field="funded_fte",
            )
        )
    return errors


def _interruption_errors(interruption: Interruption, period: EmploymentPeriod) -> list[Finding]:
    errors: list[Finding] = []
    if interruption.span.is_empty:
        errors.append(
            Finding(
                code="interruption_end_before_start",
                message="Das Ende der Unterbrechung liegt vor ihrem Beginn.",
                field="interruptions",
            )
        )
    elif not period.span.is_empty and (
        interruption.start < period.start or interruption.span.last_day > period.span.last_day
    ):
        errors.append(
            Finding(
                code="interruption_outside_period",
                message=(
                    f"Die Unterbrechung {format_range(interruption.span.start, interruption.span.end)} liegt nicht vollständig "
                    f"in der Beschäftigung {format_range(period.span.start, period.span.end)}."
                ),
                field="interruptions",
            )
        )
    if not interruption.reason.strip():
        errors.append(
            Finding(
                code="interruption_reason_missing",
                source="BW 3.4",
                message=(
                    "Bitte den Grund der Unterbrechung angeben; die Begründung ist der "
                    "Bewilligungsstelle unverzüglich vorzulegen (BW 3.4)."
                ),
                field="interruptions",
            )
        )
    if interruption.consent is not None and not interruption.consent.reference.strip():
        errors.append(
            Finding(
                code="consent_reference_missing",
                source="BW 3.4",
                message=(
                    "Bitte das Aktenzeichen der Zustimmung der Bewilligungsstelle angeben (BW 3.4)."
                ),
                field="interruptions",
            )
        )
    return errors


def _position_overlap_errors(
    period: EmploymentPeriod, others: Sequence[EmploymentPeriod]
) -> list[Finding]:
    return [
        Finding(
            code="position_overlap",
            message=(
                f"Diese Stelle ist {format_range(overlap.start, overlap.end)} bereits besetzt; Beschäftigungszeiten "
                "derselben Stelle dürfen sich nicht überschneiden."
            ),
            field="start",
        )
        for other in others
        if other.position == period.position
        and other.recipient == period.recipient
        and (overlap := period.span.intersection(other.span)) is not None
    ]


def _person_fte_errors(
    period: EmploymentPeriod, others: Sequence[EmploymentPeriod]
) -> list[Finding]:
    if period.person is None:
        return []
    concurrent = [o for o in others if o.person == period.person and o.span.overlaps(period.span)]
    for piece in split_at_boundaries(period.span, (o.span for o in concurrent)):
        total = period.fte + sum(
            (o.fte for o in concurrent if o.span.contains(piece.start)), Decimal(0)
        )
        if total > FULL_TIME:
            return [
                Finding(
                    code="person_fte_over_one",
                    message=(
                        f"Zusammen mit ihren anderen Beschäftigungen wäre die Person "
                        f"{format_range(piece.start, piece.end)} mit {format_fte(total)} beschäftigt; mehr als "
                        "eine volle Stelle (1,0 VZÄ) ist nicht möglich."
                    ),
                    field="fte",
                )
            ]
    return []


def _coordinating_office_errors(
    period: EmploymentPeriod, others: Sequence[EmploymentPeriod]
) -> list[Finding]:
    errors: list[Finding] = []
    if period.fte < COORDINATING_OFFICE_MINIMUM_FTE:
        errors.append(
            Finding(
                code="coordinating_office_fte_below_minimum",
                source="BW 5.6",
                message=(
                    "Die koordinierende Stelle ist mit einem Stellenumfang von mindestens 0,5 VZÄ "
                    f"zu besetzen (BW 5.6); angegeben sind {format_fte(period.fte)}."
                ),
                field="fte",
            )
        )
    for other in others:
        if (
            other.function is StaffFunction.COORDINATING_OFFICE
            and other.recipient == period.recipient
            and other.person != period.person
            and (overlap := period.span.intersection(other.span)) is not None
        ):
            errors.append(
                Finding(
                    code="coordinating_office_split",
                    source="BW 5.6",
                    message=(
                        "Die Stelle der koordinierenden Stelle ist nicht teilbar (BW 5.6): "
                        f"{format_range(overlap.start, overlap.end)} ist sie bereits mit einer anderen Person besetzt."
                    ),
                    field="person",
                )
            )
    return errors


# ---------------------------------------------------------------------------
# Fundability


def employment_fundability(*, period: EmploymentPeriod) -> list[Finding]:
    """Why ``period`` earns no grant money; empty when it is fundable (BW 5.5).

    The 0.25 FTE threshold applies per employment period: BW 5.5 speaks of the
    "Beschäftigungsumfang im Integrationsmanagement" of a part-time post.
    """
    findings: list[Finding] = []
    if period.mini_job:
        findings.append(
            Finding(
                code="mini_job_not_fundable",
                source="BW 5.5",
                message="Geringfügige Beschäftigungen („Minijobs“) sind nicht förderfähig (BW 5.5).",
                field="mini_job",
            )
        )
    if (
        period.function is StaffFunction.INTEGRATION_MANAGER
        and _fte_in_range(period.fte)
        and period.fte < FUNDABLE_MINIMUM_FTE
    ):
        findings.append(
            Finding(
                code="fte_below_fundable_minimum",
                source="BW 5.5",
                message=(
                    "Teilzeitstellen im Integrationsmanagement sind erst ab 0,25 VZÄ "
                    f"zuwendungsfähig (BW 5.5); angegeben sind {format_fte(period.fte)}."
                ),
                field="fte",
            )
        )
    return findings


# ---------------------------------------------------------------------------
# Coverage (BW 3.4)


class CoverageStatus(StrEnum):
    GAP = "gap"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return {
            CoverageStatus.GAP: "Lücke",
            CoverageStatus.APPROVED: "genehmigte Unterbrechung",
        }[self]


@dataclass(frozen=True)
class CoverageSegment:
    start: date
    end: date
    status: CoverageStatus

    @property
    def span(self) -> DateRange:
        return DateRange(self.start, self.end)

    @property
    def day_count(self) -> int:
        return self.span.day_count()


@dataclass(frozen=True)
class Coverage:
    grant_period: DateRange
    segments: tuple[CoverageSegment, ...]  # the uncovered days, in order
    findings: tuple[Finding, ...]

    @property
    def gaps(self) -> tuple[DateRange, ...]:
        return tuple(s.span for s in self.segments if s.status is CoverageStatus.GAP)

    @property
    def approved(self) -> tuple[DateRange, ...]:
        return tuple(s.span for s in self.segments if s.status is CoverageStatus.APPROVED)

    @property
    def gap_days(self) -> int:
        return sum(s.day_count for s in self.segments if s.status is CoverageStatus.GAP)

    @property
    def approved_days(self) -> int:
        return sum(s.day_count for s in self.segments if s.status is CoverageStatus.APPROVED)

    @property
    def is_covered(self) -> bool:
        """No gap: every day is covered or approved (BW 3.4)."""
        return not self.gaps


def counts_for_coverage(period: EmploymentPeriod, *, count_fully_own_funded: bool = True) -> bool:
    """Which periods can carry the BW 3.4 cover: integration managers with a person,
    not mini-jobs (BW 5.5: not fundable, so not "aus Fördermitteln … oder durch
    Aufstockung"), optionally only posts with some grant money in them."""
    return (
        period.function is StaffFunction.INTEGRATION_MANAGER
        and period.person is not None
        and not period.mini_job
        and _shape_ok(period)
        and (count_fully_own_funded or period.funded_fte > 0)
    )


def covering_fte_on(day: date, periods: Iterable[EmploymentPeriod]) -> Decimal:
    """The highest FTE one person works on ``day`` (their periods summed).

    BW 3.4 asks for "einer Integrationsmanagerin oder eines Integrationsmanagers"
    with 0.5 FTE: one person, so two people at 0.25 each do not cover the day.
    """
    per_person: dict[Key | None, Decimal] = defaultdict(Decimal)
    for period in periods:
        if period.works_on(day):
            per_person[period.person] += period.fte
    return max(per_person.values(), default=Decimal(0))


def coverage_gaps(
    *,
    periods: Sequence[EmploymentPeriod],
    grant_period: DateRange,
    recipient_interruptions: Sequence[Interruption] = (),
    minimum_fte: Decimal = COVERAGE_MINIMUM_FTE,
    count_fully_own_funded: bool = True,
) -> Coverage:
    """Days of ``grant_period`` without an integration manager at ≥ 0.5 FTE (BW 3.4).

    ``periods`` are the recipient's employment periods (other functions are
    ignored). ``recipient_interruptions`` are interruptions not tied to one
    person, such as the vacancy between a leaver and a successor. A day without
    cover is "approved" when any interruption with the authority's consent covers
    it, else a "gap". An interruption without consent only matters where it
    causes a gap; there the finding says that the consent is missing.
    """
    if grant_period.end is None or grant_period.is_empty:
        raise ValueError("A grant period has a start and an end.")
    counting = [
        p for p in periods if counts_for_coverage(p, count_fully_own_funded=count_fully_own_funded)
    ]
    # Only integration managers' interruptions (and the recipient's own) can excuse
    # an integration-management gap; a coordinating office's leave cannot.
    interruptions = [
        i
        for i in (
            *recipient_interruptions,
            *(
                i
                for p in periods
                if p.function is StaffFunction.INTEGRATION_MANAGER
                for i in p.interruptions
            ),
        )
        if not i.span.is_empty
    ]
    boundaries = [p.span for p in counting] + [i.span for i in interruptions]

    segments: list[CoverageSegment] = []
    for piece in split_at_boundaries(grant_period, boundaries):
        if covering_fte_on(piece.start, counting) >= minimum_fte:
            continue
        approved = any(i.approved and i.span.contains(piece.start) for i in interruptions)
        status = CoverageStatus.APPROVED if approved else CoverageStatus.GAP
        # split_at_boundaries yields closed ranges, so last_day is the end.
        if segments and segments[-1].status is status and _adjacent(segments[-1].end, piece.start):
            segments[-1] = CoverageSegment(segments[-1].start, piece.last_day, status)
        else:
            segments.append(CoverageSegment(piece.start, piece.last_day, status))

    findings = [
        _gap_finding(segment, interruptions, minimum_fte)
        for segment in segments
        if segment.status is CoverageStatus.GAP
    ]
    return Coverage(grant_period, tuple(segments), tuple(findings))


def _adjacent(end: date, start: date) -> bool:
    return start.toordinal() == end.toordinal() + 1


def _gap_finding(
    segment: CoverageSegment, interruptions: Sequence[Interruption], minimum_fte: Decimal
) -> Finding:
    when = format_range(segment.span.start, segment.span.end)
    message = (
        f"{when[0].upper()}{when[1:]} ({segment.day_count} "
        f"{'Tag' if segment.day_count == 1 else 'Tage'}) ist keine Integrationsmanagerin und kein "
        f"Integrationsmanager mit mindestens {format_fte(minimum_fte)} beschäftigt; die "
        "Förderung setzt die fortwährende Beschäftigung voraus (BW 3.4)."
    )
    pending = [i for i in interruptions if not i.approved and i.span.overlaps(segment.span)]
    if pending:
        # dict.fromkeys: one leave recorded on two posts of a person is named once
        reasons = "; ".join(
            dict.fromkeys(
                f"{i.reason.strip()} {format_range(i.span.start, i.span.end)}" for i in pending
            )
        )
        message += (
            f" Für die Unterbrechung ({reasons}) fehlt die Zustimmung der Bewilligungsstelle "
            "(BW 3.4 Satz 2)."
        )
    return Finding(code="coverage_gap", source="BW 3.4", message=message)

"""Reads for staff and compliance, always scoped to the user (Area.STAFF).

``compliance_report`` runs a fixed number of queries whatever the number of
people: everything a person's rules need is prefetched, then the pure rules in
``lotse.staff.rules`` decide.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.conf import settings
from django.db.models import Prefetch, Q

from lotse.core.tenancy import get_for_user
from lotse.kernel.dates import format_date
from lotse.organisations.models import Organisation
from lotse.staff import facts
from lotse.staff.models import (
    Employee,
    EmploymentPeriod,
    Interruption,
    TrainingOffer,
    TrainingParticipation,
)
from lotse.staff.rules import background, employment, supplementary, training
from lotse.staff.rules.common import DateRange, Finding, StaffFunction, year_range


class State(StrEnum):
    OK = "ok"
    DUE = "due"
    VIOLATION = "violation"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {
            State.OK: "erfüllt",
            State.DUE: "offen",
            State.VIOLATION: "verletzt",
            State.NOT_APPLICABLE: "nicht anwendbar",
        }[self]


@dataclass(frozen=True)
class Rule:
    key: str
    title: str
    source: str


# The rules of issue 4, in the order the compliance view shows them.
QUALIFICATION = Rule("qualification", "Qualifikation", "BW 4.1.1, 4.2")
EQUIVALENCE = Rule("equivalence", "Gleichwertigkeit ausländischer Abschlüsse", "BW 4.1.1.4")
SUPPLEMENTARY = Rule("supplementary", "Nachqualifizierung", "BW 4.1.2")
TRAINING = Rule("training", "Fortbildung im Jahr", "BW 4.1.3")
BACKGROUND = Rule("background", "Prüfung auf extremistische Vorbelastung", "BW 4.3")
EMPLOYMENT = Rule("employment", "Förderfähige Beschäftigung", "BW 5.5, 5.6")
COVERAGE = Rule("coverage", "Fortwährende Beschäftigung mit mindestens 0,5 VZÄ", "BW 3.4")
PERSON_RULES = (QUALIFICATION, EQUIVALENCE, SUPPLEMENTARY, TRAINING, BACKGROUND, EMPLOYMENT)
ALL_RULES = (*PERSON_RULES, COVERAGE)
RULES_BY_KEY = {rule.key: rule for rule in ALL_RULES}
# The functions the BW rules speak of; KIM functions carry no rule in the seeds.
BW_FUNCTIONS = {StaffFunction.INTEGRATION_MANAGER, StaffFunction.COORDINATING_OFFICE}


@dataclass(frozen=True)
class RuleStatus:
    rule: Rule
    state: State
    summary: str
    findings: tuple[Finding, ...] = ()
    due: date | None = None  # the deadline of an open (due) status


@dataclass
class PersonCompliance:
    employee: Employee
    level_label: str
    statuses: list[RuleStatus]
    progress: supplementary.SupplementaryProgress | None = None
    level: int | None = None
    confirmation: supplementary.SupplementaryConfirmation | None = None

    def status(self, key: str) -> RuleStatus:
        return next(s for s in self.statuses if s.rule.key == key)

    @property
    def worst(self) -> State:
        states = {s.state for s in self.statuses}
        for state in (State.VIOLATION, State.DUE, State.OK):
            if state in states:
                return state
        return State.NOT_APPLICABLE


@dataclass
class RecipientCompliance:
    organisation: Organisation
    coverage: employment.Coverage | None
    status: RuleStatus
    people: list[PersonCompliance] = field(default_factory=list)

    @property
    def violations(self) -> int:
        return sum(1 for p in self.people if p.worst is State.VIOLATION)


@dataclass
class ComplianceReport:
    year: int
    as_of: date
    recipients: list[RecipientCompliance]

    @property
    def people(self) -> list[PersonCompliance]:
        return [p for r in self.recipients for p in r.people]


# ---------------------------------------------------------------------------
# Scoped fetching


def employees_for(user, *, write: bool = False):
    return Employee.objects.for_user(user, write=write).select_related("organisation")


def get_employee_for_user(user, pk, *, write: bool = False) -> Employee:
    return get_for_user(Employee.objects.select_related("organisation"), user, pk, write=write)


def get_period_for_user(user, pk, *, write: bool = False) -> EmploymentPeriod:
    return get_for_user(
        EmploymentPeriod.objects.select_related("employee", "organisation"), user, pk, write=write
    )


def training_offers_for(user):
    return TrainingOffer.objects.for_user(user).select_related("organisation")


def _with_facts(queryset):
    """Everything the rules read about a person, in one query per relation."""
    return queryset.select_related("organisation").prefetch_related(
        "equivalence_proofs",
        "supplementary_trainings",
        "background_checks",
        Prefetch(
            "employment_periods",
            queryset=EmploymentPeriod.objects.prefetch_related("interruptions"),
        ),
        Prefetch(
            "training_participations",
            queryset=TrainingParticipation.objects.select_related("offer"),
        ),
    )


def employee_with_facts(user, pk) -> Employee:
    return get_for_user(_with_facts(Employee.objects.all()), user, pk)


# ---------------------------------------------------------------------------
# Compliance


def compliance_report(user, *, year: int, as_of: date) -> ComplianceReport:
    """Every rule's status per person and per recipient for ``year`` (issue 4 item 7)."""
    span = year_range(year)
    employees = list(
        _with_facts(Employee.objects.for_user(user))
        .filter(
            Q(employment_periods__start__lte=span.end)
            & (Q(employment_periods__end__isnull=True) | Q(employment_periods__end__gte=span.start))
            | Q(employment_periods__isnull=True, hire_date__lte=span.end)
        )
        .distinct()
        .order_by("organisation__path", "last_name", "first_name", "id")
    )
    by_recipient: dict[int, list[Employee]] = defaultdict(list)
    for employee in employees:
        by_recipient[employee.organisation_id].append(employee)
    # Vacancies are the recipient's own interruptions, not a person's.
    vacancies: dict[int, list[employment.Interruption]] = defaultdict(list)
    for record in Interruption.objects.filter(
        organisation_id__in=by_recipient.keys(), period__isnull=True
    ):
        vacancies[record.organisation_id].append(facts.interruption_value(record))

    recipients = []
    for people in by_recipient.values():
        organisation = people[0].organisation
        periods = [facts.period_value(p) for e in people for p in e.employment_periods.all()]
        conflicts = employment.employment_conflicts(periods=periods)
        persons = [
            person_compliance(e, span=span, as_of=as_of, conflicts=conflicts) for e in people
        ]
        coverage, status = _coverage(periods, vacancies[organisation.pk], span=span, as_of=as_of)
        recipients.append(RecipientCompliance(organisation, coverage, status, persons))
    return ComplianceReport(year=year, as_of=as_of, recipients=recipients)


def person_compliance(
    employee: Employee, *, span: DateRange, as_of: date, conflicts: list[Finding]
) -> PersonCompliance:
    function = employee.function_enum
    applies = function in BW_FUNCTIONS
    assessment = facts.assess_qualification(employee)
    statuses: list[RuleStatus] = []

    # BW 4.1.1, 4.2: the level, derived.
    level_label = assessment.level.label if assessment.level else "keine Qualifikation erfasst"
    if not applies:
        statuses.append(RuleStatus(QUALIFICATION, State.NOT_APPLICABLE, level_label))
    else:
        own = tuple(f for f in assessment.findings if f.code != "equivalence_proof_missing")
        statuses.append(
            RuleStatus(QUALIFICATION, State.VIOLATION if own else State.OK, level_label, own)
        )
    # BW 4.1.1.4: foreign qualifications need an equivalence proof.
    proof_missing = tuple(f for f in assessment.findings if f.code == "equivalence_proof_missing")
    foreign = employee.degree_foreign or employee.school_foreign
    if proof_missing:
        statuses.append(RuleStatus(EQUIVALENCE, State.VIOLATION, "Nachweis fehlt", proof_missing))
    elif applies and foreign:
        statuses.append(RuleStatus(EQUIVALENCE, State.OK, "Nachweis liegt vor"))
    else:
        statuses.append(
            RuleStatus(EQUIVALENCE, State.NOT_APPLICABLE, "kein ausländischer Abschluss")
        )

    # BW 4.1.2: supplementary qualification, derived from the level.
    progress = supplementary.supplementary_progress(
        required=assessment.supplementary_required,
        started_work=employee.hire_date,
        trainings=facts.supplementary_trainings_of(employee),
        as_of=as_of,
    )
    confirmation = supplementary.supplementary_confirmation(
        required=assessment.supplementary_required,
        started_work=employee.hire_date,
        completed_on=progress.completed_on,
        grant_period=span,
    )
    statuses.append(_supplementary_status(progress, confirmation, as_of))

    # BW 4.1.3: one training offer per calendar year (integration managers).
    statuses.append(_training_status(employee, span=span, as_of=as_of))

    # BW 4.3: background check.
    check = background.background_check_status(
        function=function,
        started_work=employee.hire_date,
        checks=facts.background_checks_of(employee),
        as_of=as_of,
    )
    statuses.append(_background_status(check, employee.hire_date))

    # BW 5.5, 5.6: fundability and the coordinating office, for periods in the year.
    statuses.append(_employment_status(employee, span=span, conflicts=conflicts))
    return PersonCompliance(
        employee,
        level_label,
        statuses,
        progress=progress,
        level=int(assessment.level) if assessment.level else None,
        confirmation=confirmation,
    )


def _supplementary_status(
    progress: supplementary.SupplementaryProgress,
    confirmation: supplementary.SupplementaryConfirmation,
    as_of: date,
) -> RuleStatus:
    status = progress.status
    if status is supplementary.SupplementaryStatus.NOT_REQUIRED:
        return RuleStatus(SUPPLEMENTARY, State.NOT_APPLICABLE, status.label)
    if status in (
        supplementary.SupplementaryStatus.START_OVERDUE,
        supplementary.SupplementaryStatus.COMPLETION_OVERDUE,
    ):
        return RuleStatus(SUPPLEMENTARY, State.VIOLATION, status.label, progress.findings)
    summary = f"{status.label}; {confirmation.label}"
    if status is supplementary.SupplementaryStatus.DONE:
        return RuleStatus(SUPPLEMENTARY, State.OK, summary, progress.findings)
    deadline = progress.completion_deadline if progress.started_on else progress.start_deadline
    return RuleStatus(
        SUPPLEMENTARY,
        State.DUE,
        f"{summary}; Frist {format_date(deadline)}",
        progress.findings,
    )


def _training_status(employee: Employee, *, span: DateRange, as_of: date) -> RuleStatus:
    if employee.function_enum is not StaffFunction.INTEGRATION_MANAGER:
        return RuleStatus(TRAINING, State.NOT_APPLICABLE, "nur für Integrationsmanager:innen")
    years = training.annual_training_status(
        employment=facts.employment_spans_of(employee),
        offered_on=[p.offer.date for p in employee.training_participations.all()],
        as_of=as_of,
    )
    this_year = next((y for y in years if y.year == span.start.year), None)
    if this_year is None:
        return RuleStatus(TRAINING, State.NOT_APPLICABLE, "im Jahr nicht beschäftigt")
    if this_year.status is training.AnnualTrainingStatus.OK:
        return RuleStatus(TRAINING, State.OK, this_year.status.label)
    if this_year.status is training.AnnualTrainingStatus.DUE:
        return RuleStatus(
            TRAINING,
            State.DUE,
            f"{this_year.status.label} bis {format_date(this_year.due_by)}",
            due=this_year.due_by,
        )
    return RuleStatus(TRAINING, State.VIOLATION, this_year.status.label, (this_year.finding,))


def _background_status(check: background.BackgroundAssessment, hire_date: date) -> RuleStatus:
    status = check.status
    if status is background.BackgroundStatus.NOT_REQUIRED:
        return RuleStatus(BACKGROUND, State.NOT_APPLICABLE, status.label)
    if status is background.BackgroundStatus.CLEARED:
        return RuleStatus(
            BACKGROUND, State.OK, f"{status.label} ({format_date(check.latest.checked_on)})"
        )
    if status is background.BackgroundStatus.DUE:
        return RuleStatus(BACKGROUND, State.DUE, f"{status.label} bis {format_date(hire_date)}")
    return RuleStatus(BACKGROUND, State.VIOLATION, status.label, check.findings)


def _employment_status(
    employee: Employee, *, span: DateRange, conflicts: list[Finding]
) -> RuleStatus:
    periods = [
        p for p in employee.employment_periods.all() if DateRange(p.start, p.end).overlaps(span)
    ]
    if not periods:
        return RuleStatus(EMPLOYMENT, State.NOT_APPLICABLE, "keine Beschäftigung im Jahr erfasst")
    values = [facts.period_value(p) for p in periods]
    findings = tuple(f for v in values for f in employment.employment_fundability(period=v))
    if employee.function_enum is StaffFunction.COORDINATING_OFFICE:
        findings += tuple(f for f in conflicts if f.source == "BW 5.6")
    fte = max(v.fte for v in values)
    summary = f"{str(fte).rstrip('0').rstrip('.').replace('.', ',')} VZÄ"
    if findings:
        return RuleStatus(EMPLOYMENT, State.VIOLATION, f"{summary}; nicht förderfähig", findings)
    return RuleStatus(EMPLOYMENT, State.OK, summary)


def _coverage(
    periods: list[employment.EmploymentPeriod],
    vacancies: list[employment.Interruption],
    *,
    span: DateRange,
    as_of: date,
) -> tuple[employment.Coverage | None, RuleStatus]:
    """BW 3.4 for one recipient over the year.

    The window starts with the recipient's first integration-manager period if that
    is later than 1 January: before it, the recipient was not funded in Lotse's
    records. Gaps after ``as_of`` are shown as open (due), not as violations.
    """
    managers = [p for p in periods if p.function is StaffFunction.INTEGRATION_MANAGER]
    if not managers:
        return None, RuleStatus(COVERAGE, State.NOT_APPLICABLE, "keine Integrationsmanager:innen")
    first = min(p.start for p in managers)
    if first > span.end:
        return None, RuleStatus(COVERAGE, State.NOT_APPLICABLE, "im Jahr nicht beschäftigt")
    window = DateRange(max(span.start, first), span.end)
    coverage = employment.coverage_gaps(
        periods=periods, grant_period=window, recipient_interruptions=vacancies
    )
    if not coverage.gaps:
        summary = "lückenlos"
        if coverage.approved_days:
            summary += f"; {coverage.approved_days} Tage genehmigte Unterbrechung"
        return coverage, RuleStatus(COVERAGE, State.OK, summary)
    past = any(gap.start <= as_of for gap in coverage.gaps)
    summary = f"{coverage.gap_days} Tage Lücke"
    return coverage, RuleStatus(
        COVERAGE, State.VIOLATION if past else State.DUE, summary, coverage.findings
    )


def filter_people(
    report: ComplianceReport,
    *,
    recipient: int | None = None,
    function: str = "",
    rule: str = "",
    state: str = "",
    q: str = "",
) -> list[PersonCompliance]:
    """The compliance view's filters, applied to the computed report (no queries)."""
    people = []
    needle = q.strip().casefold()
    for entry in report.recipients:
        if recipient and entry.organisation.pk != recipient:
            continue
        for person in entry.people:
            if function and person.employee.function != function:
                continue
            if needle and needle not in str(person.employee).casefold():
                continue
            if state:
                if rule == COVERAGE.key:
                    actual = entry.status.state
                elif rule:
                    actual = person.status(rule).state
                else:
                    actual = person.worst
                if not _state_matches(actual, state):
                    continue
            people.append(person)
    return people


def _state_matches(actual: State, wanted: str) -> bool:
    if wanted == "open":
        return actual in (State.VIOLATION, State.DUE)
    return actual == wanted


# ---------------------------------------------------------------------------
# Timeline


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    kind: str  # employment, interruption, supplementary, training, check, proof, deadline
    text: str
    future: bool
    source: str = ""


def timeline_for(employee: Employee, *, as_of: date) -> list[TimelineEntry]:
    """Employment, trainings and deadlines of one person in date order (issue 4 item 7).

    ``employee`` comes from ``employee_with_facts``, so this runs no queries.
    """
    entries = [
        TimelineEntry(
            employee.hire_date, "employment", "Aufnahme der Tätigkeit", employee.hire_date > as_of
        )
    ]
    for period in employee.employment_periods.all():
        fte = str(period.fte).rstrip("0").rstrip(".").replace(".", ",")
        entries.append(
            TimelineEntry(
                period.start,
                "employment",
                f"Beginn Beschäftigung, Stelle {period.position}, {fte} VZÄ",
                period.start > as_of,
            )
        )
        if period.end:
            entries.append(
                TimelineEntry(
                    period.end,
                    "employment",
                    f"Ende Beschäftigung, Stelle {period.position}",
                    period.end > as_of,
                )
            )
        for interruption in period.interruptions.all():
            consent = (
                f"Zustimmung vom {format_date(interruption.consent_given_on)}, Az. {interruption.consent_reference}"
                if interruption.consent_given_on
                else "ohne Zustimmung der Bewilligungsstelle"
            )
            until = f" bis {format_date(interruption.end)}" if interruption.end else ""
            entries.append(
                TimelineEntry(
                    interruption.start,
                    "interruption",
                    f"Unterbrechung{until}: {interruption.reason} ({consent})",
                    interruption.start > as_of,
                    "BW 3.4",
                )
            )
    for record in employee.supplementary_trainings.all():
        entries.append(
            TimelineEntry(
                record.start,
                "supplementary",
                f"Nachqualifizierung: {record.title} ({record.provider}), Themen {', '.join(record.topics)}, bis {format_date(record.end)}",
                record.start > as_of,
                "BW 4.1.2.1",
            )
        )
    for participation in employee.training_participations.all():
        offer = participation.offer
        how = "teilgenommen" if participation.attended else "angeboten"
        entries.append(
            TimelineEntry(
                offer.date,
                "training",
                f"Fortbildung {how}: {offer.topic} ({offer.provider})",
                offer.date > as_of,
                "BW 4.1.3",
            )
        )
    for check in employee.background_checks.all():
        entries.append(
            TimelineEntry(
                check.checked_on,
                "check",
                f"Prüfung: {check.get_method_display()}, {check.get_outcome_display()}",
                check.checked_on > as_of,
                "BW 4.3",
            )
        )
    for proof in employee.equivalence_proofs.all():
        entries.append(
            TimelineEntry(
                proof.issued_on,
                "proof",
                f"Gleichwertigkeitsnachweis: {proof.get_kind_display()}",
                proof.issued_on > as_of,
                "BW 4.1.1.4",
            )
        )
    assessment = facts.assess_qualification(employee)
    if assessment.supplementary_required:
        start = supplementary.supplementary_start_deadline(started_work=employee.hire_date)
        end = supplementary.supplementary_completion_deadline(started_work=employee.hire_date)
        entries.append(
            TimelineEntry(
                start,
                "deadline",
                "Frist: Beginn der Nachqualifizierung",
                start > as_of,
                "BW 4.1.2.2",
            )
        )
        entries.append(
            TimelineEntry(
                end,
                "deadline",
                "Frist: Abschluss der Nachqualifizierung",
                end > as_of,
                "BW 4.1.2.2",
            )
        )
    return sorted(entries, key=lambda e: (e.day, e.kind))


# ---------------------------------------------------------------------------
# Worklist


@dataclass(frozen=True)
class WorkItem:
    kind: str
    overdue: bool
    title: str
    rule: Rule
    person: Employee | None
    organisation: Organisation
    text: str


WORK_TITLES = {
    ("supplementary_start", True): "Nachqualifizierung: Beginn überfällig",
    ("supplementary_start", False): "Nachqualifizierung: Beginn fällig",
    ("supplementary_completion", True): "Nachqualifizierung: Abschluss überfällig",
    ("supplementary_completion", False): "Nachqualifizierung: Abschluss fällig",
    ("training", True): "Jährliche Fortbildung fehlt",
    ("training", False): "Jährliche Fortbildung noch anzubieten",
    ("background", True): "Prüfung nach BW 4.3 fehlt",
    ("background", False): "Prüfung nach BW 4.3 vor Arbeitsbeginn",
    ("coverage", True): "Lücke in der Beschäftigung (BW 3.4)",
    ("coverage", False): "Drohende Lücke in der Beschäftigung (BW 3.4)",
}


def worklist(report: ComplianceReport) -> list[WorkItem]:
    """Due and overdue deadlines (issue 4 item 8); due means within the reminder window."""
    soon = report.as_of + timedelta(days=settings.LOTSE_STAFF_REMINDER_DAYS)
    items: list[WorkItem] = []

    def add(kind: str, overdue: bool, rule: Rule, person, organisation, text: str) -> None:
        items.append(
            WorkItem(kind, overdue, WORK_TITLES[(kind, overdue)], rule, person, organisation, text)
        )

    for entry in report.recipients:
        organisation = entry.organisation
        if entry.status.state is State.VIOLATION:
            add("coverage", True, COVERAGE, None, organisation, entry.status.summary)
        elif (
            entry.status.state is State.DUE
            and entry.coverage
            and any(gap.start <= soon for gap in entry.coverage.gaps)
        ):
            add("coverage", False, COVERAGE, None, organisation, entry.status.summary)
        for person in entry.people:
            progress = person.progress
            employee = person.employee
            if (
                progress is not None
                and progress.status is not supplementary.SupplementaryStatus.NOT_REQUIRED
            ):
                status = progress.status
                if status is supplementary.SupplementaryStatus.START_OVERDUE:
                    add(
                        "supplementary_start",
                        True,
                        SUPPLEMENTARY,
                        employee,
                        organisation,
                        f"Frist war der {format_date(progress.start_deadline)}",
                    )
                elif status is supplementary.SupplementaryStatus.COMPLETION_OVERDUE:
                    add(
                        "supplementary_completion",
                        True,
                        SUPPLEMENTARY,
                        employee,
                        organisation,
                        f"Frist war der {format_date(progress.completion_deadline)}",
                    )
                elif status is supplementary.SupplementaryStatus.ON_TRACK:
                    if progress.started_on is None and progress.start_deadline <= soon:
                        add(
                            "supplementary_start",
                            False,
                            SUPPLEMENTARY,
                            employee,
                            organisation,
                            f"Frist: {format_date(progress.start_deadline)}",
                        )
                    elif progress.started_on is not None and progress.completion_deadline <= soon:
                        add(
                            "supplementary_completion",
                            False,
                            SUPPLEMENTARY,
                            employee,
                            organisation,
                            f"Frist: {format_date(progress.completion_deadline)}",
                        )
            training_status = person.status(TRAINING.key)
            if training_status.state is State.VIOLATION:
                add("training", True, TRAINING, employee, organisation, f"Jahr {report.year}")
            elif training_status.state is State.DUE and training_status.due <= soon:
                add("training", False, TRAINING, employee, organisation, training_status.summary)
            check = person.status(BACKGROUND.key)
            if check.state is State.VIOLATION:
                add("background", True, BACKGROUND, employee, organisation, check.summary)
            elif check.state is State.DUE and employee.hire_date <= soon:
                add("background", False, BACKGROUND, employee, organisation, check.summary)
    return items

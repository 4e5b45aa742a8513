"""Model instances → the plain values ``lotse.staff.rules`` works on.

No queries here: callers prefetch what these functions read, so the compliance
view stays at a constant number of queries however many people it shows.
"""

from lotse.staff import models
from lotse.staff.rules import background, employment, qualification, supplementary
from lotse.staff.rules.common import DateRange, StaffFunction


def _proof(employee: models.Employee, which: str) -> qualification.EquivalenceProof | None:
    proofs = [p for p in employee.equivalence_proofs.all() if p.qualification == which]
    if not proofs:
        return None
    latest = max(proofs, key=lambda p: (p.issued_on, p.pk or 0))
    return qualification.EquivalenceProof(
        kind=qualification.EquivalenceProofKind(latest.kind), issued_on=latest.issued_on
    )


def degrees_of(employee: models.Employee) -> tuple[qualification.Degree, ...]:
    if not employee.degree_field:
        return ()
    return (
        qualification.Degree(
            field=qualification.FieldOfStudy(employee.degree_field),
            foreign=employee.degree_foreign,
            equivalence_proof=_proof(employee, models.EquivalenceProof.DEGREE)
            if employee.degree_foreign
            else None,
        ),
    )


def school_certificate_of(employee: models.Employee) -> qualification.SchoolCertificate | None:
    if employee.school_level is None:
        return None
    return qualification.SchoolCertificate(
        level=qualification.SchoolLevel(employee.school_level),
        foreign=employee.school_foreign,
        equivalence_proof=_proof(employee, models.EquivalenceProof.SCHOOL)
        if employee.school_foreign
        else None,
    )


def assess_qualification(employee: models.Employee) -> qualification.QualificationAssessment:
    """BW 4.1.1, 4.2: the level from the facts on file, never typed in."""
    return qualification.qualification_assess(
        function=employee.function_enum,
        degrees=degrees_of(employee),
        school_certificate=school_certificate_of(employee),
        relevant_experience_documented=employee.relevant_experience_documented,
        category_2017=qualification.Category2017(employee.category_2017)
        if employee.category_2017
        else None,
    )


def supplementary_trainings_of(
    employee: models.Employee,
) -> list[supplementary.SupplementaryTraining]:
    return [supplementary_training_value(t) for t in employee.supplementary_trainings.all()]


def supplementary_training_value(
    training: models.SupplementaryTraining,
) -> supplementary.SupplementaryTraining:
    return supplementary.SupplementaryTraining(
        start=training.start, end=training.end, days=training.days, topics=training.topic_set
    )


def background_checks_of(employee: models.Employee) -> list[background.BackgroundCheck]:
    return [
        background.BackgroundCheck(
            checked_on=c.checked_on, outcome=background.CheckOutcome(c.outcome)
        )
        for c in employee.background_checks.all()
    ]


def interruption_value(interruption: models.Interruption) -> employment.Interruption:
    consent = None
    if interruption.consent_given_on is not None:
        consent = employment.Consent(
            given_on=interruption.consent_given_on, reference=interruption.consent_reference
        )
    return employment.Interruption(
        start=interruption.start, end=interruption.end, reason=interruption.reason, consent=consent
    )


def period_value(
    period: models.EmploymentPeriod,
    *,
    function: StaffFunction | None = None,
    interruptions: tuple[employment.Interruption, ...] | None = None,
) -> employment.EmploymentPeriod:
    """``function`` and ``interruptions`` override what is stored (for a change not yet saved)."""
    if interruptions is None:
        interruptions = tuple(interruption_value(i) for i in period.interruptions.all())
    return employment.EmploymentPeriod(
        person=period.employee_id,
        position=period.position.strip().casefold(),
        recipient=period.organisation_id,
        function=function or StaffFunction(period.employee.function),
        start=period.start,
        end=period.end,
        fte=period.fte,
        funded_fte=period.funded_fte,
        mini_job=period.mini_job,
        interruptions=interruptions,
    )


def employment_spans_of(employee: models.Employee) -> list[DateRange]:
    return [DateRange(p.start, p.end) for p in employee.employment_periods.all()]

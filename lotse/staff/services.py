"""Writes for staff, qualification, trainings and employment (issue 4).

Every change is checked by ``lotse.staff.rules`` first and saved in one
transaction, or refused whole with ``StaffRuleViolation`` (German messages that
name the rule). Staff records are personal data: every write is logged, ids only.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from lotse.organisations.models import Organisation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object
from lotse.staff import facts
from lotse.staff.models import (
    BackgroundCheck,
    Employee,
    EmploymentPeriod,
    EquivalenceProof,
    Interruption,
    SupplementaryTraining,
    TrainingOffer,
    TrainingParticipation,
)
from lotse.staff.rules import employment, supplementary, training
from lotse.staff.rules.common import Finding, StaffFunction, ensure_no_errors
from lotse.staff.rules.qualification import FieldOfStudy
from lotse.staff.rules.supplementary import SupplementaryTopic

EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "function",
    "hire_date",
    "user",
    "degree_field",
    "degree_field_name",
    "degree_foreign",
    "school_level",
    "school_foreign",
    "relevant_experience_documented",
    "experience_note",
    "category_2017",
)


def _lock(organisation: Organisation) -> None:
    """Serialise writes per employer, so two overlapping periods cannot both pass the check."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


def _employee_errors(fields: dict) -> list[Finding]:
    errors: list[Finding] = []
    if (
        not str(fields.get("first_name", "")).strip()
        or not str(fields.get("last_name", "")).strip()
    ):
        errors.append(
            Finding(
                code="name_missing", message="Bitte Vor- und Nachnamen angeben.", field="last_name"
            )
        )
    if (
        fields.get("degree_field") == FieldOfStudy.OTHER_SOCIAL_FIELD
        and not str(fields.get("degree_field_name", "")).strip()
    ):
        # BW 4.1.1.1 lists the social fields "insbesondere": another field may count,
        # but then its name must be on file so the authority can follow the choice.
        errors.append(
            Finding(
                code="degree_field_name_missing",
                source="BW 4.1.1.1",
                message=(
                    "Bitte das Studienfach benennen, das dem Sozialwesen zugeordnet wird "
                    "(BW 4.1.1.1 Satz 3: „insbesondere“)."
                ),
                field="degree_field_name",
            )
        )
    if (fields.get("degree_foreign") and not fields.get("degree_field")) or (
        fields.get("school_foreign") and fields.get("school_level") is None
    ):
        errors.append(
            Finding(
                code="foreign_without_qualification",
                message="„Im Ausland erworben“ setzt voraus, dass der Abschluss angegeben ist.",
                field="degree_foreign" if fields.get("degree_foreign") else "school_foreign",
            )
        )
    return errors


@transaction.atomic
def employee_create(*, organisation: Organisation, by, **fields) -> Employee:
    ensure_no_errors(_employee_errors(fields))
    employee = Employee(
        organisation=organisation, **{k: fields[k] for k in EMPLOYEE_FIELDS if k in fields}
    )
    employee.save()
    audit_object(actor=by, action=AuditAction.CREATE, obj=employee)
    return employee


@transaction.atomic
def employee_update(*, employee: Employee, by, **fields) -> Employee:
    merged = {k: getattr(employee, k) for k in EMPLOYEE_FIELDS} | fields
    ensure_no_errors(_employee_errors(merged))
    if "function" in fields and fields["function"] != employee.function:
        # The function decides which rules apply to the stored periods (BW 5.6).
        _lock(employee.organisation)
        for period in employee.employment_periods.all():
            _check_period(period, function=StaffFunction(fields["function"]), exclude_pk=period.pk)
    for name in EMPLOYEE_FIELDS:
        if name in fields:
            setattr(employee, name, fields[name])
    employee.save()
    audit_object(actor=by, action=AuditAction.UPDATE, obj=employee)
    return employee


@transaction.atomic
def equivalence_proof_add(
    *,
    employee: Employee,
    by,
    kind: str,
    issued_on: date,
    qualification: str = EquivalenceProof.DEGREE,
    document: UploadedFile | None = None,
) -> EquivalenceProof:
    """BW 4.1.1.4: Gleichwertigkeitsprüfung, Zeugnisbewertung or the right to the title."""
    foreign = (
        employee.degree_foreign
        if qualification == EquivalenceProof.DEGREE
        else employee.school_foreign
    )
    if not foreign:
        ensure_no_errors(
            [
                Finding(
                    code="equivalence_proof_not_needed",
                    source="BW 4.1.1.4",
                    message=(
                        "Ein Gleichwertigkeitsnachweis gehört zu einem im Ausland erworbenen "
                        "Abschluss (BW 4.1.1.4); bitte zuerst den Abschluss als ausländisch erfassen."
                    ),
                    field="qualification",
                )
            ]
        )
    proof = EquivalenceProof(
        organisation_id=employee.organisation_id,
        employee=employee,
        qualification=qualification,
        kind=kind,
        issued_on=issued_on,
    )
    if document is not None:
        proof.document = document
    proof.save()
    audit_object(actor=by, action=AuditAction.CREATE, obj=proof)
    return proof


def _topics(letters: Sequence[str]) -> str:
    return "".join(sorted({SupplementaryTopic(letter).value for letter in letters}))


@transaction.atomic
def supplementary_training_add(
    *,
    employee: Employee,
    by,
    title: str,
    provider: str,
    start: date,
    end: date,
    days: Decimal,
    topics: Sequence[str],
    document: UploadedFile | None = None,
) -> SupplementaryTraining:
    """One training towards the supplementary qualification (BW 4.1.2.1)."""
    record = SupplementaryTraining(
        organisation_id=employee.organisation_id,
        employee=employee,
        title=title.strip(),
        provider=provider.strip(),
        start=start,
        end=end,
        days=days,
        topics=_topics(topics),
    )
    ensure_no_errors(
        supplementary.supplementary_training_errors(
            training=facts.supplementary_training_value(record)
        )
    )
    if document is not None:
        record.document = document
    record.save()
    audit_object(actor=by, action=AuditAction.CREATE, obj=record)
    return record


@transaction.atomic
def training_offer_create(
    *,
    organisation: Organisation,
    by,
    topic: str,
    date: date,
    provider: str,
    offered_to: Sequence[Employee] = (),
    attended: Sequence[Employee] = (),
) -> TrainingOffer:
    """A training offered to integration managers (BW 4.1.3).

    An offer counts only within the person's employment; outside it is refused.
    """
    errors: list[Finding] = []
    if not topic.strip():
        errors.append(
            Finding(code="topic_missing", message="Bitte das Thema angeben.", field="topic")
        )
    people = {e.pk: e for e in [*offered_to, *attended]}
    for employee in people.values():
        for finding in training.training_offer_errors(
            offered_on=date, employment=facts.employment_spans_of(employee)
        ):
            errors.append(
                Finding(
                    code=finding.code,
                    source=finding.source,
                    message=f"{employee}: {finding.message}",
                    field="offered_to",
                )
            )
    ensure_no_errors(errors)
    offer = TrainingOffer.objects.create(
        organisation=organisation, topic=topic.strip(), date=date, provider=provider.strip()
    )
    attended_ids = {e.pk for e in attended}
    TrainingParticipation.objects.bulk_create(
        TrainingParticipation(
            organisation_id=employee.organisation_id,
            offer=offer,
            employee=employee,
            attended=employee.pk in attended_ids,
        )
        for employee in people.values()
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=offer)
    return offer


@transaction.atomic
def background_check_record(
    *, employee: Employee, by, checked_on: date, method: str, outcome: str, checked_by: str
) -> BackgroundCheck:
    """That, when and how the check of BW 4.3 was done, and by whom."""
    if not checked_by.strip():
        ensure_no_errors(
            [
                Finding(
                    code="checked_by_missing",
                    source="BW 4.3",
                    message="Bitte angeben, wer die Prüfung nach BW 4.3 durchgeführt hat.",
                    field="checked_by",
                )
            ]
        )
    check = BackgroundCheck.objects.create(
        organisation_id=employee.organisation_id,
        employee=employee,
        checked_on=checked_on,
        method=method,
        outcome=outcome,
        checked_by=checked_by.strip(),
        recorded_by=by if getattr(by, "pk", None) else None,
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=check)
    return check


def _others(period: EmploymentPeriod, exclude_pk: int | None) -> list[employment.EmploymentPeriod]:
    """The recipient's and the person's other periods, as the rules see them."""
    from django.db.models import Q

    queryset = (
        EmploymentPeriod.objects.filter(
            Q(organisation_id=period.organisation_id) | Q(employee_id=period.employee_id)
        )
        .select_related("employee")
        .prefetch_related("interruptions")
    )
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return [facts.period_value(p) for p in queryset]


def _check_period(
    period: EmploymentPeriod,
    *,
    exclude_pk: int | None,
    function: StaffFunction | None = None,
    interruptions: tuple[employment.Interruption, ...] | None = None,
    person_given: bool = True,
) -> None:
    value = facts.period_value(period, function=function, interruptions=interruptions)
    if not person_given:
        value = employment.EmploymentPeriod(**{**value.__dict__, "person": None})
    ensure_no_errors(
        employment.employment_period_errors(period=value, others=_others(period, exclude_pk))
    )


@transaction.atomic
def employment_period_create(
    *,
    employee: Employee | None,
    by,
    position: str,
    start: date,
    end: date | None,
    fte: Decimal,
    funded_fte: Decimal | None = None,
    mini_job: bool = False,
) -> EmploymentPeriod:
    """BW 3.4, 5.5, 5.6: refused if malformed, overlapping or splitting the coordinating office.

    A period without a person is refused too: it would claim coverage nobody gives.
    """
    if employee is None:
        # Check the shape anyway, so every problem is named at once.
        probe = employment.EmploymentPeriod(
            person=None,
            position=position,
            recipient=0,
            function=StaffFunction.INTEGRATION_MANAGER,
            start=start,
            end=end,
            fte=fte,
            funded_fte=fte if funded_fte is None else funded_fte,
            mini_job=mini_job,
        )
        ensure_no_errors(employment.employment_period_errors(period=probe))
    _lock(employee.organisation)
    period = EmploymentPeriod(
        organisation_id=employee.organisation_id,
        employee=employee,
        position=position.strip(),
        start=start,
        end=end,
        fte=fte,
        funded_fte=fte if funded_fte is None else funded_fte,
        mini_job=mini_job,
    )
    _check_period(period, exclude_pk=None, interruptions=())
    period.save()
    audit_object(actor=by, action=AuditAction.CREATE, obj=period)
    return period


@transaction.atomic
def employment_period_update(*, period: EmploymentPeriod, by, **fields) -> EmploymentPeriod:
    """Change dates, FTE or funding of a stored period, e.g. set the end when someone leaves."""
    _lock(period.employee.organisation)
    allowed = {"position", "start", "end", "fte", "funded_fte", "mini_job"}
    if "funded_fte" in fields and fields["funded_fte"] is None:
        fields["funded_fte"] = fields.get("fte", period.fte)  # blank: the whole post is funded
    for name, value in fields.items():
        if name in allowed:
            setattr(period, name, value.strip() if name == "position" else value)
    _check_period(period, exclude_pk=period.pk)
    period.save()
    audit_object(actor=by, action=AuditAction.UPDATE, obj=period)
    return period


@transaction.atomic
def interruption_add(
    *,
    period: EmploymentPeriod | None,
    organisation: Organisation | None = None,
    by,
    start: date,
    end: date | None,
    reason: str,
    consent_given_on: date | None = None,
    consent_reference: str = "",
) -> Interruption:
    """An interruption with reason and, once given, the authority's consent (BW 3.4).

    With ``period``: leave or illness of that person; without: a vacancy of the
    recipient ``organisation``.
    """
    record = Interruption(
        organisation_id=period.organisation_id if period else organisation.pk,
        period=period,
        start=start,
        end=end,
        reason=reason.strip(),
        consent_given_on=consent_given_on,
        consent_reference=consent_reference.strip(),
    )
    value = facts.interruption_value(record)
    errors: list[Finding] = []
    if consent_reference.strip() and consent_given_on is None:
        errors.append(
            Finding(
                code="consent_date_missing",
                source="BW 3.4",
                message="Bitte das Datum der Zustimmung der Bewilligungsstelle angeben (BW 3.4).",
                field="consent_given_on",
            )
        )
    if period is not None:
        _lock(period.employee.organisation)
        stored = tuple(facts.interruption_value(i) for i in period.interruptions.all())
        value_period = facts.period_value(period, interruptions=(*stored, value))
        errors += employment.employment_period_errors(period=value_period)
    else:
        host = employment.EmploymentPeriod(
            person=0,
            position="",
            recipient=organisation.pk,
            function=StaffFunction.INTEGRATION_MANAGER,
            start=date.min,
            end=None,
            fte=Decimal(1),
            funded_fte=Decimal(1),
            interruptions=(value,),
        )
        errors += employment.employment_period_errors(period=host)
    ensure_no_errors(errors)
    record.save()
    audit_object(actor=by, action=AuditAction.CREATE, obj=record)
    return record

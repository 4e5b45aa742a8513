"""Writes for proofs of use (issue 5 item 6). No HTTP here; views, demo and API call these.

Every write is atomic: an import with one bad line saves nothing, a submit
freezes the whole proof and marks the matching deadline in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max

from lotse.core import clock
from lotse.deadlines.services import deadline_mark_done
from lotse.funding.models import (
    ContractAllocation,
    FundedPosition,
    GrantDecision,
    ProgrammeDeadline,
    VersionStatus,
)
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_fte
from lotse.organisations.models import Organisation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object
from lotse.proofs import selectors
from lotse.proofs.models import CostLine, CostSource, ProofKind, ProofOfUse, ProofStatus, Receipt
from lotse.proofs.rules.periods import proof_period
from lotse.proofs.rules.tables import PayrollLine, ReceiptLine

# The staff rules a proof of use confirms (BW 4.1.1.4, 4.1.2.2, 4.1.3, 8.2; KIM §7(2)).
CONFIRMED_RULES = ("employment", "qualification", "equivalence", "supplementary", "training")


class NeedsConfirmation(Exception):
    """An import would replace lines already there; the user must confirm first."""

    def __init__(self, existing: int):
        super().__init__(existing)
        self.existing = existing


def _check_draft(proof: ProofOfUse) -> None:
    if proof.status != ProofStatus.DRAFT:
        raise RuleViolation(
            "Ein eingereichter Nachweis wird nicht mehr geändert; bitte eine Berichtigung anlegen."
        )


# --- Creating and pre-filling -------------------------------------------------------------


@transaction.atomic
def proof_create(
    *,
    decision: GrantDecision,
    organisation: Organisation,
    kind: str,
    year: int,
    quarter: int | None,
    by,
    today: date | None = None,
) -> ProofOfUse:
    """A draft proof for the period the programme asks for, pre-filled from the data."""
    today = today or clock.today()
    if decision.programme_id is None:
        raise RuleViolation("Der Bescheid nennt noch kein Förderprogramm (Lücke im Entwurf).")
    period = proof_period(
        slug=decision.programme.slug,
        kind=kind,
        year=year,
        quarter=quarter if kind == ProofKind.QUARTERLY else None,
    )
    if (
        decision.period_start
        and decision.period_end
        and (period.end < decision.period_start or period.start > decision.period_end)
    ):
        raise RuleViolation(
            "Der Zeitraum liegt außerhalb des Bewilligungszeitraums des Bescheids "
            f"({format_date(decision.period_start)}–{format_date(decision.period_end)})."
        )
    existing = ProofOfUse.objects.filter(
        organisation=organisation, decision=decision, kind=kind, period_start=period.start
    )
    if existing.exists():
        raise RuleViolation(
            "Für diesen Zeitraum gibt es schon einen Nachweis; bitte diesen öffnen."
        )
    proof = ProofOfUse.objects.create(
        organisation=organisation,
        decision=decision,
        kind=kind,
        year=year,
        quarter=period.quarter,
        period_start=period.start,
        period_end=period.end,
        due=period.due,
        citation=period.citation,
        created_by=by,
    )
    proof_prefill(proof=proof, by=by, today=today, narrative=True)
    audit_object(
        actor=by, action=AuditAction.CREATE, obj=proof, purpose="Verwendungsnachweis angelegt"
    )
    return proof


def figures_unit(proof: ProofOfUse, units: list[Organisation]) -> Organisation | None:
    """Whose case figures the narrative reports: the sub-region the money is for, if the
    rendering organisation receives it for one (KIM §4(1): "Nordkreis via Lünen"), else
    the organisation itself (for the county: its whole area)."""
    by_id = {unit.pk: unit for unit in units}
    if proof.organisation_id != proof.decision.organisation_id:
        regions = set(
            ContractAllocation.objects.filter(
                organisation_id=proof.organisation_id,
                programme_id=proof.decision.programme_id,
                version__status=VersionStatus.IN_FORCE,
                version__contract__decisions=proof.decision_id,
                region__isnull=False,
            ).values_list("region_id", flat=True)
        )
        if len(regions) == 1 and next(iter(regions)) in by_id:
            return by_id[next(iter(regions))]
    return by_id.get(proof.organisation_id)


def case_figures(*, proof: ProofOfUse, by) -> list[dict]:
    """The indicators for the proof's area and period, always suppressed.

    The proof leaves the municipality (BW 6.1, 8.2), so small counts are shown
    as "<5" whoever prepares it (SPEC §5).
    """
    from lotse.indicators.selectors import report_for, units_for

    units = units_for(by, on=proof.period_end)
    unit = figures_unit(proof, units)
    if unit is None:
        return []
    try:
        report = report_for(
            by,
            unit,
            proof.year,
            units=units,
            reference=proof.period_end,
            force_suppression=True,
        )
    except RuleViolation:
        return []
    figures = []
    for figure in report.figures:
        data = figure.as_json()
        if data.get("values"):
            value = "; ".join(f"{v['label']}: {v['display']}" for v in data["values"])
        elif data.get("total"):
            value = data["total"]["display"]
        else:
            value = "; ".join(
                f"{row['label']}: {cell['display']}"
                for row, cell in zip(data.get("rows", []), data.get("cells", []), strict=False)
                if isinstance(cell, dict)
            )
        figures.append(
            {
                "group": data["group"],
                "name": data["name"],
                "value": value,
                "source": data["source"],
                "unit": unit.name,
            }
        )
    return figures


def staff_confirmations(*, proof: ProofOfUse, by, today: date) -> list[dict]:
    """Per person holding a position of the proof: the confirmations with their sources.

    Employment evidence (BW 8.2, KIM §7(2)), qualification and equivalence
    (BW 4.1.1, 4.1.1.4), supplementary qualification (BW 4.1.2.2) and the
    training offered in the year (BW 4.1.3), as the staff module finds them.
    """
    from lotse.staff.selectors import compliance_report

    positions = selectors.proof_positions(proof)
    wanted = {p.employment_period.employee_id: p for p in positions}
    if not wanted:
        return []
    as_of = min(today, proof.period_end)
    report = compliance_report(by, year=proof.year, as_of=as_of)
    people = []
    for person in report.people:
        employee = person.employee
        if employee.pk not in wanted:
            continue
        rows = []
        for key in CONFIRMED_RULES:
            status = person.status(key)
            evidence = ""
            if key == "employment":
                evidence = "; ".join(
                    f"{p.position}: {format_date(p.start)}–"
                    f"{format_date(p.end) if p.end else 'offen'}, {format_fte(p.funded_fte)} VZÄ gefördert"
                    for p in employee.employment_periods.all()
                    if p.start <= proof.period_end
                    and (p.end is None or p.end >= proof.period_start)
                )
            elif key == "training":
                evidence = "; ".join(
                    f"{format_date(t.offer.date)} {t.offer.topic} ({t.offer.provider})"
                    for t in employee.training_participations.all()
                    if t.offer.date.year == proof.year
                )
            elif key == "equivalence":
                evidence = "; ".join(
                    f"{e.get_kind_display()} vom {format_date(e.issued_on)}"
                    for e in employee.equivalence_proofs.all()
                )
            elif key == "supplementary":
                evidence = "; ".join(
                    f"{t.title} ({t.provider}, {format_date(t.start)}–{format_date(t.end)})"
                    for t in employee.supplementary_trainings.all()
                )
            rows.append(
                {
                    "rule": status.rule.title,
                    "source": status.rule.source,
                    "state": status.state.value,
                    "state_label": status.state.label,
                    "summary": status.summary,
                    "findings": [f.message for f in status.findings],
                    "evidence": evidence,
                }
            )
        people.append(
            {
                "name": f"{employee.first_name} {employee.last_name}",
                "organisation": employee.organisation.name,
                "function": str(employee.function_enum.label),
                "level": person.level_label,
                "rules": rows,
            }
        )
    return people


def _narrative(proof: ProofOfUse, figures: list[dict]) -> str:
    lines = [
        f"Sachbericht zum {proof} – {proof.organisation.name}",
        f"Zeitraum: {format_date(proof.period_start)} bis {format_date(proof.period_end)}",
        "",
        (
            f"Kennzahlen aus der Fallarbeit, {figures[0]['unit']} "
            if figures
            else "Kennzahlen aus der Fallarbeit "
        )
        + "(aggregiert; kleine Fallzahlen sind als „<5“ unterdrückt, SPEC §5):",
    ]
    lines += [f"- {f['name']}: {f['value']}" for f in figures] or [
        "- Für diesen Zeitraum liegen keine Kennzahlen vor."
    ]
    lines += [
        "",
        "Geleistete Arbeit und Erfolgskriterien (BW 8.2; KIM § 8):",
        "",
    ]
    return "\n".join(lines)


@transaction.atomic
def proof_prefill(*, proof: ProofOfUse, by, today: date | None = None, narrative: bool = False):
    """(Re)compute the case figures and the staff confirmations of a draft."""
    _check_draft(proof)
    today = today or clock.today()
    proof.figures = case_figures(proof=proof, by=by)
    proof.confirmations = staff_confirmations(proof=proof, by=by, today=today)
    fields = ["figures", "confirmations"]
    if narrative:
        proof.narrative = _narrative(proof, proof.figures)
        fields.append("narrative")
    proof.save(update_fields=fields)
    return proof


@transaction.atomic
def narrative_update(*, proof: ProofOfUse, text: str, by) -> ProofOfUse:
    _check_draft(proof)
    proof.narrative = text
    proof.save(update_fields=["narrative"])
    audit_object(actor=by, action=AuditAction.UPDATE, obj=proof, purpose="Sachbericht geändert")
    return proof


# --- Costs and receipts ------------------------------------------------------------------


def _position_of(proof: ProofOfUse, position_id) -> FundedPosition:
    for position in selectors.proof_positions(proof):
        if str(position.pk) == str(position_id):
            return position
    raise RuleViolation("Diese Stelle gehört nicht zu diesem Nachweis.")


@transaction.atomic
def cost_line_add(*, proof: ProofOfUse, position_id, month: date, amount: Decimal, by) -> CostLine:
    _check_draft(proof)
    position = _position_of(proof, position_id)
    month = date(month.year, month.month, 1)
    if not proof.period_start <= month <= proof.period_end:
        raise RuleViolation("Der Monat liegt außerhalb des Nachweiszeitraums.")
    line = CostLine.objects.create(
        organisation=proof.organisation,
        proof=proof,
        position=position,
        month=month,
        amount=amount,
        source=CostSource.ENTERED,
    )
    audit_object(actor=by, action=AuditAction.UPDATE, obj=proof, purpose="Personalausgaben erfasst")
    return line


@transaction.atomic
def personnel_numbers_save(*, proof: ProofOfUse, numbers: dict[int, str], by) -> None:
    """Set (or clear, when empty) the personnel number of the proof's positions."""
    from lotse.proofs.models import PersonnelNumber
    from lotse.proofs.rules.tables import personnel_number_key

    _check_draft(proof)
    positions = {p.pk: p for p in selectors.proof_positions(proof)}
    seen: dict[str, int] = {}
    for position_id, number in numbers.items():
        key = personnel_number_key(number)
        if key and key in seen:
            raise RuleViolation(
                f"Die Personalnummer „{number}“ ist zwei Stellen zugeordnet; "
                "jede Personalnummer gehört zu einer Stelle."
            )
        if key:
            seen[key] = position_id
    for position_id, number in numbers.items():
        position = positions.get(position_id)
        if position is None:
            raise RuleViolation("Diese Stelle gehört nicht zu diesem Nachweis.")
        if number.strip():
            PersonnelNumber.objects.update_or_create(
                position=position,
                defaults={"organisation": position.organisation, "number": number.strip()},
            )
        else:
            PersonnelNumber.objects.filter(position=position).delete()
    audit_object(actor=by, action=AuditAction.UPDATE, obj=proof, purpose="Personalnummern erfasst")


@dataclass(frozen=True)
class ImportResult:
    created: int
    replaced: int


@transaction.atomic
def payroll_import(
    *, proof: ProofOfUse, lines: list[PayrollLine], replace: bool, by
) -> ImportResult:
    """Save a checked payroll file. Lines already there for the months the file covers are
    replaced, but only when ``replace`` confirms it (otherwise ``NeedsConfirmation``)."""
    _check_draft(proof)
    proof = ProofOfUse.objects.select_for_update().get(pk=proof.pk)
    _check_draft(proof)
    months = {line.month for line in lines}
    existing = CostLine.objects.filter(proof=proof, month__in=months)
    count = existing.count()
    if count and not replace:
        raise NeedsConfirmation(count)
    valid = {str(p.pk) for p in selectors.proof_positions(proof)}
    if any(line.position_key not in valid for line in lines):
        raise RuleViolation(
            "Die Stellen des Nachweises haben sich geändert; bitte erneut hochladen."
        )
    existing.delete()
    CostLine.objects.bulk_create(
        [
            CostLine(
                organisation=proof.organisation,
                proof=proof,
                position_id=int(line.position_key),
                month=line.month,
                amount=line.amount,
                source=CostSource.IMPORTED,
                source_line=line.line,
            )
            for line in lines
        ]
    )
    audit_object(
        actor=by,
        action=AuditAction.UPDATE,
        obj=proof,
        purpose=f"Lohnabrechnung importiert ({len(lines)} Zeilen, {count} ersetzt)",
    )
    return ImportResult(len(lines), count)


@transaction.atomic
def receipt_add(
    *, proof: ProofOfUse, day: date, payee: str, reason: str, amount: Decimal, by
) -> Receipt:
    _check_draft(proof)
    if not proof.period_start <= day <= proof.period_end:
        raise RuleViolation("Das Datum liegt außerhalb des Nachweiszeitraums.")
    receipt = Receipt.objects.create(
        organisation=proof.organisation,
        proof=proof,
        day=day,
        payee=payee,
        reason=reason,
        amount=amount,
        source=CostSource.ENTERED,
    )
    audit_object(actor=by, action=AuditAction.UPDATE, obj=proof, purpose="Beleg erfasst")
    return receipt


@transaction.atomic
def receipts_import(
    *, proof: ProofOfUse, lines: list[ReceiptLine], replace: bool, by
) -> ImportResult:
    """Save a checked list of receipts; receipts already there between the file's first and
    last date are replaced after confirmation."""
    _check_draft(proof)
    proof = ProofOfUse.objects.select_for_update().get(pk=proof.pk)
    first, last = min(r.day for r in lines), max(r.day for r in lines)
    existing = Receipt.objects.filter(proof=proof, day__gte=first, day__lte=last)
    count = existing.count()
    if count and not replace:
        raise NeedsConfirmation(count)
    existing.delete()
    Receipt.objects.bulk_create(
        [
            Receipt(
                organisation=proof.organisation,
                proof=proof,
                day=r.day,
                payee=r.payee,
                reason=r.reason,
                amount=r.amount,
                source=CostSource.IMPORTED,
            )
            for r in lines
        ]
    )
    audit_object(
        actor=by,
        action=AuditAction.UPDATE,
        obj=proof,
        purpose=f"Belegliste importiert ({len(lines)} Zeilen, {count} ersetzt)",
    )
    return ImportResult(len(lines), count)


@transaction.atomic
def line_delete(*, proof: ProofOfUse, kind: str, pk, by) -> None:
    _check_draft(proof)
    model = CostLine if kind == "kosten" else Receipt
    deleted, _rows = model.objects.filter(proof=proof, pk=pk).delete()
    if not deleted:
        raise RuleViolation("Diese Zeile gibt es nicht (mehr).")
    audit_object(actor=by, action=AuditAction.UPDATE, obj=proof, purpose="Zeile gelöscht")


@transaction.atomic
def costs_adopt(*, proof: ProofOfUse, by) -> ImportResult:
    """The holder's proof takes the actual costs from its sub-recipients' submitted proofs.

    Lines of the positions those proofs cover are replaced; the county does
    not type again what the towns have proven (KIM §8 proof to the authority).
    """
    _check_draft(proof)
    proof = ProofOfUse.objects.select_for_update().get(pk=proof.pk)
    sources = selectors.sub_recipient_proofs(proof)
    if not sources:
        raise RuleViolation(
            "Es liegen noch keine eingereichten Nachweise der Weiterleitungsempfänger vor."
        )
    valid = {p.pk for p in selectors.proof_positions(proof)}
    lines = [
        line
        for line in CostLine.objects.filter(proof__in=sources).order_by("proof_id", "month", "id")
        if line.position_id in valid
    ]
    positions = {line.position_id for line in lines}
    replaced, _rows = CostLine.objects.filter(proof=proof, position_id__in=positions).delete()
    CostLine.objects.bulk_create(
        [
            CostLine(
                organisation=proof.organisation,
                proof=proof,
                position_id=line.position_id,
                month=line.month,
                amount=line.amount,
                source=CostSource.ADOPTED,
            )
            for line in lines
        ]
    )
    audit_object(
        actor=by,
        action=AuditAction.UPDATE,
        obj=proof,
        purpose=f"Ist-Ausgaben aus {len(sources)} Nachweisen übernommen",
    )
    return ImportResult(len(lines), replaced)


# --- Submitting, correcting, checking ----------------------------------------------------


def _matching_deadline_keys(proof: ProofOfUse, *, today: date) -> list[str]:
    """Open deadlines of the organisation for this proof: the programme's proof-of-use rows
    anchored on the proof's period end (year end for annual and interim proofs, quarter end
    for quarterly ones)."""
    from lotse.deadlines.selectors import deadlines_for

    anchor = "quarter_end" if proof.kind == ProofKind.QUARTERLY else "year_end"
    rows = set(
        ProgrammeDeadline.objects.filter(
            programme_id=proof.decision.programme_id, anchor=anchor, name__icontains="nachweis"
        ).values_list("id", flat=True)
    )
    if proof.kind == ProofKind.INTERIM:
        rows &= set(
            ProgrammeDeadline.objects.filter(id__in=rows, name__icontains="zwischen").values_list(
                "id", flat=True
            )
        )
    elif proof.kind == ProofKind.ANNUAL:
        rows -= set(
            ProgrammeDeadline.objects.filter(id__in=rows, name__icontains="zwischen").values_list(
                "id", flat=True
            )
        )
    if not rows:
        return []
    return [
        item.key
        for item in deadlines_for([proof.organisation_id], today=today, until=date(2100, 1, 1))
        if item.deadline_id in rows and item.anchor_day == proof.period_end
    ]


@transaction.atomic
def proof_submit(*, proof: ProofOfUse, by, today: date | None = None) -> list[str]:
    """Freeze the proof as sent and record the day; mark the matching open deadline done.

    Returns the keys of the deadlines marked done.
    """
    today = today or clock.today()
    proof = ProofOfUse.objects.select_for_update().get(pk=proof.pk)
    _check_draft(proof)
    if not proof.narrative.strip():
        raise RuleViolation("Bitte zuerst den Sachbericht ausfüllen (KIM § 8, BW 8.2).")
    proof.snapshot = selectors.compute_data(proof)
    proof.status = ProofStatus.SUBMITTED
    proof.submitted_on = today
    proof.submitted_by = by
    proof.snapshot["submitted_on"] = today.isoformat()
    proof.save(update_fields=["snapshot", "status", "submitted_on", "submitted_by"])
    if proof.previous_id:
        ProofOfUse.objects.filter(pk=proof.previous_id).update(status=ProofStatus.SUPERSEDED)
    done = []
    for key in _matching_deadline_keys(proof, today=today):
        try:
            deadline_mark_done(
                by=by, key=key, note=f"Verwendungsnachweis eingereicht ({proof})", today=today
            )
        except RuleViolation:
            continue  # marked meanwhile: nothing to do
        done.append(key)
    audit_object(
        actor=by, action=AuditAction.UPDATE, obj=proof, purpose="Verwendungsnachweis eingereicht"
    )
    return done


@transaction.atomic
def proof_correct(*, proof: ProofOfUse, by) -> ProofOfUse:
    """A new draft version with everything of the submitted one; the sent one stays frozen."""
    proof = ProofOfUse.objects.select_for_update().get(pk=proof.pk)
    if proof.status not in (ProofStatus.SUBMITTED, ProofStatus.CHECKED):
        raise RuleViolation("Nur ein eingereichter Nachweis kann berichtigt werden.")
    if ProofOfUse.objects.filter(previous=proof).exists():
        raise RuleViolation("Zu diesem Nachweis gibt es schon eine Berichtigung.")
    latest = ProofOfUse.objects.filter(
        organisation=proof.organisation,
        decision=proof.decision,
        kind=proof.kind,
        period_start=proof.period_start,
    ).aggregate(v=Max("version"))["v"]
    try:
        with transaction.atomic():
            draft = ProofOfUse.objects.create(
                organisation=proof.organisation,
                decision=proof.decision,
                kind=proof.kind,
                year=proof.year,
                quarter=proof.quarter,
                period_start=proof.period_start,
                period_end=proof.period_end,
                due=proof.due,
                citation=proof.citation,
                version=latest + 1,
                previous=proof,
                narrative=proof.narrative,
                figures=proof.figures,
                confirmations=proof.confirmations,
                created_by=by,
            )
    except IntegrityError as exc:
        raise RuleViolation("Zu diesem Nachweis gibt es schon eine Berichtigung.") from exc
    CostLine.objects.bulk_create(
        [
            CostLine(
                organisation=line.organisation,
                proof=draft,
                position_id=line.position_id,
                month=line.month,
                amount=line.amount,
                source=line.source,
                source_line=line.source_line,
            )
            for line in proof.cost_lines.all()
        ]
    )
    Receipt.objects.bulk_create(
        [
            Receipt(
                organisation=r.organisation,
                proof=draft,
                day=r.day,
                payee=r.payee,
                reason=r.reason,
                amount=r.amount,
                source=r.source,
            )
            for r in proof.receipts.all()
        ]
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=draft, purpose="Berichtigung angelegt")
    return draft


@transaction.atomic
def proof_check(*, proof: ProofOfUse, note: str, by, today: date | None = None) -> ProofOfUse:
    proof = ProofOfUse.objects.select_for_update().get(pk=proof.pk)
    if proof.status != ProofStatus.SUBMITTED:
        raise RuleViolation("Nur ein eingereichter Nachweis kann als geprüft markiert werden.")
    proof.status = ProofStatus.CHECKED
    proof.checked_on = today or clock.today()
    proof.checked_by = by
    proof.check_note = note
    proof.save(update_fields=["status", "checked_on", "checked_by", "check_note"])
    audit_object(
        actor=by, action=AuditAction.UPDATE, obj=proof, purpose="Verwendungsnachweis geprüft"
    )
    return proof

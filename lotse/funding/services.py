"""Writes for grant files (issue 5 items 3–5): decisions, contracts, positions, payment requests.

Each function is one transaction: checked by the pure rules in
``lotse.funding.rules``, saved, and logged (ids only), or refused whole with a
``RuleViolation`` whose German message names the field and the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum

from lotse.core import clock
from lotse.funding.models import (
    ContractAllocation,
    ContractNotice,
    ContractVersion,
    FundedPosition,
    GrantDecision,
    GrantDecisionChange,
    PassThroughContract,
    PaymentRequest,
    PaymentStatus,
    PlannedPaymentLine,
    Programme,
    RecoveryClaim,
    Settlement,
    VersionStatus,
)
from lotse.funding.rules.contracts import (
    Allocation,
    amendment_order_error,
    decision_period_error,
    notice_earliest_end,
    propose_amendment,
)
from lotse.funding.rules.payment_request import PlannedPayment, Reason, payment_request_check
from lotse.funding.rules.settlement import pass_on_error, settle
from lotse.kernel.errors import Detail, RuleViolation
from lotse.kernel.money import format_eur
from lotse.organisations.models import Organisation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object

DECISION_FIELDS = (
    "authority",
    "programme",
    "decided_on",
    "file_number",
    "period_start",
    "period_end",
    "amount",
    "fte",
    "follows",
    "note",
)
# Requests that bind money of the grant: everything but a rejected one.
BINDING = (PaymentStatus.SUBMITTED, PaymentStatus.APPROVED, PaymentStatus.PAID)


@dataclass(frozen=True)
class AllocationInput:
    programme: Programme
    recipient: Organisation
    fte: Decimal
    region: Organisation | None = None


# --- Grant decisions (item 3) -----------------------------------------------------------------


@transaction.atomic
def decision_create(*, organisation: Organisation, by, **fields) -> GrantDecision:
    """A decision as far as it is known; missing details make it a draft, shown as gaps."""
    error = decision_period_error(start=fields.get("period_start"), end=fields.get("period_end"))
    if error:
        raise error
    decision = GrantDecision.objects.create(
        organisation=organisation, **{k: v for k, v in fields.items() if k in DECISION_FIELDS}
    )
    if decision.follows_id:
        # KIM §15(1): the follow-up decision extends every contract of the decision it follows.
        for contract in decision.follows.contracts.all():
            contract.decisions.add(decision)
    audit_object(actor=by, action=AuditAction.CREATE, obj=decision, purpose="Zuwendungsbescheid")
    return decision


@transaction.atomic
def decision_update(
    *,
    decision: GrantDecision,
    by,
    effective_from: date | None = None,
    change_file_number: str = "",
    **fields,
) -> tuple[GrantDecision, list[ContractVersion]]:
    """Fill gaps or record a change; a changed amount or FTE proposes amendments (KIM §7(3))."""
    decision = GrantDecision.objects.select_for_update().get(pk=decision.pk)
    error = decision_period_error(
        start=fields.get("period_start", decision.period_start),
        end=fields.get("period_end", decision.period_end),
    )
    if error:
        raise error
    follows = fields.get("follows")
    if follows is not None and follows.pk == decision.pk:
        raise RuleViolation(
            "Ein Bescheid kann nicht Anschlussbescheid zu sich selbst sein.", "follows"
        )
    old_amount, old_fte = decision.amount, decision.fte
    for name, value in fields.items():
        if name in DECISION_FIELDS:
            setattr(decision, name, value)
    changed = (
        old_amount is not None
        and old_fte is not None
        and decision.amount is not None
        and decision.fte is not None
        and (old_amount != decision.amount or old_fte != decision.fte)
    )
    proposals: list[ContractVersion] = []
    if changed:
        if effective_from is None:
            raise RuleViolation(
                "Bitte angeben, ab wann der geänderte Bescheid wirkt: danach richtet sich die "
                "Vertragsänderung (KIM § 7 Abs. 3).",
                "effective_from",
            )
        change = GrantDecisionChange.objects.create(
            organisation=decision.organisation,
            decision=decision,
            effective_from=effective_from,
            file_number=change_file_number,
            old_amount=old_amount,
            new_amount=decision.amount,
            old_fte=old_fte,
            new_fte=decision.fte,
            changed_at=clock.now(),
            changed_by=by,
        )
        proposals = _propose_amendments(change=change, decision=decision, by=by)
    decision.version += 1
    decision.save()
    audit_object(actor=by, action=AuditAction.UPDATE, obj=decision, purpose="Zuwendungsbescheid")
    return decision, proposals


def current_version(contract: PassThroughContract) -> ContractVersion | None:
    return (
        contract.versions.filter(status=VersionStatus.IN_FORCE)
        .order_by("-number")
        .prefetch_related(
            "allocations__programme", "allocations__region", "allocations__organisation"
        )
        .first()
    )


def _propose_amendments(
    *, change: GrantDecisionChange, decision: GrantDecision, by
) -> list[ContractVersion]:
    """KIM §7(3): one proposal per contract that includes the decision."""
    proposals = []
    for contract in decision.contracts.all():
        version = current_version(contract)
        if version is None:
            continue
        allocations = list(version.allocations.all())
        affected = [a for a in allocations if a.programme_id == decision.programme_id]
        if not affected:
            continue
        proposal = propose_amendment(
            old_fte=change.old_fte,
            new_fte=change.new_fte,
            old_amount=change.old_amount,
            new_amount=change.new_amount,
            rate=version.rate,
            allocations=[Allocation(a.key, a.fte, a.programme.slug) for a in affected],
            effective_from=change.effective_from,
        )
        if not proposal.changed:
            continue
        # A newer proposal replaces an older one for the same contract.
        contract.versions.filter(status=VersionStatus.PROPOSED).update(
            status=VersionStatus.DISCARDED
        )
        new_fte = {a.key: a.fte for a in proposal.allocations}
        draft = ContractVersion.objects.create(
            organisation=contract.organisation,
            contract=contract,
            number=None,
            status=VersionStatus.PROPOSED,
            effective_from=proposal.effective_from,
            term_end=version.term_end,
            rate=proposal.rate,
            note="Vorschlag nach KIM § 7 Abs. 3 wegen des geänderten Zuwendungsbescheids.",
            source_change=change,
            explanation="\n".join(proposal.explanation),
            created_by=by,
        )
        ContractAllocation.objects.bulk_create(
            ContractAllocation(
                organisation_id=a.organisation_id,
                version=draft,
                programme_id=a.programme_id,
                region_id=a.region_id,
                fte=new_fte.get(a.key, a.fte),
            )
            for a in allocations
        )
        audit_object(actor=by, action=AuditAction.CREATE, obj=draft, purpose="Änderungsvorschlag")
        proposals.append(draft)
    return proposals


# --- Pass-through contracts (item 3) ----------------------------------------------------------


def _check_allocations(
    contract_owner: Organisation, allocations: Sequence[AllocationInput], on: date
):
    from lotse.organisations.services import money_chain_check

    if not allocations:
        raise RuleViolation(
            "Ein Weiterleitungsvertrag braucht mindestens eine Zuweisung (KIM § 4 Abs. 1).",
            "allocations",
        )
    for item in allocations:
        if item.fte is None or item.fte <= 0:
            raise RuleViolation(
                f"Der Stellenumfang für {item.recipient.name} muss größer als 0 VZÄ sein "
                "(KIM § 4 Abs. 1).",
                "allocations",
            )
        # BW 3.2 / SPEC §1: money flows at most two steps below the county.
        money_chain_check([contract_owner, item.recipient], on=on)


def _save_version(
    *,
    contract: PassThroughContract,
    number: int,
    effective_from: date,
    term_end: date | None,
    rate: Decimal,
    allocations: Sequence[AllocationInput],
    signed_on: date | None,
    note: str,
    by,
) -> ContractVersion:
    if rate is None or rate <= 0:
        raise RuleViolation("Der Satz je 1,0 VZÄ muss größer als 0 sein (KIM § 6).", "rate")
    if term_end and term_end < effective_from:
        raise RuleViolation(
            "Die Laufzeit endet vor dem Inkrafttreten (KIM § 15 Abs. 1).", "term_end"
        )
    _check_allocations(contract.organisation, allocations, effective_from)
    version = ContractVersion.objects.create(
        organisation=contract.organisation,
        contract=contract,
        number=number,
        status=VersionStatus.IN_FORCE,
        effective_from=effective_from,
        term_end=term_end,
        rate=rate,
        signed_on=signed_on,
        note=note,
        created_by=by,
        accepted_by=by,
        accepted_at=clock.now(),
    )
    ContractAllocation.objects.bulk_create(
        ContractAllocation(
            organisation=item.recipient,
            version=version,
            programme=item.programme,
            region=item.region,
            fte=item.fte,
        )
        for item in allocations
    )
    return version


@transaction.atomic
def contract_create(
    *,
    organisation: Organisation,
    title: str,
    concluded_on: date | None,
    decisions: Sequence[GrantDecision],
    effective_from: date,
    term_end: date | None,
    rate: Decimal,
    allocations: Sequence[AllocationInput],
    number: int = 0,
    by,
) -> PassThroughContract:
    """A contract with its first recorded version (0 = the original, or the amendment on file)."""
    contract = PassThroughContract.objects.create(
        organisation=organisation, title=title, concluded_on=concluded_on
    )
    contract.decisions.set(decisions)
    _save_version(
        contract=contract,
        number=number,
        effective_from=effective_from,
        term_end=term_end,
        rate=rate,
        allocations=allocations,
        signed_on=None,
        note="",
        by=by,
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=contract, purpose="Weiterleitungsvertrag")
    return contract


def _lock_contract(contract: PassThroughContract) -> PassThroughContract:
    return PassThroughContract.objects.select_for_update().get(pk=contract.pk)


@transaction.atomic
def contract_amend(
    *,
    contract: PassThroughContract,
    effective_from: date,
    term_end: date | None,
    rate: Decimal,
    allocations: Sequence[AllocationInput],
    signed_on: date | None = None,
    note: str = "",
    by,
) -> ContractVersion:
    """The next numbered amendment (KIM §14); every earlier version stays as it was."""
    contract = _lock_contract(contract)
    latest = current_version(contract)
    error = amendment_order_error(
        previous_effective=latest.effective_from if latest else None,
        effective_from=effective_from,
        term_end=None,
    )
    if error:
        raise error
    number = (contract.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = _save_version(
        contract=contract,
        number=number,
        effective_from=effective_from,
        term_end=term_end,
        rate=rate,
        allocations=allocations,
        signed_on=signed_on,
        note=note,
        by=by,
    )
    audit_object(actor=by, action=AuditAction.UPDATE, obj=contract, purpose=f"{number}. Änderung")
    return version


@transaction.atomic
def proposal_accept(*, version: ContractVersion, by) -> ContractVersion:
    """The grants officer accepts a KIM §7(3) proposal: it becomes the next numbered amendment."""
    contract = _lock_contract(version.contract)
    version = ContractVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.PROPOSED:
        raise RuleViolation("Dieser Vorschlag ist nicht mehr offen.", None)
    latest = current_version(contract)
    error = amendment_order_error(
        previous_effective=latest.effective_from if latest else None,
        effective_from=version.effective_from,
        term_end=None,
    )
    if error:
        raise error
    version.number = (contract.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version.status = VersionStatus.IN_FORCE
    version.accepted_by = by
    version.accepted_at = clock.now()
    version.save()
    audit_object(actor=by, action=AuditAction.UPDATE, obj=version, purpose="Vorschlag angenommen")
    return version


@transaction.atomic
def proposal_discard(*, version: ContractVersion, by) -> ContractVersion:
    version = ContractVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.PROPOSED:
        raise RuleViolation("Dieser Vorschlag ist nicht mehr offen.", None)
    version.status = VersionStatus.DISCARDED
    version.save(update_fields=["status"])
    audit_object(actor=by, action=AuditAction.UPDATE, obj=version, purpose="Vorschlag verworfen")
    return version


@transaction.atomic
def contract_notice_record(
    *, contract: PassThroughContract, party: Organisation, given_on: date, reasons: str, by
) -> ContractNotice:
    """KIM §15(2): notice with reasons; the contract ends at the earliest possible year end."""
    latest = current_version(contract)
    notice = notice_earliest_end(
        given_on=given_on, term_end=latest.term_end if latest else None, reasons=reasons
    )
    row = ContractNotice.objects.create(
        organisation=contract.organisation,
        contract=contract,
        party=party,
        given_on=given_on,
        reasons=reasons,
        ends_on=notice.ends_on,
        recorded_by=by,
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=row, purpose="Kündigung")
    return row


# --- Positions (item 4) -----------------------------------------------------------------------


@transaction.atomic
def position_create(
    *, period, programme: Programme, decision: GrantDecision | None, qualification_level: str, by
) -> FundedPosition:
    if FundedPosition.objects.filter(employment_period=period, programme=programme).exists():
        raise RuleViolation(
            "Diese Beschäftigungszeit ist für dieses Programm schon als Stelle erfasst.",
            "employment_period",
        )
    if decision is not None and decision.programme_id and decision.programme_id != programme.pk:
        raise RuleViolation(
            "Der Bescheid gehört zu einem anderen Förderprogramm als die Stelle.", "decision"
        )
    position = FundedPosition.objects.create(
        organisation_id=period.organisation_id,
        employment_period=period,
        programme=programme,
        decision=decision,
        qualification_level=qualification_level,
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=position, purpose="geförderte Stelle")
    return position


# --- Payment requests (item 5) ----------------------------------------------------------------


class PaymentRefused(RuleViolation):
    """A refused request, with every reason of the two-month rule and the grant's rest."""

    def __init__(self, reasons: list[Reason], explanation: list[str]):
        super().__init__(" ".join(r.message for r in reasons), "amount")
        self.reasons = reasons
        self.explanation = explanation

    def details(self) -> list[Detail]:
        # Every reason; a missing account of earlier use concerns that input, the rest the amount.
        return [
            {
                "field": "earlier_use" if r.code == "earlier_use_missing" else "amount",
                "message": r.message,
                "code": r.code,
            }
            for r in self.reasons
        ]


def _bound(queryset) -> Decimal:
    """What the requests bind: the amount while open or approved, the payout once paid."""
    open_sum = queryset.filter(
        status__in=(PaymentStatus.SUBMITTED, PaymentStatus.APPROVED)
    ).aggregate(s=Sum("amount"))["s"]
    paid_sum = queryset.filter(status=PaymentStatus.PAID).aggregate(s=Sum("paid_amount"))["s"]
    return (open_sum or Decimal("0.00")) + (paid_sum or Decimal("0.00"))


@transaction.atomic
def payment_request_submit(
    *,
    organisation: Organisation,
    decision: GrantDecision,
    amount: Decimal,
    payout_date: date,
    planned: Sequence[PlannedPayment],
    earlier_use: str,
    share: Decimal,
    by,
) -> PaymentRequest:
    """Check and save a request; the decision's row is locked first.

    ``select_for_update`` on the grant decision serialises every request on it
    (PostgreSQL: row lock; SQLite: transactions begin IMMEDIATE), so the sums
    read below cannot change before the new request is saved: two concurrent
    requests can never together over-draw the grant or the recipient's share.
    """
    decision = GrantDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.amount is None:
        raise RuleViolation(
            "Der Bescheid hat noch keinen Betrag (Entwurf); Mittel können erst nach Erfassung des "
            "bewilligten Betrags abgerufen werden.",
            "decision",
        )
    already_mine = _bound(decision.payment_requests.filter(organisation=organisation))
    already_all = _bound(decision.payment_requests.all())
    check = payment_request_check(
        requested=amount,
        payout_date=payout_date,
        planned_payments=planned,
        granted=share,
        already_requested=already_mine,
        earlier_use_stated=bool(earlier_use.strip()),
    )
    reasons = list(check.reasons)
    explanation = list(check.explanation)
    pool = decision.amount - already_all
    if amount > pool:
        reasons.append(
            Reason(
                "grant_exhausted",
                f"Vom Zuwendungsbescheid ({format_eur(decision.amount)}) sind nach allen "
                f"bisherigen Abrufen nur noch {format_eur(max(pool, Decimal(0)))} übrig; "
                f"angefordert sind {format_eur(amount)}.",
            )
        )
    if reasons:
        raise PaymentRefused(reasons, explanation)
    payment_request = PaymentRequest.objects.create(
        organisation=organisation,
        decision=decision,
        amount=amount,
        payout_date=payout_date,
        earlier_use=earlier_use,
        check_explanation="\n".join(explanation),
        submitted_at=clock.now(),
        submitted_by=by,
    )
    PlannedPaymentLine.objects.bulk_create(
        PlannedPaymentLine(
            organisation=organisation,
            request=payment_request,
            due=p.due,
            amount=p.amount,
            purpose=p.purpose,
        )
        for p in planned
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=payment_request, purpose="Mittelabruf")
    return payment_request


def _locked_payment_request(payment_request: PaymentRequest) -> PaymentRequest:
    GrantDecision.objects.select_for_update().filter(pk=payment_request.decision_id).first()
    return PaymentRequest.objects.select_for_update().get(pk=payment_request.pk)


@transaction.atomic
def payment_request_decide(
    *, payment_request: PaymentRequest, approve: bool, note: str, by
) -> PaymentRequest:
    """The recipient (county) approves or rejects a submitted payment_request (KIM §6)."""
    payment_request = _locked_payment_request(payment_request)
    if payment_request.status != PaymentStatus.SUBMITTED:
        raise RuleViolation("Über diesen Mittelabruf ist schon entschieden.", None)
    if not approve and not note.strip():
        raise RuleViolation("Bitte die Ablehnung begründen.", "decision_note")
    payment_request.status = PaymentStatus.APPROVED if approve else PaymentStatus.REJECTED
    payment_request.decision_note = note
    payment_request.decided_at = clock.now()
    payment_request.decided_by = by
    payment_request.save()
    audit_object(
        actor=by,
        action=AuditAction.UPDATE,
        obj=payment_request,
        purpose="Mittelabruf freigegeben" if approve else "Mittelabruf abgelehnt",
    )
    return payment_request


@transaction.atomic
def payout_record(
    *, payment_request: PaymentRequest, paid_on: date, paid_amount: Decimal, by
) -> PaymentRequest:
    """The payout of an approved payment_request: never more than was approved."""
    payment_request = _locked_payment_request(payment_request)
    if payment_request.status != PaymentStatus.APPROVED:
        raise RuleViolation("Ausgezahlt werden kann nur ein freigegebener Mittelabruf.", None)
    if paid_amount is None or paid_amount <= 0 or paid_amount > payment_request.amount:
        raise RuleViolation(
            f"Der ausgezahlte Betrag muss größer als 0 und höchstens der freigegebene Betrag "
            f"({format_eur(payment_request.amount)}) sein.",
            "paid_amount",
        )
    payment_request.status = PaymentStatus.PAID
    payment_request.paid_on = paid_on
    payment_request.paid_amount = paid_amount
    payment_request.save()
    audit_object(
        actor=by, action=AuditAction.UPDATE, obj=payment_request, purpose="Auszahlung erfasst"
    )
    return payment_request


# --- Settlement and recovery (item 7) ---------------------------------------------------------


@transaction.atomic
def settlement_record(
    *,
    decision: GrantDecision,
    organisation: Organisation,
    year: int,
    programme_amount: Decimal,
    eligible_costs: Decimal,
    paid: Decimal,
    settled_on: date,
    interest_from: date | None,
    by,
) -> tuple[Settlement, RecoveryClaim | None]:
    """Entitlement = min(programme amount, eligible costs); an overpayment becomes a claim.

    KIM §8 and BW 8.3: settled on actual expenditure; the overpayment bears
    interest under § 49a Abs. 3 VwVfG from ``interest_from`` (the day the
    decision ceased to be effective; default the settlement day).
    """
    GrantDecision.objects.select_for_update().filter(pk=decision.pk).first()
    if Settlement.objects.filter(decision=decision, organisation=organisation, year=year).exists():
        raise RuleViolation(
            f"Für {organisation.name} ist das Jahr {year} zu diesem Bescheid schon abgerechnet.",
            "year",
        )
    result = settle(programme_amount=programme_amount, eligible_costs=eligible_costs, paid=paid)
    settlement = Settlement.objects.create(
        organisation=organisation,
        decision=decision,
        year=year,
        programme_amount=programme_amount,
        eligible_costs=eligible_costs,
        paid=paid,
        entitlement=result.entitlement,
        overpayment=result.overpayment,
        settled_on=settled_on,
        explanation="\n".join(result.explanation),
        created_by=by,
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=settlement, purpose="Abrechnung")
    claim = None
    if result.overpayment > 0:
        claim = RecoveryClaim.objects.create(
            organisation=organisation,
            decision=decision,
            settlement=settlement,
            amount=result.overpayment,
            interest_from=interest_from or settled_on,
            created_by=by,
        )
        audit_object(actor=by, action=AuditAction.CREATE, obj=claim, purpose="Rückforderung")
    return settlement, claim


@transaction.atomic
def recovery_pass_on(
    *, claim: RecoveryClaim, recipient: Organisation, amount: Decimal, note: str, by
) -> RecoveryClaim:
    """KIM §11: the county passes the authority's claim on to a sub-recipient, up to the claim."""
    claim = RecoveryClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.organisation_id != claim.decision.organisation_id:
        raise RuleViolation(
            "Weitergeben kann nur der Zuwendungsempfänger eine Rückforderung, die gegen ihn selbst "
            "gerichtet ist (KIM § 11).",
            "recipient",
        )
    if recipient.pk == claim.organisation_id or not recipient.path.startswith(
        claim.organisation.path
    ):
        raise RuleViolation(
            f"{recipient.name} ist kein Weiterleitungsempfänger von {claim.organisation.name} "
            "(KIM § 11).",
            "recipient",
        )
    passed_on = claim.passed_on.aggregate(s=Sum("amount"))["s"] or Decimal("0.00")
    error = pass_on_error(claim_amount=claim.amount, passed_on=passed_on, share=amount)
    if error:
        raise error
    passed = RecoveryClaim.objects.create(
        organisation=recipient,
        decision=claim.decision,
        passed_on_from=claim,
        amount=amount,
        interest_from=claim.interest_from,
        note=note,
        created_by=by,
    )
    audit_object(
        actor=by, action=AuditAction.CREATE, obj=passed, purpose="Rückforderung weitergegeben"
    )
    return passed

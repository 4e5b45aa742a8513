"""Reads for proofs of use, always scoped to the user (Area.GRANTS).

A proof is the rendering organisation's; the holder of the grant decision
(the county for its sub-recipients) reads and checks it, the granting
authority and the auditor read it in their subtree. ``proof_data`` computes a
draft from the data and returns a submitted proof exactly as it was frozen.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from lotse.accounts.scope import organisations_for
from lotse.core.tenancy import Area
from lotse.funding import grant_selectors as gs
from lotse.funding import selectors as programme_selectors
from lotse.funding.models import ContractAllocation, FundedPosition, GrantDecision, VersionStatus
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur, round_cents
from lotse.organisations.models import AssociationMembership, Organisation
from lotse.proofs.models import (
    CostLine,
    PersonnelNumber,
    ProofKind,
    ProofOfUse,
    ProofStatus,
    Receipt,
)
from lotse.proofs.rules.periods import clip
from lotse.proofs.rules.statement import PositionLine, financial_statement
from lotse.proofs.rules.tables import name_keys, personnel_number_key

ZERO = Decimal("0.00")


def proofs_for(user, *, write: bool = False) -> QuerySet[ProofOfUse]:
    """Own proofs, and those rendered on a decision the user holds (the county checks them)."""
    own = ProofOfUse.objects.for_user(user, write=write)
    held = GrantDecision.objects.for_user(user, write=write).values("id")
    return ProofOfUse.objects.filter(Q(id__in=own.values("id")) | Q(decision_id__in=held))


def get_proof_for_user(user, pk, *, write: bool = False) -> ProofOfUse:
    try:
        return (
            proofs_for(user, write=write)
            .select_related("organisation", "decision__programme", "decision__organisation")
            .get(pk=pk)
        )
    except (ProofOfUse.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can_edit(user, proof: ProofOfUse) -> bool:
    """Drafts are written by whoever may write the rendering organisation's grant files."""
    return (
        proof.status == ProofStatus.DRAFT
        and ProofOfUse.objects.for_user(user, write=True).filter(pk=proof.pk).exists()
    )


def can_check(user, proof: ProofOfUse) -> bool:
    """The holder of the decision checks a sub-recipient's proof; the authority the holder's."""
    if proof.status != ProofStatus.SUBMITTED:
        return False
    decision = proof.decision
    if proof.organisation_id == decision.organisation_id:
        return (
            bool(decision.authority_id)
            and GrantDecision.objects.for_user(user, write=True)
            .filter(pk=decision.pk, authority__in=_authority_ids(user))
            .exists()
        )
    return GrantDecision.objects.for_user(user, write=True).filter(pk=decision.pk).exists()


def _authority_ids(user) -> list[int]:
    return list(
        organisations_for(user, Area.GRANTS, write=True, kinds=["authority"]).values_list(
            "id", flat=True
        )
    )


def rendering_options(user) -> list[tuple[GrantDecision, Organisation]]:
    """(decision, organisation) pairs the user may render proofs for (as for payment requests)."""
    return [
        (decision, organisation)
        for decision, organisation in gs.shares_for_requester(user)
        if decision.programme_id and decision.period_start and decision.period_end
    ]


# --- The positions a proof accounts for ------------------------------------------------------


def _member_ids(proof: ProofOfUse) -> set[int]:
    """Whose positions the proof accounts for.

    A sub-recipient: itself and the towns of the sub-regions it receives money
    for (KIM §4(1): "Nordkreis via Lünen"). The holder of the decision (the
    county's proof to the authority): itself and everyone it passes the
    decision on to, with their sub-regions.
    """
    ids = {proof.organisation_id}
    allocations = ContractAllocation.objects.filter(
        programme_id=proof.decision.programme_id,
        version__status=VersionStatus.IN_FORCE,
        version__contract__decisions=proof.decision_id,
    )
    if proof.organisation_id == proof.decision.organisation_id:
        ids |= set(allocations.values_list("organisation_id", flat=True))
    else:
        allocations = allocations.filter(organisation_id=proof.organisation_id)
    regions = allocations.filter(region__isnull=False).values("region_id")
    ids |= set(
        AssociationMembership.objects.on(proof.period_end)
        .filter(association__in=regions)
        .values_list("municipality_id", flat=True)
    )
    return ids


def sub_recipient_proofs(proof: ProofOfUse) -> list[ProofOfUse]:
    """For the holder's proof: the latest submitted or checked proof of each sub-recipient
    for the same decision, kind and period."""
    if proof.organisation_id != proof.decision.organisation_id:
        return []
    found: dict[int, ProofOfUse] = {}
    for other in (
        ProofOfUse.objects.filter(
            decision_id=proof.decision_id,
            kind=proof.kind,
            period_start=proof.period_start,
            status__in=[ProofStatus.SUBMITTED, ProofStatus.CHECKED],
        )
        .exclude(organisation_id=proof.organisation_id)
        .select_related("organisation")
        .order_by("organisation_id", "-version")
    ):
        found.setdefault(other.organisation_id, other)
    return list(found.values())


def proof_positions(proof: ProofOfUse) -> list[FundedPosition]:
    """Funded positions of the decision's programme, filled in the proof's period."""
    return list(
        FundedPosition.objects.filter(
            organisation_id__in=_member_ids(proof),
            programme_id=proof.decision.programme_id,
            employment_period__start__lte=proof.period_end,
        )
        .filter(
            Q(employment_period__end__isnull=True)
            | Q(employment_period__end__gte=proof.period_start)
        )
        .select_related("organisation", "programme", "employment_period__employee")
        .prefetch_related("programme__rates")
        .order_by("organisation__name", "employment_period__position", "id")
    )


def position_label(position: FundedPosition) -> str:
    period = position.employment_period
    employee = period.employee
    return f"{period.position} – {employee.first_name} {employee.last_name} ({position.organisation.name})"


def personnel_numbers(positions: list[FundedPosition]) -> dict[int, str]:
    """Position id → personnel number, in one query."""
    return dict(
        PersonnelNumber.objects.filter(position__in=[p.pk for p in positions]).values_list(
            "position_id", "number"
        )
    )


def payroll_names(positions: list[FundedPosition]) -> dict[str, str]:
    """Normalised spellings of each position's holder and designation, and its personnel
    number (``personnel_number_key``) → position id."""
    names: dict[str, str] = {
        personnel_number_key(number): str(position_id)
        for position_id, number in personnel_numbers(positions).items()
    }
    for position in positions:
        period = position.employment_period
        names |= name_keys(
            key=str(position.pk),
            first_name=period.employee.first_name,
            last_name=period.employee.last_name,
            position=period.position,
        )
    return names


def position_amount(position: FundedPosition, start: date, end: date) -> tuple[Decimal, str]:
    """The programme's amount for the position's days within the proof period."""
    period = position.employment_period
    days = clip(start=start, end=end, period_start=period.start, period_end=period.end)
    if days is None:
        return ZERO, "im Zeitraum nicht besetzt"
    try:
        result = programme_selectors.programme_calculate(
            programme=position.programme,
            fte=period.funded_fte,
            start=days[0],
            end=days[1],
            qualification_level=position.qualification_level or None,
            minijob=period.mini_job,
        )
    except RuleViolation as error:
        return ZERO, error.message
    return result.calculation.amount, ""


# --- The whole proof as data (page, PDF, xlsx, API, snapshot) --------------------------------


def _money(value: Decimal) -> str:
    return str(round_cents(value))


def proof_data(proof: ProofOfUse) -> dict:
    """Everything the proof shows, JSON-ready (amounts as strings with two decimals).

    A submitted or checked proof returns its frozen snapshot: what was sent
    stays what it was, whatever changes later in the data.
    """
    if proof.snapshot is not None and not proof.is_draft:
        return proof.snapshot
    return compute_data(proof)


def compute_data(proof: ProofOfUse) -> dict:
    positions = proof_positions(proof)
    actual: dict[int, Decimal] = {}
    for line in CostLine.objects.filter(proof=proof).only("position_id", "amount"):
        actual[line.position_id] = actual.get(line.position_id, ZERO) + line.amount
    lines, notes = [], {}
    for position in positions:
        amount, note = position_amount(position, proof.period_start, proof.period_end)
        lines.append(
            PositionLine(
                str(position.pk), position_label(position), amount, actual.get(position.pk, ZERO)
            )
        )
        notes[str(position.pk)] = note
    # Costs booked on a position no longer in the list still count (and are shown).
    known = {position.pk for position in positions}
    for position_id, amount in actual.items():
        if position_id not in known:
            lines.append(PositionLine(str(position_id), f"Stelle {position_id}", ZERO, amount))
    share = None
    if proof.kind != ProofKind.QUARTERLY:
        share_result = gs.recipient_share(proof.decision, proof.organisation)
        if share_result.amount > 0:
            share = share_result.amount
    statement = financial_statement(lines, share=share)
    receipts = list(Receipt.objects.filter(proof=proof).order_by("day", "id"))
    decision = proof.decision
    return {
        "title": str(proof),
        "organisation": proof.organisation.name,
        "holder": decision.organisation.name,
        "decision": {
            "id": decision.pk,
            "label": str(decision),
            "file_number": decision.file_number,
            "programme": decision.programme.name if decision.programme_id else "",
            "programme_id": decision.programme.slug if decision.programme_id else "",
        },
        "kind": proof.kind,
        "kind_label": str(proof.get_kind_display()),
        "year": proof.year,
        "quarter": proof.quarter,
        "period_start": proof.period_start.isoformat(),
        "period_end": proof.period_end.isoformat(),
        "due": proof.due.isoformat() if proof.due else None,
        "citation": proof.citation,
        "version": proof.version,
        "statement": {
            "positions": [
                {
                    "key": line.key,
                    "label": line.label,
                    "entitlement": _money(line.entitlement),
                    "actual": _money(line.actual),
                    "difference": _money(line.difference),
                    "note": notes.get(line.key, ""),
                }
                for line in statement.lines
            ],
            "entitlement": _money(statement.entitlement),
            "share": _money(statement.share) if statement.share is not None else None,
            "programme_amount": _money(statement.programme_amount),
            "actual": _money(statement.actual),
            "eligible": _money(statement.eligible),
            "explanation": statement.explanation,
        },
        "receipts": [
            {
                "date": receipt.day.isoformat(),
                "date_display": format_date(receipt.day),
                "payee": receipt.payee,
                "reason": receipt.reason,
                "amount": _money(receipt.amount),
            }
            for receipt in receipts
        ],
        "receipts_total": _money(sum((r.amount for r in receipts), ZERO)),
        "narrative": proof.narrative,
        "figures": proof.figures,
        "confirmations": proof.confirmations,
    }


def cost_lines_of(proof: ProofOfUse) -> list[CostLine]:
    return list(
        CostLine.objects.filter(proof=proof)
        .select_related("position__employment_period")
        .order_by("month", "position__employment_period__position", "id")
    )


def versions_of(proof: ProofOfUse) -> list[ProofOfUse]:
    """Every version of the same proof, oldest first (follows ``previous``)."""
    return list(
        ProofOfUse.objects.filter(
            organisation_id=proof.organisation_id,
            decision_id=proof.decision_id,
            kind=proof.kind,
            period_start=proof.period_start,
        ).order_by("version")
    )


def list_for(user) -> list[ProofOfUse]:
    return list(
        proofs_for(user)
        .select_related("organisation", "decision__programme")
        .order_by("-period_end", "organisation__name", "kind", "-version")
    )


def fmt_eur(value) -> str:
    return format_eur(Decimal(value))


def proven_costs(*, decision, organisation, year: int):
    """The actual costs of the newest submitted or checked annual proof, for the settlement.

    The settlement is made on the proven costs (KIM §8: "Abrechnung nach
    tatsächlichen Ausgaben"; BW 8.3): the frozen snapshot's total, so a later
    change of the draft data cannot change what the settlement starts from.
    Returns ``(amount, proof)`` or ``None``.
    """
    proof = (
        ProofOfUse.objects.filter(
            decision=decision,
            organisation=organisation,
            year=year,
            kind=ProofKind.ANNUAL,
            status__in=[ProofStatus.SUBMITTED, ProofStatus.CHECKED],
            snapshot__isnull=False,
        )
        .order_by("-version")
        .first()
    )
    if proof is None:
        return None
    return Decimal(proof.snapshot["statement"]["actual"]), proof

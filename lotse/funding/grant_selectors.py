"""Reads for grant files (issue 5 items 3–5), always scoped to the user (Area.GRANTS).

A decision and a contract belong to the recipient (the county); an allocation,
a position and a payment request to the sub-recipient. A sub-recipient's
grants officer therefore reaches a contract (and the decisions in it) only
through an allocation of its own, read-only; writes need the owner's scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.http import Http404

from lotse.funding import selectors as programme_selectors
from lotse.funding.models import (
    ContractAllocation,
    ContractVersion,
    FundedPosition,
    GrantDecision,
    PassThroughContract,
    PaymentRequest,
    PaymentStatus,
    VersionStatus,
)
from lotse.funding.rules.contracts import Share, VersionTerms, share_for_period
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur, format_fte
from lotse.organisations.models import Organisation

ZERO = Decimal("0.00")


# --- Scoped querysets -------------------------------------------------------------------------


def contracts_for(user, *, write: bool = False) -> QuerySet[PassThroughContract]:
    own = PassThroughContract.objects.for_user(user, write=write)
    if write:
        return own
    via_allocation = ContractAllocation.objects.for_user(user).values("version__contract_id")
    return PassThroughContract.objects.filter(Q(id__in=own.values("id")) | Q(id__in=via_allocation))


def decisions_for(user, *, write: bool = False) -> QuerySet[GrantDecision]:
    own = GrantDecision.objects.for_user(user, write=write)
    if write:
        return own
    via_contract = contracts_for(user).values("decisions")
    return GrantDecision.objects.filter(Q(id__in=own.values("id")) | Q(id__in=via_contract))


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_decision_for_user(user, pk, *, write: bool = False) -> GrantDecision:
    return _get(
        decisions_for(user, write=write).select_related("programme", "authority", "organisation"),
        pk,
    )


def get_contract_for_user(user, pk, *, write: bool = False) -> PassThroughContract:
    return _get(contracts_for(user, write=write).select_related("organisation"), pk)


def get_version_for_user(user, pk, *, write: bool = False) -> ContractVersion:
    contracts = contracts_for(user, write=write)
    return _get(
        ContractVersion.objects.filter(contract__in=contracts).select_related("contract"), pk
    )


def requests_for(user, *, write: bool = False) -> QuerySet[PaymentRequest]:
    """A request is the requester's and, read and decided, the recipient's who holds the grant."""
    own = PaymentRequest.objects.for_user(user, write=write)
    held = GrantDecision.objects.for_user(user, write=write).values("id")
    return PaymentRequest.objects.filter(Q(id__in=own.values("id")) | Q(decision_id__in=held))


def get_request_for_user(user, pk, *, write: bool = False) -> PaymentRequest:
    return _get(
        requests_for(user, write=write).select_related("decision__programme", "organisation"), pk
    )


def can_decide(user, payment_request: PaymentRequest) -> bool:
    """Only the recipient holding the grant approves and pays (KIM §6), not the requester."""
    return (
        GrantDecision.objects.for_user(user, write=True)
        .filter(pk=payment_request.decision_id)
        .exists()
    )


def positions_for(user, *, write: bool = False) -> QuerySet[FundedPosition]:
    return FundedPosition.objects.for_user(user, write=write).select_related(
        "organisation", "programme", "employment_period", "decision"
    )


# --- Contracts and versions -------------------------------------------------------------------


def versions_of(contract: PassThroughContract) -> list[ContractVersion]:
    return list(
        contract.versions.exclude(status=VersionStatus.DISCARDED)
        .order_by("status", "number", "id")
        .prefetch_related(
            Prefetch(
                "allocations",
                queryset=ContractAllocation.objects.select_related(
                    "programme", "region", "organisation"
                ),
            )
        )
    )


def term_end_of(contract: PassThroughContract, version: ContractVersion | None) -> date | None:
    """KIM §15(1): the term ends with the decision's period and grows with a follow-up decision."""
    end = version.term_end if version else None
    for decision in contract.decisions.all():
        if (
            decision.follows_id
            and decision.period_end
            and (end is None or decision.period_end > end)
        ):
            end = decision.period_end
    return end


@dataclass
class DiffRow:
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _version_values(version: ContractVersion) -> dict[str, tuple[str, str]]:
    values = {
        "effective_from": ("in Kraft ab", format_date(version.effective_from)),
        "term_end": (
            "Laufzeit bis",
            format_date(version.term_end) if version.term_end else "offen",
        ),
        "rate": ("Satz je 1,0 VZÄ und Kalenderjahr (KIM § 6)", format_eur(version.rate)),
    }
    for allocation in version.allocations.all():
        region = allocation.region.name if allocation.region_id else "–"
        label = f"{allocation.programme.name}, {region}, via {allocation.organisation.name}"
        values[f"a:{allocation.key}"] = (
            label,
            format_fte(allocation.fte),
        )
    return values


def version_diff(old: ContractVersion, new: ContractVersion) -> list[DiffRow]:
    """Every value of two versions side by side; allocations matched by Baustein, region, recipient."""
    before, after = _version_values(old), _version_values(new)
    rows = []
    for key in list(before) + [k for k in after if k not in before]:
        label = (after.get(key) or before[key])[0]
        rows.append(
            DiffRow(
                label,
                before[key][1] if key in before else "–",
                after[key][1] if key in after else "–",
            )
        )
    return rows


# --- What is passed on, and the ledger (items 3 and 5) ----------------------------------------


def _contracts_with_versions(decision: GrantDecision) -> list[PassThroughContract]:
    """The decision's contracts with their versions in force and allocations, in three queries."""
    return list(
        decision.contracts.prefetch_related(
            Prefetch(
                "versions",
                queryset=ContractVersion.objects.filter(status=VersionStatus.IN_FORCE)
                .order_by("number", "id")
                .prefetch_related("allocations"),
                to_attr="in_force",
            ),
            "decisions",
        )
    )


def recipient_share(
    decision: GrantDecision,
    recipient: Organisation,
    *,
    contracts: list[PassThroughContract] | None = None,
) -> Share:
    """The part of a decision that reaches ``recipient`` (KIM §4(1), §6) for its period.

    The holder of the decision may draw the whole grant; a sub-recipient its
    allocations of the decision's programme, version by version.
    """
    if recipient.pk == decision.organisation_id:
        amount = decision.amount or ZERO
        return Share(amount=amount, explanation=[f"Bewilligter Betrag: {format_eur(amount)}."])
    if not (decision.period_start and decision.period_end):
        return Share(
            amount=ZERO,
            explanation=["Der Bescheid hat noch keinen Bewilligungszeitraum (Lücke im Entwurf)."],
        )
    total = ZERO
    lines: list[str] = []
    for contract in contracts if contracts is not None else _contracts_with_versions(decision):
        versions = contract.in_force
        terms = []
        for version in versions:
            fte = sum(
                (
                    a.fte
                    for a in version.allocations.all()
                    if a.organisation_id == recipient.pk and a.programme_id == decision.programme_id
                ),
                Decimal(0),
            )
            terms.append(VersionTerms(version.effective_from, version.rate, fte))
        if not any(t.fte for t in terms):
            continue
        share = share_for_period(
            versions=terms,
            start=decision.period_start,
            end=decision.period_end,
            term_end=term_end_of(contract, versions[-1] if versions else None),
        )
        total += share.amount
        lines += [f"{contract.title}:", *share.explanation]
    if not lines:
        lines = [f"{recipient.name} erhält aus diesem Bescheid keine Zuweisung."]
    return Share(amount=total, explanation=lines)


def shares_for_requester(user) -> list[tuple[GrantDecision, Organisation]]:
    """(decision, requesting organisation) pairs the user may request money for."""
    pairs: list[tuple[GrantDecision, Organisation]] = []
    seen = set()
    allocations = (
        ContractAllocation.objects.for_user(user, write=True)
        .filter(version__status=VersionStatus.IN_FORCE)
        .select_related("organisation", "programme")
    )
    for allocation in allocations:
        # A draft without an amount cannot be drawn on (KIM §2(3)a: "vom XXX").
        decisions = GrantDecision.objects.filter(
            contracts__versions=allocation.version_id,
            programme_id=allocation.programme_id,
            amount__isnull=False,
        ).select_related("programme", "organisation")
        for decision in decisions:
            key = (decision.pk, allocation.organisation_id)
            if key not in seen:
                seen.add(key)
                pairs.append((decision, allocation.organisation))
    for decision in GrantDecision.objects.for_user(user, write=True).select_related(
        "programme", "organisation"
    ):
        key = (decision.pk, decision.organisation_id)
        if key not in seen and decision.amount is not None:
            seen.add(key)
            pairs.append((decision, decision.organisation))
    return pairs


@dataclass
class LedgerRow:
    organisation: Organisation
    granted: Decimal
    requested: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def balance(self) -> Decimal:
        return self.granted - self.requested


@dataclass
class Ledger:
    decision: GrantDecision
    granted: Decimal
    requested: Decimal
    approved: Decimal
    paid: Decimal
    proven: Decimal
    rows: list[LedgerRow] = field(default_factory=list)

    @property
    def balance(self) -> Decimal:
        return self.granted - self.requested

    @property
    def unproven(self) -> Decimal:
        return self.paid - self.proven


def ledger_for(decision: GrantDecision) -> Ledger:
    """Granted, requested, paid, proven and the balance still to be requested.

    Requested counts every request that binds money (open, approved, paid at
    its payout); proven counts the eligible costs of settled years (item 7).
    """
    requests = PaymentRequest.objects.filter(decision=decision).exclude(
        status=PaymentStatus.REJECTED
    )
    by_org: dict[int, dict] = {}
    for row in requests.values("organisation_id", "status").annotate(
        amount=Sum("amount"), paid=Sum("paid_amount")
    ):
        entry = by_org.setdefault(
            row["organisation_id"], {"requested": ZERO, "paid": ZERO, "approved": ZERO}
        )
        bound = row["paid"] if row["status"] == PaymentStatus.PAID else row["amount"]
        entry["requested"] += bound or ZERO
        entry["paid"] += row["paid"] or ZERO
        if row["status"] in (PaymentStatus.APPROVED, PaymentStatus.PAID):
            entry["approved"] += bound or ZERO
    contracts = _contracts_with_versions(decision)
    recipient_ids = set(by_org) | {
        a.organisation_id
        for contract in contracts
        for version in contract.in_force
        for a in version.allocations.all()
        if a.programme_id == decision.programme_id
    }
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=recipient_ids)}
    rows = []
    for org_id in sorted(recipient_ids, key=lambda pk: organisations[pk].name):
        org = organisations[org_id]
        entry = by_org.get(org_id, {"requested": ZERO, "paid": ZERO})
        rows.append(
            LedgerRow(
                organisation=org,
                granted=recipient_share(decision, org, contracts=contracts).amount,
                requested=entry["requested"],
                paid=entry["paid"],
            )
        )
    proven = _proven(decision)
    return Ledger(
        decision=decision,
        granted=decision.amount or ZERO,
        requested=sum((e["requested"] for e in by_org.values()), ZERO),
        approved=sum((e["approved"] for e in by_org.values()), ZERO),
        paid=sum((e["paid"] for e in by_org.values()), ZERO),
        proven=proven,
        rows=rows,
    )


def _proven(decision: GrantDecision) -> Decimal:
    from lotse.funding.models import Settlement

    return (
        Settlement.objects.filter(decision=decision).aggregate(s=Sum("eligible_costs"))["s"] or ZERO
    )


# --- Positions and entitlements (item 4) ------------------------------------------------------


@dataclass
class PositionYear:
    position: FundedPosition
    start: date | None
    end: date | None
    amount: Decimal
    error: str = ""
    explanation: list[str] = field(default_factory=list)


def position_entitlement(position: FundedPosition, year: int) -> PositionYear:
    """The position's amount in ``year`` by its programme's rules (funded FTE, days filled)."""
    period = position.employment_period
    start = max(period.start, date(year, 1, 1))
    end = min(period.end or date(year, 12, 31), date(year, 12, 31))
    if end < start:
        return PositionYear(position, None, None, ZERO, explanation=["Im Jahr nicht besetzt."])
    try:
        result = programme_selectors.programme_calculate(
            programme=position.programme,
            fte=period.funded_fte,
            start=start,
            end=end,
            qualification_level=position.qualification_level or None,
            minijob=period.mini_job,
        )
    except RuleViolation as error:
        return PositionYear(position, start, end, ZERO, error=error.message)
    return PositionYear(
        position, start, end, result.calculation.amount, explanation=result.explanation
    )


@dataclass
class RecipientTotal:
    organisation: Organisation
    rows: list[PositionYear]

    @property
    def total(self) -> Decimal:
        return sum((row.amount for row in self.rows), ZERO)


def county_of(organisation: Organisation, counties: dict[str, Organisation]) -> Organisation | None:
    for path, county in counties.items():
        if organisation.path.startswith(path):
            return county
    return None


def entitlements_for(
    user, *, year: int
) -> tuple[list[RecipientTotal], dict[Organisation, Decimal]]:
    """Every visible position's amount in ``year``, summed per recipient and per county."""
    positions = list(
        positions_for(user)
        .prefetch_related("programme__rates")
        .order_by("organisation__name", "employment_period__position", "id")
    )
    by_org: dict[int, RecipientTotal] = {}
    for position in positions:
        entry = by_org.setdefault(
            position.organisation_id, RecipientTotal(position.organisation, [])
        )
        entry.rows.append(position_entitlement(position, year))
    counties = {
        c.path: c for c in Organisation.objects.filter(kind="county").only("id", "name", "path")
    }
    per_county: dict[Organisation, Decimal] = {}
    for entry in by_org.values():
        county = county_of(entry.organisation, counties)
        if county is not None:
            per_county[county] = per_county.get(county, ZERO) + entry.total
    return list(by_org.values()), per_county


# --- Settlement, recovery and the overview (item 7) -------------------------------------------


def claims_for(user, *, write: bool = False) -> QuerySet:
    """A claim is the debtor's and, read and passed on, the holder's of the grant."""
    from lotse.funding.models import RecoveryClaim

    own = RecoveryClaim.objects.for_user(user, write=write)
    held = GrantDecision.objects.for_user(user, write=write).values("id")
    return RecoveryClaim.objects.filter(Q(id__in=own.values("id")) | Q(decision_id__in=held))


def get_claim_for_user(user, pk, *, write: bool = False):
    return _get(
        claims_for(user, write=write).select_related(
            "organisation", "decision__programme", "decision__organisation", "settlement"
        ),
        pk,
    )


def settlement_parties(decision: GrantDecision) -> QuerySet[Organisation]:
    """Who is settled under a decision: its holder and the recipients of its contracts in force."""
    ids = {decision.organisation_id} | set(
        ContractAllocation.objects.filter(
            version__contract__decisions=decision,
            version__status=VersionStatus.IN_FORCE,
            programme_id=decision.programme_id,
        ).values_list("organisation_id", flat=True)
    )
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def settlement_defaults(decision: GrantDecision, organisation: Organisation) -> dict:
    """Programme amount = the recipient's share; paid = its recorded payouts (the holder: the grant)."""
    share = recipient_share(decision, organisation).amount
    if organisation.pk == decision.organisation_id:
        paid = decision.amount or ZERO
    else:
        paid = (
            PaymentRequest.objects.filter(
                decision=decision, organisation=organisation, status=PaymentStatus.PAID
            ).aggregate(s=Sum("paid_amount"))["s"]
            or ZERO
        )
    return {"programme_amount": share, "paid": paid}


@dataclass
class OverviewRow:
    organisation: Organisation
    granted: Decimal = ZERO
    paid: Decimal = ZERO
    proven: Decimal = ZERO


@dataclass
class CountyOverview:
    county: Organisation
    rows: list[OverviewRow]

    @property
    def maximum(self) -> Decimal:
        return max((max(r.granted, r.paid, r.proven) for r in self.rows), default=ZERO)

    @property
    def totals(self) -> OverviewRow:
        return OverviewRow(
            self.county,
            sum((r.granted for r in self.rows), ZERO),
            sum((r.paid for r in self.rows), ZERO),
            sum((r.proven for r in self.rows), ZERO),
        )


def overview_for(user, *, year: int) -> list[CountyOverview]:
    """Per county and recipient: granted (passed on), paid and proven for decisions of ``year``.

    A constant number of queries: decisions with their contracts and versions
    prefetched, payouts and proven costs summed in one query each.
    """
    from lotse.funding.models import Settlement

    decisions = list(
        decisions_for(user)
        .filter(period_start__year=year)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "contracts",
                queryset=PassThroughContract.objects.prefetch_related(
                    Prefetch(
                        "versions",
                        queryset=ContractVersion.objects.filter(status=VersionStatus.IN_FORCE)
                        .order_by("number", "id")
                        .prefetch_related("allocations"),
                        to_attr="in_force",
                    ),
                    "decisions",
                ),
            )
        )
    )
    ids = [d.pk for d in decisions]
    paid = {
        (row["decision_id"], row["organisation_id"]): row["s"]
        for row in PaymentRequest.objects.filter(decision_id__in=ids, status=PaymentStatus.PAID)
        .values("decision_id", "organisation_id")
        .annotate(s=Sum("paid_amount"))
    }
    proven = {
        (row["decision_id"], row["organisation_id"]): row["s"]
        for row in Settlement.objects.filter(decision_id__in=ids)
        .values("decision_id", "organisation_id")
        .annotate(s=Sum("eligible_costs"))
    }
    recipient_ids: set[int] = set()
    pairs: list[tuple[GrantDecision, int]] = []
    for decision in decisions:
        contracts = list(decision.contracts.all())
        passed_to = {
            a.organisation_id
            for c in contracts
            for v in c.in_force
            for a in v.allocations.all()
            if a.programme_id == decision.programme_id
        }
        targets = passed_to or {decision.organisation_id}
        targets |= {org for (d, org) in paid if d == decision.pk}
        for org_id in targets:
            pairs.append((decision, org_id))
            recipient_ids.add(org_id)
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=recipient_ids)}
    counties = {c.path: c for c in Organisation.objects.filter(kind="county")}
    by_county: dict[int, CountyOverview] = {}
    for decision, org_id in pairs:
        organisation = organisations[org_id]
        county = county_of(organisation, counties) or decision.organisation
        entry = by_county.setdefault(county.pk, CountyOverview(county, []))
        row = next((r for r in entry.rows if r.organisation.pk == org_id), None)
        if row is None:
            row = OverviewRow(organisation)
            entry.rows.append(row)
        row.granted += recipient_share(
            decision, organisation, contracts=list(decision.contracts.all())
        ).amount
        row.paid += paid.get((decision.pk, org_id)) or ZERO
        row.proven += proven.get((decision.pk, org_id)) or ZERO
    result = sorted(by_county.values(), key=lambda c: c.county.name)
    for entry in result:
        entry.rows.sort(key=lambda r: r.organisation.name)
    return result

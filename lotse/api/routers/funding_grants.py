"""Grant files over the API (issue 5 items 3–5): decisions, contracts, payment requests, ledger.

Scoped like the pages (Area.GRANTS, lotse.funding.grant_selectors): 403 for a
role without grant files, 404 for anything outside the user's scope. Amounts
are strings with two decimals. A refused payment request answers 422 with
every reason: ``{"detail": [{"field": "amount", "code": "two_month_rule",
"msg": "…ANBest-P Nr. 1.4…"}]}``. Mounted under /api/v1/funding by the
funding router.
"""

from datetime import date
from typing import Any

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from lotse.accounts.scope import organisation_ids_for
from lotse.api.auth import require_area
from lotse.api.errors import ErrorOut, refused
from lotse.core.tenancy import Area
from lotse.funding import grant_selectors as gs
from lotse.funding import services
from lotse.funding.models import Programme, VersionStatus
from lotse.funding.rules.payment_request import PlannedPayment
from lotse.funding.rules.periods import parse_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import amount_text, parse_decimal, parse_money
from lotse.organisations.models import Organisation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object, audit_record

router = Router(tags=["Zuwendungen"])


def _money(value) -> str | None:
    return None if value is None else amount_text(value)


class GapOut(Schema):
    field: str
    label: str


class GrantOut(Schema):
    id: int
    organisation_id: int
    authority_id: int | None
    programme: str | None
    decided_on: date | None
    file_number: str
    period_start: date | None
    period_end: date | None
    amount: str | None
    fte: str | None
    follows_id: int | None
    draft: bool
    gaps: list[GapOut]


def _grant(decision) -> dict:
    return {
        "id": decision.pk,
        "organisation_id": decision.organisation_id,
        "authority_id": decision.authority_id,
        "programme": decision.programme.slug if decision.programme_id else None,
        "decided_on": decision.decided_on,
        "file_number": decision.file_number,
        "period_start": decision.period_start,
        "period_end": decision.period_end,
        "amount": _money(decision.amount),
        "fte": None if decision.fte is None else f"{decision.fte.normalize():f}",
        "follows_id": decision.follows_id,
        "draft": decision.is_draft,
        "gaps": [{"field": name, "label": label} for name, label in decision.gaps],
    }


class GrantIn(Schema):
    organisation_id: int
    authority_id: int | None = None
    programme: str | None = None
    decided_on: date | None = None
    file_number: str = Field(default="", max_length=100)
    period_start: date | None = None
    period_end: date | None = None
    amount: Any = None
    fte: Any = None
    follows_id: int | None = None
    note: str = Field(default="", max_length=5000)


# Every refusal of a grant file carries a code (docs/api.md): the payment rules' own, else this.
RULE = "rule"


@router.get("/grants", response={200: list[GrantOut], 422: ErrorOut}, url_name="funding_grant_list")
@paginate
def grant_list(request):
    require_area(request, Area.GRANTS)
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="funding.grantdecision",
        purpose="Zuwendungsbescheide über die API gelistet",
    )
    decisions = gs.decisions_for(request.user).select_related("programme").order_by("id")
    return [_grant(d) for d in decisions]


@router.get("/grants/{int:grant_id}", response=GrantOut, url_name="funding_grant_detail")
def grant_detail(request, grant_id: int):
    require_area(request, Area.GRANTS)
    decision = gs.get_decision_for_user(request.user, grant_id)
    audit_object(actor=request.user, action=AuditAction.READ, obj=decision)
    return _grant(decision)


@router.post("/grants", response={201: GrantOut, 422: ErrorOut}, url_name="funding_grant_create")
def grant_create(request, payload: GrantIn):
    """A decision as far as it is known: missing details make it a draft with gaps."""
    require_area(request, Area.GRANTS, write=True)
    writable = organisation_ids_for(request.user, Area.GRANTS, write=True)
    organisation = Organisation.objects.filter(pk=payload.organisation_id, id__in=writable).first()
    if organisation is None:
        return refused(
            RuleViolation(
                "Für diese Organisation dürfen Sie keine Bescheide erfassen.", "organisation_id"
            ),
            code=RULE,
        )
    fields: dict = {
        "decided_on": payload.decided_on,
        "file_number": payload.file_number,
        "period_start": payload.period_start,
        "period_end": payload.period_end,
        "note": payload.note,
    }
    try:
        if payload.amount not in (None, ""):
            fields["amount"] = parse_money(payload.amount, field="amount", label="Der Betrag")
        if payload.fte not in (None, ""):
            fields["fte"] = parse_decimal(payload.fte, field="fte", label="Der Stellenumfang")
    except RuleViolation as violation:
        return refused(violation, code=RULE)
    if payload.programme:
        fields["programme"] = Programme.objects.filter(slug=payload.programme).first()
        if fields["programme"] is None:
            return refused(
                RuleViolation(
                    f"Unbekanntes Förderprogramm „{payload.programme[:60]}“.", "programme"
                ),
                code=RULE,
            )
    if payload.authority_id:
        fields["authority"] = Organisation.objects.filter(
            pk=payload.authority_id, kind="authority"
        ).first()
        if fields["authority"] is None:
            return refused(
                RuleViolation("Das ist keine Bewilligungsbehörde.", "authority_id"), code=RULE
            )
    if payload.follows_id:
        fields["follows"] = (
            gs.decisions_for(request.user, write=True).filter(pk=payload.follows_id).first()
        )
        if fields["follows"] is None:
            return refused(
                RuleViolation("Der vorige Bescheid wurde nicht gefunden.", "follows_id"), code=RULE
            )
    try:
        decision = services.decision_create(organisation=organisation, by=request.user, **fields)
    except RuleViolation as violation:
        return refused(violation, code=RULE)
    return Status(201, _grant(decision))


class LedgerRowOut(Schema):
    organisation_id: int
    granted: str
    requested: str
    paid: str
    balance: str


class LedgerOut(Schema):
    grant_id: int
    granted: str
    requested: str
    approved: str
    paid: str
    proven: str
    balance: str
    recipients: list[LedgerRowOut]


@router.get("/grants/{int:grant_id}/ledger", response=LedgerOut, url_name="funding_grant_ledger")
def grant_ledger(request, grant_id: int):
    """Granted, requested, paid, proven and the balance still to be requested."""
    require_area(request, Area.GRANTS)
    decision = gs.get_decision_for_user(request.user, grant_id)
    audit_object(actor=request.user, action=AuditAction.READ, obj=decision, purpose="Mittelkonto")
    ledger = gs.ledger_for(decision)
    return {
        "grant_id": decision.pk,
        "granted": amount_text(ledger.granted),
        "requested": amount_text(ledger.requested),
        "approved": amount_text(ledger.approved),
        "paid": amount_text(ledger.paid),
        "proven": amount_text(ledger.proven),
        "balance": amount_text(ledger.balance),
        "recipients": [
            {
                "organisation_id": row.organisation.pk,
                "granted": amount_text(row.granted),
                "requested": amount_text(row.requested),
                "paid": amount_text(row.paid),
                "balance": amount_text(row.balance),
            }
            for row in ledger.rows
        ],
    }


class AllocationOut(Schema):
    programme: str
    region_id: int | None
    recipient_id: int
    fte: str
    annual_amount: str  # KIM §6: rate × FTE for a full calendar year


class VersionOut(Schema):
    id: int
    number: int | None
    status: str
    effective_from: date
    term_end: date | None
    rate: str
    annual_total: str
    allocations: list[AllocationOut]


class ContractOut(Schema):
    id: int
    organisation_id: int
    title: str
    concluded_on: date | None
    grant_ids: list[int]
    term_end: date | None
    versions: list[VersionOut]


def _contract(contract) -> dict:
    versions = gs.versions_of(contract)
    in_force = [v for v in versions if v.status == VersionStatus.IN_FORCE]
    return {
        "id": contract.pk,
        "organisation_id": contract.organisation_id,
        "title": contract.title,
        "concluded_on": contract.concluded_on,
        "grant_ids": [d.pk for d in contract.decisions.all()],
        "term_end": gs.term_end_of(contract, in_force[-1] if in_force else None),
        "versions": [
            {
                "id": v.pk,
                "number": v.number,
                "status": v.status,
                "effective_from": v.effective_from,
                "term_end": v.term_end,
                "rate": amount_text(v.rate),
                "annual_total": amount_text(v.annual_total),
                "allocations": [
                    {
                        "programme": a.programme.slug,
                        "region_id": a.region_id,
                        "recipient_id": a.organisation_id,
                        "fte": f"{a.fte.normalize():f}",
                        "annual_amount": amount_text(amount),
                    }
                    for a, amount in v.annual_rows()
                ],
            }
            for v in versions
        ],
    }


class ContractSummaryOut(Schema):
    id: int
    organisation_id: int
    title: str
    concluded_on: date | None


@router.get(
    "/contracts",
    response={200: list[ContractSummaryOut], 422: ErrorOut},
    url_name="funding_contract_list",
)
@paginate
def contract_list(request):
    require_area(request, Area.GRANTS)
    return gs.contracts_for(request.user).order_by("id")


@router.get(
    "/contracts/{int:contract_id}", response=ContractOut, url_name="funding_contract_detail"
)
def contract_detail(request, contract_id: int):
    """The contract with every version kept (proposals included, discarded ones left out)."""
    require_area(request, Area.GRANTS)
    contract = gs.get_contract_for_user(request.user, contract_id)
    audit_object(actor=request.user, action=AuditAction.READ, obj=contract)
    return _contract(contract)


class AllocationIn(Schema):
    programme: str = Field(max_length=60)
    recipient_id: int
    region_id: int | None = None
    fte: Any = None


class VersionIn(Schema):
    effective_from: date
    term_end: date | None = None
    rate: Any = None
    signed_on: date | None = None
    note: str = Field(default="", max_length=5000)
    allocations: list[AllocationIn] = Field(default_factory=list, max_length=100)


class ContractIn(VersionIn):
    organisation_id: int
    title: str = Field(max_length=300)
    concluded_on: date | None = None
    grant_ids: list[int] = Field(default_factory=list, max_length=50)
    number: int = Field(default=0, ge=0, le=99)


def _version_terms(request, payload: VersionIn):
    """Rate and allocations parsed and scoped; a RuleViolation names the field."""
    rate = parse_money(payload.rate, field="rate", label="Der Satz")
    scope = organisation_ids_for(request.user, Area.GRANTS)
    allocations = []
    for number, item in enumerate(payload.allocations, start=1):
        programme = Programme.objects.filter(slug=item.programme).first()
        if programme is None:
            raise RuleViolation(f"Zuweisung {number}: unbekannter Baustein.", "allocations")
        recipient = Organisation.objects.filter(pk=item.recipient_id, id__in=scope).first()
        region = (
            Organisation.objects.filter(pk=item.region_id, kind="association", id__in=scope).first()
            if item.region_id
            else None
        )
        if recipient is None or (item.region_id and region is None):
            raise RuleViolation(
                f"Zuweisung {number}: Empfänger oder Teilregion nicht gefunden.", "allocations"
            )
        fte = parse_decimal(item.fte, field="allocations", label=f"Zuweisung {number}: VZÄ")
        allocations.append(services.AllocationInput(programme, recipient, fte, region))
    return rate, allocations


@router.post(
    "/contracts", response={201: ContractOut, 422: ErrorOut}, url_name="funding_contract_create"
)
def contract_create(request, payload: ContractIn):
    """A pass-through contract with its first recorded version (0 = original)."""
    require_area(request, Area.GRANTS, write=True)
    writable = organisation_ids_for(request.user, Area.GRANTS, write=True)
    owner = Organisation.objects.filter(pk=payload.organisation_id, id__in=writable).first()
    if owner is None:
        return refused(
            RuleViolation(
                "Für diese Organisation dürfen Sie keine Verträge erfassen.", "organisation_id"
            ),
            code=RULE,
        )
    decisions = list(gs.decisions_for(request.user, write=True).filter(pk__in=payload.grant_ids))
    if len(decisions) != len(set(payload.grant_ids)):
        return refused(
            RuleViolation("Ein genannter Zuwendungsbescheid wurde nicht gefunden.", "grant_ids"),
            code=RULE,
        )
    try:
        rate, allocations = _version_terms(request, payload)
        contract = services.contract_create(
            organisation=owner,
            title=payload.title,
            concluded_on=payload.concluded_on,
            decisions=decisions,
            effective_from=payload.effective_from,
            term_end=payload.term_end,
            rate=rate,
            number=payload.number,
            allocations=allocations,
            by=request.user,
        )
    except RuleViolation as violation:
        return refused(violation, code=RULE)
    return Status(201, _contract(contract))


@router.post(
    "/contracts/{int:contract_id}/amendments",
    response={201: ContractOut, 422: ErrorOut},
    url_name="funding_contract_amend",
)
def contract_amend(request, contract_id: int, payload: VersionIn):
    """The next numbered amendment (KIM §14); every earlier version stays."""
    require_area(request, Area.GRANTS, write=True)
    contract = gs.get_contract_for_user(request.user, contract_id, write=True)
    try:
        rate, allocations = _version_terms(request, payload)
        services.contract_amend(
            contract=contract,
            effective_from=payload.effective_from,
            term_end=payload.term_end,
            rate=rate,
            signed_on=payload.signed_on,
            note=payload.note,
            allocations=allocations,
            by=request.user,
        )
    except RuleViolation as violation:
        return refused(violation, code=RULE)
    return Status(201, _contract(contract))


class PlannedOut(Schema):
    due: date
    amount: str
    purpose: str


class PaymentRequestOut(Schema):
    id: int
    organisation_id: int
    grant_id: int
    amount: str
    payout_date: date
    status: str
    earlier_use: str
    paid_on: date | None
    paid_amount: str | None
    planned: list[PlannedOut]


def _payment(payment) -> dict:
    return {
        "id": payment.pk,
        "organisation_id": payment.organisation_id,
        "grant_id": payment.decision_id,
        "amount": amount_text(payment.amount),
        "payout_date": payment.payout_date,
        "status": payment.status,
        "earlier_use": payment.earlier_use,
        "paid_on": payment.paid_on,
        "paid_amount": _money(payment.paid_amount),
        "planned": [
            {"due": p.due, "amount": amount_text(p.amount), "purpose": p.purpose}
            for p in payment.planned_payments.all()
        ],
    }


@router.get(
    "/payment-requests",
    response={200: list[PaymentRequestOut], 422: ErrorOut},
    url_name="funding_payment_request_list",
)
@paginate
def payment_request_list(request):
    require_area(request, Area.GRANTS)
    return [
        _payment(p)
        for p in gs.requests_for(request.user).prefetch_related("planned_payments").order_by("id")
    ]


@router.get(
    "/payment-requests/{int:request_id}",
    response=PaymentRequestOut,
    url_name="funding_payment_request_detail",
)
def payment_request_detail(request, request_id: int):
    require_area(request, Area.GRANTS)
    payment = gs.get_request_for_user(request.user, request_id)
    audit_object(actor=request.user, action=AuditAction.READ, obj=payment)
    return _payment(payment)


class PlannedIn(Schema):
    due: Any = None
    amount: Any = None
    purpose: str = Field(default="", max_length=200)


class PaymentRequestIn(Schema):
    grant_id: int
    organisation_id: int
    amount: Any = None
    payout_date: Any = None
    planned: list[PlannedIn] = Field(default_factory=list, max_length=200)
    earlier_use: str = Field(default="", max_length=5000)


@router.post(
    "/payment-requests",
    response={201: PaymentRequestOut, 422: ErrorOut},
    url_name="funding_payment_request_create",
)
def payment_request_create(request, payload: PaymentRequestIn):
    """Checked against the two-month rule and the grant's rest, under a lock on the grant."""
    require_area(request, Area.GRANTS, write=True)
    pairs = {(d.pk, o.pk): (d, o) for d, o in gs.shares_for_requester(request.user)}
    pair = pairs.get((payload.grant_id, payload.organisation_id))
    if pair is None:
        return refused(
            RuleViolation(
                "Aus dieser Zuwendung kann diese Organisation keine Mittel abrufen.", "grant_id"
            ),
            code=RULE,
        )
    try:
        amount = parse_money(payload.amount, field="amount", label="Der Betrag")
        payout_date = parse_date(payload.payout_date, field="payout_date", label="Die Auszahlung")
        planned = [
            PlannedPayment(
                parse_date(p.due, field="planned", label=f"Zahlung {n}: Die Fälligkeit"),
                parse_money(p.amount, field="planned", label=f"Zahlung {n}: Der Betrag"),
                p.purpose,
            )
            for n, p in enumerate(payload.planned, start=1)
        ]
    except RuleViolation as violation:
        return refused(violation, code=RULE)
    decision, organisation = pair
    try:
        payment = services.payment_request_submit(
            organisation=organisation,
            decision=decision,
            amount=amount,
            payout_date=payout_date,
            planned=planned,
            earlier_use=payload.earlier_use,
            share=gs.recipient_share(decision, organisation).amount,
            by=request.user,
        )
    except RuleViolation as violation:  # a PaymentRefused lists every reason with its code
        return refused(violation, code=RULE)
    return Status(201, _payment(payment))


class DecisionIn(Schema):
    approve: bool
    note: str = Field(default="", max_length=5000)


class PayoutIn(Schema):
    paid_on: date
    paid_amount: Any = None


def _decidable(request, request_id: int):
    """Only the holder of the grant approves and pays (KIM §6): 404 outside, 403 for the requester."""
    payment = gs.get_request_for_user(request.user, request_id, write=True)
    if not gs.can_decide(request.user, payment):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return payment


@router.post(
    "/payment-requests/{int:request_id}/decision",
    response={200: PaymentRequestOut, 422: ErrorOut},
    url_name="funding_payment_request_decide",
)
def payment_request_decide(request, request_id: int, payload: DecisionIn):
    require_area(request, Area.GRANTS, write=True)
    payment = _decidable(request, request_id)
    try:
        payment = services.payment_request_decide(
            payment_request=payment, approve=payload.approve, note=payload.note, by=request.user
        )
    except RuleViolation as violation:
        return refused(violation, code=RULE)
    return _payment(payment)


@router.post(
    "/payment-requests/{int:request_id}/payout",
    response={200: PaymentRequestOut, 422: ErrorOut},
    url_name="funding_payment_request_payout",
)
def payment_request_payout(request, request_id: int, payload: PayoutIn):
    require_area(request, Area.GRANTS, write=True)
    payment = _decidable(request, request_id)
    try:
        amount = parse_money(payload.paid_amount, field="paid_amount", label="Der Betrag")
        payment = services.payout_record(
            payment_request=payment, paid_on=payload.paid_on, paid_amount=amount, by=request.user
        )
    except RuleViolation as violation:
        return refused(violation, code=RULE)
    return _payment(payment)

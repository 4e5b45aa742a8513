"""Proofs of use over the API (issue 5 item 6): the list, and one proof's figures as JSON.

Scoped like the pages (Area.GRANTS, lotse.proofs.selectors): 403 for a role
without grant files, 404 outside the user's scope. A submitted proof answers
with its frozen version; a draft with the figures computed now. Amounts are
strings with two decimals; no client data, the case figures are suppressed.
"""

from datetime import date
from typing import Any

from ninja import Router, Schema
from ninja.pagination import paginate

from lotse.api.auth import require_area
from lotse.api.errors import ErrorOut
from lotse.core.tenancy import Area
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object, audit_record
from lotse.proofs import selectors

router = Router(tags=["Verwendungsnachweise"])


class ProofOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    grant_id: int
    programme: str | None
    kind: str
    year: int
    quarter: int | None
    period_start: date
    period_end: date
    due: date | None
    citation: str
    version: int
    status: str
    submitted_on: date | None
    checked_on: date | None


class ProofDetailOut(ProofOut):
    statement: dict[str, Any]
    receipts: list[dict[str, Any]]
    receipts_total: str
    narrative: str
    case_figures: list[dict[str, Any]]
    confirmations: list[dict[str, Any]]


def _proof(proof) -> dict:
    decision = proof.decision
    return {
        "id": proof.pk,
        "organisation_id": proof.organisation_id,
        "organisation": proof.organisation.name,
        "grant_id": proof.decision_id,
        "programme": decision.programme.slug if decision.programme_id else None,
        "kind": proof.kind,
        "year": proof.year,
        "quarter": proof.quarter,
        "period_start": proof.period_start,
        "period_end": proof.period_end,
        "due": proof.due,
        "citation": proof.citation,
        "version": proof.version,
        "status": proof.status,
        "submitted_on": proof.submitted_on,
        "checked_on": proof.checked_on,
    }


@router.get("/proofs", response={200: list[ProofOut], 422: ErrorOut}, url_name="funding_proof_list")
@paginate
def proof_list(request):
    require_area(request, Area.GRANTS)
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="proofs.proofofuse",
        purpose="Verwendungsnachweise über die API gelistet",
    )
    return [_proof(p) for p in selectors.list_for(request.user)]


@router.get("/proofs/{int:proof_id}", response=ProofDetailOut, url_name="funding_proof_detail")
def proof_detail(request, proof_id: int):
    require_area(request, Area.GRANTS)
    proof = selectors.get_proof_for_user(request.user, proof_id)
    audit_object(actor=request.user, action=AuditAction.READ, obj=proof)
    data = selectors.proof_data(proof)
    return {
        **_proof(proof),
        "statement": data["statement"],
        "receipts": data["receipts"],
        "receipts_total": data["receipts_total"],
        "narrative": data["narrative"],
        "case_figures": data["figures"],
        "confirmations": data["confirmations"],
    }

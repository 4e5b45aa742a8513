"""Proofs of use for the role × URL matrix: a draft and a submitted proof per region,
and the county's own draft for the same year, which adopts the town's costs (KIM §8).

Plain rows on the grant objects of tests/funding/world.py (Kreis Unna → Bergkamen,
Rems-Murr-Kreis → Backnang), so the matrix does not depend on the rules under test.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lotse.core import clock
from lotse.proofs.models import CostLine, CostSource, ProofKind, ProofOfUse, ProofStatus, Receipt
from lotse.proofs.selectors import compute_data
from tests.funding.world import grants_for


@dataclass
class ProofObjects:
    draft: ProofOfUse
    submitted: ProofOfUse
    holder_draft: ProofOfUse
    cost_line: CostLine
    receipt: Receipt
    position_id: int
    town_id: int
    decision_id: int


def proof_objects(world, own: bool) -> ProofObjects:
    grants = grants_for(world, own)
    common = {"organisation": grants.town, "decision": grants.decision, "year": 2023}
    draft = ProofOfUse.objects.create(
        **common,
        kind=ProofKind.QUARTERLY,
        quarter=1,
        period_start=date(2023, 1, 1),
        period_end=date(2023, 3, 31),
        due=date(2023, 4, 28),
        citation="KIM § 15 Abs. 2",
        narrative="Sachbericht erstes Quartal",
    )
    cost_line = CostLine.objects.create(
        organisation=grants.town,
        proof=draft,
        position=grants.position,
        month=date(2023, 1, 1),
        amount=Decimal("4750.00"),
        source=CostSource.ENTERED,
    )
    receipt = Receipt.objects.create(
        organisation=grants.town,
        proof=draft,
        day=date(2023, 2, 1),
        payee="Volkshochschule",
        reason="Raummiete",
        amount=Decimal("80.00"),
        source=CostSource.ENTERED,
    )
    submitted = ProofOfUse.objects.create(
        **common,
        kind=ProofKind.ANNUAL,
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        due=date(2024, 1, 15),
        citation="KIM § 8",
        narrative="Sachbericht 2023",
    )
    CostLine.objects.create(
        organisation=grants.town,
        proof=submitted,
        position=grants.position,
        month=date(2023, 2, 1),
        amount=Decimal("4750.00"),
        source=CostSource.ENTERED,
    )
    submitted.snapshot = compute_data(submitted)
    submitted.status = ProofStatus.SUBMITTED
    submitted.submitted_on = clock.today()
    submitted.save()
    holder_draft = ProofOfUse.objects.create(
        **{**common, "organisation": grants.county},
        kind=ProofKind.ANNUAL,
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        due=date(2024, 1, 31),
        citation="KIM § 8",
    )
    return ProofObjects(
        draft,
        submitted,
        holder_draft,
        cost_line,
        receipt,
        grants.position.pk,
        grants.town.pk,
        grants.decision.pk,
    )


def proofs_for_world(world, own: bool) -> ProofObjects:
    cache = world.__dict__.setdefault("_proofs", {})
    key = grants_for(world, own).decision.pk
    if key not in cache:
        cache[key] = proof_objects(world, own)
    return cache[key]

"""Demo proof of use (issue 5 item 6): Lünen's 2023 proof for the BS II decision, as a draft.

Pre-filled by the services as grants.unna would do it on the page (case
figures, staff confirmations), with a short list of receipts; the personnel
costs are left for the payroll import. A second run changes nothing.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from lotse.accounts.models import User
from lotse.demo.grants import BS2_FILE_NUMBER
from lotse.funding.models import GrantDecision
from lotse.organisations.models import Organisation
from lotse.proofs import services
from lotse.proofs.models import ProofKind, ProofOfUse
from lotse.proofs.rules.tables import ReceiptLine

RECEIPTS = [
    (date(2023, 3, 14), "Volkshochschule Lünen", "Raummiete Netzwerktreffen", Decimal("120.00")),
    (
        date(2023, 6, 2),
        "Dolmetscherdienst Ruhr",
        "Sprachmittlung Gruppenangebot",
        Decimal("245.50"),
    ),
    (date(2023, 10, 20), "Verkehrsverbund Rhein-Ruhr", "Dienstfahrten Oktober", Decimal("86.40")),
]


@transaction.atomic
def load_proofs() -> int:
    """Create the demo proof once; returns how many proofs were created now."""
    luenen = Organisation.objects.get(name="Lünen")
    decision = GrantDecision.objects.filter(file_number=BS2_FILE_NUMBER).first()
    officer = User.objects.filter(username="grants.unna").first()
    if decision is None or officer is None:
        return 0
    if ProofOfUse.objects.filter(organisation=luenen, decision=decision, year=2023).exists():
        return 0
    proof = services.proof_create(
        decision=decision,
        organisation=luenen,
        kind=ProofKind.ANNUAL,
        year=2023,
        quarter=None,
        by=officer,
        today=date(2024, 1, 8),
    )
    services.receipts_import(
        proof=proof,
        lines=[ReceiptLine(n, *row) for n, row in enumerate(RECEIPTS, start=2)],
        replace=False,
        by=officer,
    )
    return 1

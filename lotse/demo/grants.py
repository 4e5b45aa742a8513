"""Demo grant files (issue 5): the Kreis Unna pass-through contract as in the seed.

From the 2nd amendment (/work/shared/seeds/000_…):
- KIM §2(1)b, §2(3)a: BS II decision of the Bezirksregierung Arnsberg of
  15.02.2023, Az. 36.30.06-078/2023-002; the BS I decision "vom XXX" (kept as
  a draft with its gaps);
- KIM §4(1): Lünen BS I 1.0 FTE; Nordkreis (Lünen, Selm, Werne) BS II 5.0 FTE
  via Lünen; Mittelkreis (Bergkamen, Kamen, Bönen) BS II 4.0 FTE via Bergkamen;
- KIM §6: 57,000 EUR per 1.0 FTE and calendar year; §18: in force 1 Jan 2023;
  §15(1): term until 31 Dec 2023, extended by a follow-up decision.

The seed names no amount for the decisions: the BS II amount is the sum the
contract passes on (9.0 FTE × 57,000 EUR); the BS I decision stays a draft.
The 2024 follow-up decision is a draft too (date and file number unknown). A
second run changes nothing. Written through the services, like the pages.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from lotse.funding import grant_selectors, services
from lotse.funding.models import (
    FundedPosition,
    GrantDecision,
    PassThroughContract,
    Programme,
)
from lotse.funding.rules.payment_request import PlannedPayment
from lotse.organisations.models import Organisation
from lotse.staff.models import EmploymentPeriod

CONTRACT_TITLE = "Weiterleitungsvertrag KIM Kreis Unna (Bausteine I und II), 2. Änderung"
BS2_FILE_NUMBER = "36.30.06-078/2023-002"
RATE = Decimal("57000.00")


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


@transaction.atomic
def load_grants() -> int:
    """Create the demo grant files once; returns how many contracts were created now."""
    county = _org("Kreis Unna")
    if PassThroughContract.objects.filter(organisation=county, title=CONTRACT_TITLE).exists():
        return 0
    arnsberg = _org("Bezirksregierung Arnsberg")
    bs1 = Programme.objects.get(slug="kim-nrw-bs1")
    bs2 = Programme.objects.get(slug="kim-nrw-bs2")
    year_2023 = {"period_start": date(2023, 1, 1), "period_end": date(2023, 12, 31)}
    decision_bs2 = services.decision_create(
        organisation=county,
        by=None,
        authority=arnsberg,
        programme=bs2,
        decided_on=date(2023, 2, 15),
        file_number=BS2_FILE_NUMBER,
        amount=Decimal("513000.00"),
        fte=Decimal("9.000"),
        note="Betrag im Vertrag nicht genannt: 9,0 VZÄ × 57.000 EUR, wie weitergeleitet.",
        **year_2023,
    )
    # KIM §2(3)a: "der Zuwendungsbescheid für den BS I vom XXX".
    decision_bs1 = services.decision_create(
        organisation=county,
        by=None,
        authority=arnsberg,
        programme=bs1,
        fte=Decimal("1.000"),
        note="Im Vertrag zitiert als „Zuwendungsbescheid für den BS I vom XXX“.",
        **year_2023,
    )
    luenen, bergkamen = _org("Lünen"), _org("Bergkamen")
    contract = services.contract_create(
        organisation=county,
        title=CONTRACT_TITLE,
        concluded_on=date(2022, 1, 13),
        decisions=[decision_bs1, decision_bs2],
        effective_from=date(2023, 1, 1),
        term_end=date(2023, 12, 31),
        rate=RATE,
        number=2,
        allocations=[
            services.AllocationInput(bs1, luenen, Decimal("1.0")),
            services.AllocationInput(bs2, luenen, Decimal("5.0"), _org("Nordkreis")),
            services.AllocationInput(bs2, bergkamen, Decimal("4.0"), _org("Mittelkreis")),
        ],
        by=None,
    )
    # KIM §15(1): the follow-up decision joins the contract and extends its term.
    services.decision_create(
        organisation=county,
        by=None,
        authority=arnsberg,
        programme=bs2,
        follows=decision_bs2,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        fte=Decimal("9.000"),
        note="Anschlussbescheid (KIM § 15 Abs. 1); Datum und Aktenzeichen noch nicht erfasst.",
    )
    _positions(decision_bs1, decision_bs2, bs1, bs2)
    _requests(decision_bs2, luenen, bergkamen)
    return 1 if contract else 0


def _positions(decision_bs1, decision_bs2, bs1, bs2) -> None:
    """Every demo employment in Kreis Unna's towns becomes a funded position (KIM Bausteine)."""
    county = _org("Kreis Unna")
    periods = EmploymentPeriod.objects.filter(
        organisation__path__startswith=county.path
    ).select_related("employee", "organisation")
    for period in periods:
        coordinating = period.employee.function == "coordinating_office"
        if coordinating and period.organisation.name != "Lünen":
            continue  # the county's own coordinating office is not passed on (KIM §4(3))
        programme, decision = (bs1, decision_bs1) if coordinating else (bs2, decision_bs2)
        if FundedPosition.objects.filter(employment_period=period, programme=programme).exists():
            continue
        services.position_create(
            period=period,
            programme=programme,
            decision=decision,
            qualification_level="",
            by=None,
        )


def _requests(decision: GrantDecision, luenen: Organisation, bergkamen: Organisation) -> None:
    """Two instalments for Lünen (one paid), one open request from Bergkamen."""
    share_luenen = grant_selectors.recipient_share(decision, luenen).amount
    share_bergkamen = grant_selectors.recipient_share(decision, bergkamen).amount
    first = services.payment_request_submit(
        organisation=luenen,
        decision=decision,
        amount=Decimal("47500.00"),
        payout_date=date(2023, 1, 16),
        planned=[
            PlannedPayment(date(2023, 1, 31), Decimal("23750.00"), "Gehälter Januar"),
            PlannedPayment(date(2023, 2, 28), Decimal("23750.00"), "Gehälter Februar"),
        ],
        earlier_use="",
        share=share_luenen,
        by=None,
    )
    services.payment_request_decide(payment_request=first, approve=True, note="", by=None)
    services.payout_record(
        payment_request=first, paid_on=date(2023, 1, 20), paid_amount=Decimal("47500.00"), by=None
    )
    services.payment_request_submit(
        organisation=luenen,
        decision=decision,
        amount=Decimal("47500.00"),
        payout_date=date(2023, 3, 15),
        planned=[
            PlannedPayment(date(2023, 3, 31), Decimal("23750.00"), "Gehälter März"),
            PlannedPayment(date(2023, 4, 28), Decimal("23750.00"), "Gehälter April"),
        ],
        earlier_use="Januar und Februar: Personalausgaben Fallmanagement Nordkreis, vollständig.",
        share=share_luenen,
        by=None,
    )
    services.payment_request_submit(
        organisation=bergkamen,
        decision=decision,
        amount=Decimal("38000.00"),
        payout_date=date(2023, 2, 1),
        planned=[
            PlannedPayment(date(2023, 2, 28), Decimal("19000.00"), "Gehälter Februar"),
            PlannedPayment(date(2023, 3, 31), Decimal("19000.00"), "Gehälter März"),
        ],
        earlier_use="",
        share=share_bergkamen,
        by=None,
    )

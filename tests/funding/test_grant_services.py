"""Grant services: amendments in order, the money chain, payment decisions and payouts."""

from datetime import date
from decimal import Decimal as D

import pytest

from lotse.demo.grants import BS2_FILE_NUMBER, CONTRACT_TITLE, load_grants
from lotse.funding import grant_selectors, services
from lotse.funding.models import (
    ContractVersion,
    GrantDecision,
    PassThroughContract,
    PaymentRequest,
    Programme,
    VersionStatus,
)
from lotse.funding.rules.payment_request import PlannedPayment
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_grants()
    return PassThroughContract.objects.get(title=CONTRACT_TITLE)


def _org(name):
    return Organisation.objects.get(name=name)


def _allocations(fte_nordkreis="5.0"):
    bs1 = Programme.objects.get(slug="kim-nrw-bs1")
    bs2 = Programme.objects.get(slug="kim-nrw-bs2")
    return [
        services.AllocationInput(bs1, _org("Lünen"), D("1.0")),
        services.AllocationInput(bs2, _org("Lünen"), D(fte_nordkreis), _org("Nordkreis")),
        services.AllocationInput(bs2, _org("Bergkamen"), D("4.0"), _org("Mittelkreis")),
    ]


def test_an_amendment_is_numbered_next_and_keeps_the_old_version(demo):
    # KIM §14: changes in writing, numbered; every version kept.
    version = services.contract_amend(
        contract=demo,
        effective_from=date(2023, 7, 1),
        term_end=date(2023, 12, 31),
        rate=D("57000.00"),
        allocations=_allocations("6.0"),
        by=None,
    )
    assert version.number == 3
    old = ContractVersion.objects.get(contract=demo, number=2)
    assert {a.fte for a in old.allocations.all()} == {D("1.000"), D("5.000"), D("4.000")}
    rows = grant_selectors.version_diff(old, version)
    changed = [row for row in rows if row.changed]
    assert [(r.old, r.new) for r in changed] == [
        ("01.01.2023", "01.07.2023"),
        ("5,0 VZÄ", "6,0 VZÄ"),
    ]
    # KIM §6 pro rata: Lünen's BS II share is 5.0 FTE for 181 days and 6.0 for 184 days.
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    share = grant_selectors.recipient_share(bs2, _org("Lünen")).amount
    assert share == D("313734.25")  # 57,000 × (5 × 181 + 6 × 184) / 365


def test_an_amendment_before_the_version_in_force_is_refused(demo):
    # KIM §14
    with pytest.raises(RuleViolation) as refused:
        services.contract_amend(
            contract=demo,
            effective_from=date(2022, 12, 1),
            term_end=None,
            rate=D("57000"),
            allocations=_allocations(),
            by=None,
        )
    assert refused.value.field == "effective_from"


def test_money_never_goes_to_a_foreign_node(demo):
    # BW 3.2 / SPEC §1: each step goes to a node directly below the payer.
    bs2 = Programme.objects.get(slug="kim-nrw-bs2")
    with pytest.raises(RuleViolation) as refused:
        services.contract_amend(
            contract=demo,
            effective_from=date(2023, 7, 1),
            term_end=None,
            rate=D("57000"),
            allocations=[services.AllocationInput(bs2, _org("Backnang"), D("1.0"))],
            by=None,
        )
    assert "BW 3.2" in refused.value.message


def test_decide_and_pay(demo):
    request = PaymentRequest.objects.get(organisation__name="Bergkamen")
    with pytest.raises(RuleViolation) as refused:
        services.payment_request_decide(payment_request=request, approve=False, note="", by=None)
    assert refused.value.field == "decision_note"
    with pytest.raises(RuleViolation):
        services.payout_record(
            payment_request=request, paid_on=date(2023, 2, 1), paid_amount=D("1"), by=None
        )
    services.payment_request_decide(payment_request=request, approve=True, note="", by=None)
    with pytest.raises(RuleViolation) as too_much:
        services.payout_record(
            payment_request=request, paid_on=date(2023, 2, 1), paid_amount=D("38000.01"), by=None
        )
    assert too_much.value.field == "paid_amount"


def test_a_request_beyond_the_share_is_refused_naming_the_rest(demo):
    # ANBest-P 1.4 and the grant's rest: Bergkamen's share is 4.0 × 57,000 = 228,000.
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    bergkamen = _org("Bergkamen")
    with pytest.raises(services.PaymentRefused) as refused:
        services.payment_request_submit(
            organisation=bergkamen,
            decision=bs2,
            amount=D("200000.00"),
            payout_date=date(2023, 3, 1),
            planned=[PlannedPayment(date(2023, 3, 31), D("200000.00"))],
            earlier_use="Gehälter",
            share=grant_selectors.recipient_share(bs2, bergkamen).amount,
            by=None,
        )
    assert [r.code for r in refused.value.reasons] == ["grant_exhausted"]
    assert "190.000,00 EUR" in refused.value.reasons[0].message  # 228,000 − 38,000 requested


def test_a_draft_decision_cannot_be_drawn_on(demo):
    bs1 = GrantDecision.objects.get(programme__slug="kim-nrw-bs1")
    with pytest.raises(RuleViolation) as refused:
        services.payment_request_submit(
            organisation=_org("Lünen"),
            decision=bs1,
            amount=D("100"),
            payout_date=date(2023, 3, 1),
            planned=[PlannedPayment(date(2023, 3, 31), D("100"))],
            earlier_use="",
            share=D("57000"),
            by=None,
        )
    assert refused.value.field == "decision"


def test_an_unchanged_decision_makes_no_proposal(demo):
    # KIM §7(3) only follows a change of amount or scope.
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    _decision, proposals = services.decision_update(decision=bs2, by=None, note="geprüft")
    assert proposals == []
    assert not ContractVersion.objects.filter(status=VersionStatus.PROPOSED).exists()


def test_a_follow_up_decision_extends_the_contracts_of_the_decision_it_follows(demo):
    # KIM §15(1): "Die Laufzeit … verlängern sich mit dem Anschlussbescheid".
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    follow_up = services.decision_create(
        organisation=bs2.organisation,
        by=None,
        programme=bs2.programme,
        follows=bs2,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
    )
    assert demo in follow_up.contracts.all()
    version = services.current_version(demo)
    assert grant_selectors.term_end_of(demo, version) == date(2025, 12, 31)


def test_a_decision_cannot_follow_itself(demo):
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    with pytest.raises(RuleViolation) as refused:
        services.decision_update(decision=bs2, by=None, follows=bs2)
    assert refused.value.field == "follows"

"""Demo grant files: the Unna contract's 2nd amendment loads exactly as in the seed (issue 5 item 3)."""

from datetime import date
from decimal import Decimal as D

import pytest

from lotse.demo.grants import BS2_FILE_NUMBER, CONTRACT_TITLE, load_grants
from lotse.demo.staff import load_staff
from lotse.funding import grant_selectors
from lotse.funding.models import (
    FundedPosition,
    GrantDecision,
    PassThroughContract,
    PaymentRequest,
)
from lotse.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_second_amendment_loads_exactly_and_twice_changes_nothing():
    load_staff()
    assert load_grants() == 1
    counts = (GrantDecision.objects.count(), PaymentRequest.objects.count())
    assert load_grants() == 0
    assert (GrantDecision.objects.count(), PaymentRequest.objects.count()) == counts

    contract = PassThroughContract.objects.get(title=CONTRACT_TITLE)
    assert contract.organisation.name == "Kreis Unna"
    (version,) = contract.versions.all()
    # KIM §18, §15(1), §6
    assert version.number == 2
    assert version.effective_from == date(2023, 1, 1)
    assert version.term_end == date(2023, 12, 31)
    assert version.rate == D("57000.00")
    # KIM §4(1) a–c
    allocations = {
        (a.programme.slug, a.region.name if a.region else None, a.organisation.name): a.fte
        for a in version.allocations.all()
    }
    assert allocations == {
        ("kim-nrw-bs1", None, "Lünen"): D("1.000"),
        ("kim-nrw-bs2", "Nordkreis", "Lünen"): D("5.000"),
        ("kim-nrw-bs2", "Mittelkreis", "Bergkamen"): D("4.000"),
    }
    # KIM §15(1): extended by the follow-up decision for 2024.
    assert grant_selectors.term_end_of(contract, version) == date(2024, 12, 31)


def test_the_bs1_decision_dated_xxx_is_a_draft_with_its_gaps_shown():
    load_grants()
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    assert bs2.decided_on == date(2023, 2, 15) and not bs2.is_draft
    bs1 = GrantDecision.objects.get(programme__slug="kim-nrw-bs1")
    assert bs1.is_draft
    assert {name for name, _label in bs1.gaps} == {"decided_on", "file_number", "amount"}


def test_the_demo_shares_and_ledger_add_up():
    load_staff()
    load_grants()
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    luenen = Organisation.objects.get(name="Lünen")
    # KIM §4(1)b with §6: 5.0 × 57,000 for 2023 (the follow-up decision is separate).
    assert grant_selectors.recipient_share(bs2, luenen).amount == D("285000.00")
    ledger = grant_selectors.ledger_for(bs2)
    assert ledger.granted == D("513000.00")
    assert ledger.requested == D("133000.00")
    assert ledger.paid == D("47500.00")
    assert ledger.balance == D("380000.00")
    assert [row.organisation.name for row in ledger.rows] == ["Bergkamen", "Lünen"]
    assert FundedPosition.objects.filter(organisation__name="Selm").exists()


def test_the_unna_contract_passes_on_570000_eur_a_full_year(login):
    # SPEC §4.1 worked example, KIM §4(1), §6: 57,000 + 285,000 + 228,000 = 570,000.00 EUR.
    load_staff()
    load_grants()
    contract = PassThroughContract.objects.get(title=CONTRACT_TITLE)
    (version,) = contract.versions.all()
    assert sorted(amount for _a, amount in version.annual_rows()) == [
        D("57000.00"),
        D("228000.00"),
        D("285000.00"),
    ]
    assert version.annual_total == D("570000.00")
    from django.urls import reverse

    page = login("grants.unna").get(reverse("funding:contract_detail", args=[contract.pk]))
    assert "570.000,00 EUR" in page.content.decode()

"""Settlement, recovery with § 49a interest, passing a recovery on (KIM §11), the overview (item 7)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from lotse.demo.grants import BS2_FILE_NUMBER, load_grants
from lotse.demo.staff import load_staff
from lotse.funding import grant_selectors, services
from lotse.funding.models import GrantDecision, RecoveryClaim, Settlement
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def bs2(db):
    load_staff()
    load_grants()
    return GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)


def _org(name):
    return Organisation.objects.get(name=name)


def test_overpayment_becomes_a_claim_with_interest(login, bs2):
    # KIM §8: settled on actual costs; Lünen was paid 47,500 but spent only 40,000.
    client = login("grants.unna")
    luenen = _org("Lünen")
    form = client.get(
        reverse("proofs:settlement_create", kwargs={"pk": bs2.pk}) + f"?stelle={luenen.pk}"
    )
    assert 'value="47.500,00"' in form.content.decode()  # paid, from the recorded payouts
    response = client.post(
        reverse("proofs:settlement_create", kwargs={"pk": bs2.pk}),
        {
            "organisation": luenen.pk,
            "year": "2023",
            "programme_amount": "285.000,00",
            "eligible_costs": "40.000,00",
            "paid": "47.500,00",
            "settled_on": "2024-03-01",
            "interest_from": "2024-03-01",
        },
    )
    claim = RecoveryClaim.objects.get(organisation=luenen)
    assert response.status_code == 302
    assert claim.amount == D("7500.00")
    # § 49a Abs. 3 VwVfG: 5 points above the base rate (3.62 % from 1 Jan 2024), act/365,
    # 1 March to 30 June 2024 = 122 days: 7,500 × 8.62 % × 122/365 = 216.09
    page = client.get(
        reverse("funding:claim_detail", kwargs={"pk": claim.pk}) + "?until=2024-06-30"
    )
    assert "216,09 EUR" in page.content.decode()
    assert Settlement.objects.get(organisation=luenen).entitlement == D("40000.00")


def test_a_second_settlement_of_the_same_year_is_refused(bs2):
    luenen = _org("Lünen")
    kwargs = {
        "decision": bs2,
        "organisation": luenen,
        "year": 2023,
        "programme_amount": D("285000"),
        "eligible_costs": D("285000"),
        "paid": D("47500"),
        "settled_on": date(2024, 3, 1),
        "interest_from": None,
        "by": None,
    }
    services.settlement_record(**kwargs)
    with pytest.raises(RuleViolation) as refused:
        services.settlement_record(**kwargs)
    assert refused.value.field == "year"


def test_the_county_passes_a_recovery_on_up_to_the_claim(login, bs2):
    # KIM §11: the authority claims 10,000 back from the county, which passes it on.
    county = _org("Kreis Unna")
    _settlement, claim = services.settlement_record(
        decision=bs2,
        organisation=county,
        year=2023,
        programme_amount=D("513000.00"),
        eligible_costs=D("503000.00"),
        paid=D("513000.00"),
        settled_on=date(2024, 4, 1),
        interest_from=None,
        by=None,
    )
    assert claim.amount == D("10000.00")
    client = login("grants.unna")
    url = reverse("funding:claim_pass_on", kwargs={"pk": claim.pk})
    bergkamen = _org("Bergkamen")
    too_much = client.post(url, {"recipient": bergkamen.pk, "amount": "10.000,01"})
    assert "KIM § 11" in too_much.content.decode()
    assert 'value="10.000,01"' in too_much.content.decode()
    client.post(url, {"recipient": bergkamen.pk, "amount": "6.000,00"})
    passed = RecoveryClaim.objects.get(passed_on_from=claim)
    assert passed.organisation == bergkamen and passed.amount == D("6000.00")
    assert passed.interest_from == claim.interest_from
    # A sub-recipient cannot pass its own claim on further (BW 3.2 / KIM §11).
    with pytest.raises(RuleViolation):
        services.recovery_pass_on(
            claim=passed, recipient=_org("Kamen"), amount=D("1"), note="", by=None
        )


def test_overview_per_county_with_chart_and_table(login, bs2):
    services.settlement_record(
        decision=bs2,
        organisation=_org("Lünen"),
        year=2023,
        programme_amount=D("285000"),
        eligible_costs=D("45000"),
        paid=D("47500"),
        settled_on=date(2024, 3, 1),
        interest_from=None,
        by=None,
    )
    (unna,) = grant_selectors.overview_for(_user("grants.unna"), year=2023)
    rows = {r.organisation.name: r for r in unna.rows}
    # KIM §4(1) a–b with §6: Lünen gets BS I 1.0 FTE and BS II 5.0 FTE × 57,000 for 2023.
    assert rows["Lünen"].granted == D("342000.00")
    assert rows["Lünen"].paid == D("47500.00") and rows["Lünen"].proven == D("45000.00")
    assert rows["Bergkamen"].granted == D("228000.00")
    page = login("grants.unna").get(reverse("funding:overview") + "?year=2023")
    text = page.content.decode()
    assert "<svg" in text and "<caption>" in text
    assert "47.500,00 EUR" in text and "45.000,00 EUR" in text


def _user(name):
    from lotse.accounts.models import User

    return User.objects.get(username=name)

"""Grant pages (issue 5 items 3–5): who sees what, drafts shown with gaps, the amendment flow."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from lotse.demo.grants import BS2_FILE_NUMBER, CONTRACT_TITLE, load_grants
from lotse.demo.staff import load_staff
from lotse.funding.models import (
    ContractVersion,
    GrantDecision,
    PassThroughContract,
    PaymentRequest,
    VersionStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_staff()
    load_grants()
    return {
        "contract": PassThroughContract.objects.get(title=CONTRACT_TITLE),
        "bs2": GrantDecision.objects.get(file_number=BS2_FILE_NUMBER),
        "bs1": GrantDecision.objects.get(programme__slug="kim-nrw-bs1"),
    }


def test_overview_lists_the_draft_with_its_gaps(login, demo):
    page = login("grants.unna").get(reverse("funding:grant_list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Entwurf" in text
    assert "Datum des Bescheids" in text  # KIM §2(3)a: "vom XXX" is a gap
    assert CONTRACT_TITLE in text


def test_case_workers_and_the_other_region_see_no_grants(login, demo):
    assert login("cm.luenen").get(reverse("funding:grant_list")).status_code == 403
    assert login("coord.unna").get(reverse("funding:grant_list")).status_code == 403
    other = login("grants.remsmurr")
    assert CONTRACT_TITLE not in other.get(reverse("funding:grant_list")).content.decode()
    url = reverse("funding:contract_detail", kwargs={"pk": demo["contract"].pk})
    assert other.get(url).status_code == 404


def test_the_auditor_reads_but_cannot_write(login, demo):
    auditor = login("auditor")
    url = reverse("funding:contract_detail", kwargs={"pk": demo["contract"].pk})
    assert auditor.get(url).status_code == 200
    amend = reverse("funding:contract_amend", kwargs={"pk": demo["contract"].pk})
    assert auditor.get(amend).status_code == 403


def test_contract_page_shows_the_second_amendment(login, demo):
    page = login("grants.unna").get(
        reverse("funding:contract_detail", kwargs={"pk": demo["contract"].pk})
    )
    text = page.content.decode()
    assert "2. Änderung" in text
    assert "57.000,00 EUR" in text
    assert "Nordkreis" in text and "Mittelkreis" in text
    assert "31.12.2024" in text  # KIM §15(1): extended by the follow-up decision


def test_a_changed_decision_proposes_the_amendment_which_the_officer_accepts(login, demo):
    # KIM §7(3): 9.0 → 10.0 FTE and 513,000 → 570,000 from 1 July 2023.
    client = login("grants.unna")
    bs2 = demo["bs2"]
    url = reverse("funding:decision_edit", kwargs={"pk": bs2.pk})
    form = {
        "authority": bs2.authority_id,
        "programme": bs2.programme_id,
        "decided_on": "2023-02-15",
        "file_number": BS2_FILE_NUMBER,
        "period_start": "2023-01-01",
        "period_end": "2023-12-31",
        "amount": "570.000,00",
        "fte": "10",
        "effective_from": "2023-07-01",
    }
    missing_date = client.post(url, {**form, "effective_from": ""})
    assert missing_date.status_code == 200
    assert "KIM § 7 Abs. 3" in missing_date.content.decode()
    assert 'value="570.000,00"' in missing_date.content.decode()  # the input stays
    response = client.post(url, form)
    assert response.status_code == 302
    proposal = ContractVersion.objects.get(status=VersionStatus.PROPOSED)
    assert proposal.effective_from == date(2023, 7, 1)
    assert sorted(a.fte for a in proposal.allocations.filter(programme=bs2.programme)) == [
        D("4.444"),
        D("5.556"),
    ]
    page = client.get(reverse("funding:version_detail", kwargs={"pk": proposal.pk}))
    text = page.content.decode()
    assert "<del>5,0 VZÄ</del>" in text and "<ins>5,556 VZÄ</ins>" in text
    client.post(reverse("funding:proposal_accept", kwargs={"pk": proposal.pk}))
    proposal.refresh_from_db()
    assert proposal.status == VersionStatus.IN_FORCE and proposal.number == 3
    # The earlier version is kept as it was.
    assert ContractVersion.objects.get(contract=demo["contract"], number=2).allocations.count() == 3


def test_notice_computes_the_earliest_end(login, demo):
    # KIM §15(2): notice on 1 July 2023 ends the contract at the end of 2024 at the earliest,
    # and the term (extended to 31 Dec 2024) allows that.
    client = login("grants.unna")
    url = reverse("funding:contract_notice", kwargs={"pk": demo["contract"].pk})
    refused = client.post(
        url, {"party": demo["contract"].organisation_id, "given_on": "2023-07-01", "reasons": " "}
    )
    assert "Gründe" in refused.content.decode()
    client.post(
        url,
        {
            "party": demo["contract"].organisation_id,
            "given_on": "2023-07-01",
            "reasons": "Umstrukturierung",
        },
    )
    notice = demo["contract"].notices.get()
    assert notice.ends_on == date(2023, 12, 31)  # the agreed term ends first


def test_a_payment_request_beyond_two_months_is_refused_with_the_rule(login, demo):
    # ANBest-P Nr. 1.4: a payout on 1 March covers payments due until 1 May; May's
    # salaries fall outside, so only 30,000 are needed.
    client = login("grants.unna")
    bergkamen_key = None
    page = client.get(reverse("funding:request_create"))
    for line in page.content.decode().splitlines():
        if "Bergkamen:" in line and "value=" in line:
            bergkamen_key = line.split('value="')[1].split('"')[0]
    assert bergkamen_key
    form = {
        "grant": bergkamen_key,
        "amount": "45.000,00",
        "payout_date": "2023-03-01",
        "planned": "31.03.2023; 15.000,00; Gehälter März\n30.04.2023; 15.000,00; Gehälter April\n"
        "31.05.2023; 15.000,00; Gehälter Mai",
        "earlier_use": "Februar: Gehälter",
    }
    response = client.post(reverse("funding:request_create"), form)
    text = response.content.decode()
    assert response.status_code == 200
    assert "innerhalb von zwei Monaten nach der Auszahlung" in text
    assert "ANBest-P Nr. 1.4" in text
    assert "45.000,00" in text  # the input stays
    count = PaymentRequest.objects.count()
    form["amount"] = "30.000,00"
    assert client.post(reverse("funding:request_create"), form).status_code == 302
    assert PaymentRequest.objects.count() == count + 1


def test_the_county_approves_and_records_the_payout(login, demo):
    client = login("grants.unna")
    request = PaymentRequest.objects.get(organisation__name="Bergkamen")
    client.post(
        reverse("funding:request_decide", kwargs={"pk": request.pk}), {"approve": "1", "note": ""}
    )
    client.post(
        reverse("funding:request_payout", kwargs={"pk": request.pk}),
        {"paid_on": "2023-02-01", "paid_amount": "38.000,00"},
    )
    request.refresh_from_db()
    assert request.status == "paid" and request.paid_amount == D("38000.00")
    page = client.get(reverse("funding:decision_detail", kwargs={"pk": demo["bs2"].pk}))
    assert "85.500,00 EUR" in page.content.decode()  # paid: 47,500 + 38,000


def test_positions_show_entitlements_per_recipient_and_county(login, demo):
    page = login("grants.unna").get(reverse("funding:position_list") + "?year=2025")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Summe je Kreis" in text and "Kreis Unna" in text

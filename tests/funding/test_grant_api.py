"""Grant API (issue 5 items 3–5): scoped lists and details, drafts with gaps, refusals with the rule."""

import json

import pytest
from django.test import Client

from lotse.accounts.models import User
from lotse.accounts.services import api_token_issue
from lotse.demo.grants import BS2_FILE_NUMBER, CONTRACT_TITLE, load_grants
from lotse.demo.staff import load_staff
from lotse.funding.models import GrantDecision, PassThroughContract
from lotse.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_staff()
    load_grants()


def api_for(username):
    client = Client()
    _token, secret = api_token_issue(user=User.objects.get(username=username))
    headers = {"Authorization": f"Bearer {secret}"}

    def call(path, body=None):
        if body is None:
            return client.get(f"/api/v1/funding/{path}", headers=headers)
        return client.post(
            f"/api/v1/funding/{path}",
            json.dumps(body),
            content_type="application/json",
            headers=headers,
        )

    return call


def test_grants_list_shows_the_draft_with_its_gaps(demo):
    items = api_for("grants.unna")("grants").json()["items"]
    bs1 = next(g for g in items if g["programme"] == "kim-nrw-bs1")
    assert bs1["draft"] is True
    assert {gap["field"] for gap in bs1["gaps"]} == {"decided_on", "file_number", "amount"}
    bs2 = next(g for g in items if g["file_number"] == BS2_FILE_NUMBER)
    assert bs2["amount"] == "513000.00" and bs2["draft"] is False


def test_other_region_and_case_workers_get_nothing(demo):
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    other = api_for("grants.remsmurr")
    assert other(f"grants/{bs2.pk}").status_code == 404
    assert all(g["id"] != bs2.pk for g in other("grants").json()["items"])
    assert api_for("cm.luenen")("grants").status_code == 403


def test_contract_detail_keeps_every_version(demo):
    contract = PassThroughContract.objects.get(title=CONTRACT_TITLE)
    body = api_for("auditor")(f"contracts/{contract.pk}").json()
    assert body["term_end"] == "2024-12-31"  # KIM §15(1): follow-up decision
    (version,) = body["versions"]
    assert version["number"] == 2 and version["rate"] == "57000.00"
    assert sorted(a["fte"] for a in version["allocations"]) == ["1", "4", "5"]


def test_ledger(demo):
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    body = api_for("authority.arnsberg")(f"grants/{bs2.pk}/ledger").json()
    assert body["granted"] == "513000.00"
    assert body["requested"] == "133000.00"
    assert body["paid"] == "47500.00"
    assert body["balance"] == "380000.00"


def test_create_a_draft_and_refuse_a_bad_amount(demo):
    api = api_for("grants.unna")
    county = Organisation.objects.get(name="Kreis Unna").pk
    created = api("grants", {"organisation_id": county, "programme": "kim-nrw-bs1", "fte": "1.0"})
    assert created.status_code == 201 and created.json()["draft"] is True
    bad = api("grants", {"organisation_id": county, "amount": "12,345.678"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "amount"
    foreign = Organisation.objects.get(name="Rems-Murr-Kreis").pk
    assert api("grants", {"organisation_id": foreign}).status_code == 422


def test_a_payment_request_beyond_two_months_is_refused_naming_the_rule(demo):
    # ANBest-P Nr. 1.4: a payout on 1 March covers payments due until 1 May.
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    bergkamen = Organisation.objects.get(name="Bergkamen")
    body = {
        "grant_id": bs2.pk,
        "organisation_id": bergkamen.pk,
        "amount": "30000.00",
        "payout_date": "2023-03-01",
        "planned": [
            {"due": "2023-03-31", "amount": "15000.00"},
            {"due": "2023-05-31", "amount": "15000.00"},
        ],
        "earlier_use": "Gehälter Februar",
    }
    api = api_for("grants.unna")
    refused = api("payment-requests", body)
    assert refused.status_code == 422
    (reason,) = refused.json()["detail"]
    assert reason["code"] == "two_month_rule" and "ANBest-P Nr. 1.4" in reason["msg"]
    created = api("payment-requests", {**body, "amount": "15000.00"})
    assert created.status_code == 201
    assert created.json()["planned"][0]["amount"] == "15000.00"
    detail = api(f"payment-requests/{created.json()['id']}")
    assert detail.json()["status"] == "submitted"


def test_create_a_contract_and_amend_it(demo):
    # KIM §4(1), §6, §14: a contract with its first version, then the next numbered amendment.
    api = api_for("grants.unna")
    county = Organisation.objects.get(name="Kreis Unna")
    kamen = Organisation.objects.get(name="Kamen")
    body = {
        "organisation_id": county.pk,
        "title": "Weiterleitungsvertrag Kamen",
        "effective_from": "2024-01-01",
        "term_end": "2024-12-31",
        "rate": "57000.00",
        "allocations": [{"programme": "kim-nrw-bs2", "recipient_id": kamen.pk, "fte": "1.5"}],
    }
    created = api("contracts", body)
    assert created.status_code == 201
    contract_id = created.json()["id"]
    assert created.json()["versions"][0]["allocations"][0]["fte"] == "1.5"
    amended = api(
        f"contracts/{contract_id}/amendments",
        {
            **{k: body[k] for k in ("rate", "term_end", "allocations")},
            "effective_from": "2024-07-01",
        },
    )
    assert amended.status_code == 201
    assert [v["number"] for v in amended.json()["versions"]] == [0, 1]
    early = api(f"contracts/{contract_id}/amendments", {**body, "effective_from": "2023-12-31"})
    assert early.status_code == 422 and early.json()["detail"][0]["field"] == "effective_from"
    foreign = Organisation.objects.get(name="Backnang")
    bad = api(
        "contracts",
        {**body, "allocations": [{**body["allocations"][0], "recipient_id": foreign.pk}]},
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "allocations"
    assert api_for("auditor")("contracts", body).status_code == 403


def test_the_county_decides_and_pays_over_the_api(demo):
    # KIM §6: the recipient pays out on request; a rejection needs a reason.
    from lotse.funding.models import PaymentRequest

    request = PaymentRequest.objects.get(organisation__name="Bergkamen")
    api = api_for("grants.unna")
    refused = api(f"payment-requests/{request.pk}/decision", {"approve": False, "note": ""})
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "decision_note"
    assert api(f"payment-requests/{request.pk}/decision", {"approve": True}).json()["status"] == (
        "approved"
    )
    too_much = api(
        f"payment-requests/{request.pk}/payout",
        {"paid_on": "2023-02-01", "paid_amount": "38000.01"},
    )
    assert too_much.status_code == 422 and too_much.json()["detail"][0]["field"] == "paid_amount"
    paid = api(
        f"payment-requests/{request.pk}/payout", {"paid_on": "2023-02-01", "paid_amount": "38000"}
    )
    assert paid.json()["paid_amount"] == "38000.00" and paid.json()["status"] == "paid"
    assert (
        api_for("auditor")(f"payment-requests/{request.pk}/decision", {"approve": True}).status_code
        == 403
    )

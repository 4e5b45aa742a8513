"""Proofs of use over the API: the list and one proof's figures (issue 5 item 6)."""

import pytest
from django.test import Client
from django.urls import reverse

from lotse.accounts import services as account_services
from lotse.accounts.models import User
from lotse.proofs.models import ProofOfUse
from tests.proofs.data import YEAR, build_grant, full_year, payroll_csv

pytestmark = pytest.mark.django_db


def _bearer(username: str) -> dict:
    _token, secret = account_services.api_token_issue(user=User.objects.get(username=username))
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def proof(login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    grant = build_grant()
    officer = login("grants.unna")
    officer.post(
        reverse("proofs:list"),
        {"grant": f"{grant.decision.pk}-{grant.town.pk}", "kind": "annual", "year": str(YEAR)},
    )
    proof = ProofOfUse.objects.get(organisation=grant.town)
    officer.post(
        reverse("proofs:upload", args=[proof.pk, "lohn"]),
        {"lohn-file": SimpleUploadedFile("lohn.csv", payroll_csv(full_year()))},
    )
    return proof


def test_list_and_figures_of_one_proof(proof):
    # KIM §8: eligible = min(programme amount, actual costs), amounts as strings
    client = Client()
    headers = _bearer("auditor")
    listed = client.get(reverse("api:funding_proof_list"), headers=headers).json()
    assert [item["id"] for item in listed["items"]] == [proof.pk]
    assert listed["items"][0]["due"] == f"{YEAR + 1}-01-15"
    detail = client.get(
        reverse("api:funding_proof_detail", kwargs={"proof_id": proof.pk}), headers=headers
    ).json()
    assert detail["statement"]["entitlement"] == "71367.12"
    assert detail["statement"]["actual"] == "72000.00"
    assert detail["statement"]["eligible"] == "71367.12"
    assert detail["status"] == "draft"


def test_other_region_and_roles_without_grant_files(proof):
    client = Client()
    url = reverse("api:funding_proof_detail", kwargs={"proof_id": proof.pk})
    assert client.get(url, headers=_bearer("grants.remsmurr")).status_code == 404
    assert client.get(url, headers=_bearer("cm.bergkamen")).status_code == 403

"""Who reaches which grant file: a town's grants officer, the auditor's time window (KIM §9)."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from lotse.accounts.models import Membership, User
from lotse.accounts.permissions import Role
from lotse.core import clock
from lotse.demo.grants import BS2_FILE_NUMBER, CONTRACT_TITLE, load_grants
from lotse.funding.models import GrantDecision, PassThroughContract, PaymentRequest
from lotse.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, demo_mode):
    load_grants()


def _client_for(username, role, organisation, *, valid_to=None, valid_from=date(2023, 1, 1)):
    user = User.objects.create_user(username, password="irrelevant-password-1", is_demo=True)
    Membership.objects.create(
        user=user,
        role=role,
        organisation=Organisation.objects.get(name=organisation),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    client = Client()
    client.force_login(user)
    return client


def test_a_towns_grants_officer_sees_its_part_and_cannot_approve(demo):
    luenen = _client_for("grants.luenen", Role.GRANTS_OFFICER, "Lünen")
    contract = PassThroughContract.objects.get(title=CONTRACT_TITLE)
    # The contract is the county's; Lünen reads it through its own allocation (KIM §4(1)).
    assert (
        luenen.get(reverse("funding:contract_detail", kwargs={"pk": contract.pk})).status_code
        == 200
    )
    assert (
        luenen.get(reverse("funding:contract_amend", kwargs={"pk": contract.pk})).status_code == 404
    )
    # Lünen sees its own requests, never Bergkamen's.
    listing = luenen.get(reverse("funding:request_list")).content.decode()
    bergkamen = PaymentRequest.objects.get(organisation__name="Bergkamen")
    assert f"Nr. {bergkamen.pk}<" not in listing
    assert (
        luenen.get(reverse("funding:request_detail", kwargs={"pk": bergkamen.pk})).status_code
        == 404
    )
    # KIM §6: the county pays out; the town cannot approve its own request.
    own = PaymentRequest.objects.filter(organisation__name="Lünen", status="submitted").first()
    page = luenen.get(reverse("funding:request_detail", kwargs={"pk": own.pk})).content.decode()
    assert "Entscheidung speichern" not in page
    response = luenen.post(
        reverse("funding:request_decide", kwargs={"pk": own.pk}), {"approve": "1", "note": ""}
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == "submitted"
    # Only Lünen's own share is offered for new requests.
    offered = luenen.get(reverse("funding:request_create")).content.decode()
    assert "Lünen:" in offered and "Bergkamen:" not in offered


def test_the_auditor_reads_only_within_the_membership_window(demo):
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    url = reverse("funding:decision_detail", kwargs={"pk": bs2.pk})
    today = clock.today()
    current = _client_for("auditor.now", Role.AUDITOR, "Bezirksregierung Arnsberg", valid_to=today)
    assert current.get(url).status_code == 200
    expired = _client_for(
        "auditor.past",
        Role.AUDITOR,
        "Bezirksregierung Arnsberg",
        valid_to=today - timedelta(days=1),
    )
    assert expired.get(url).status_code == 403
    # Never case files (KIM §9: grant files only).
    assert current.get(reverse("cases:client_list")).status_code == 403


def test_start_page_counts_what_waits(demo, login):
    # Demo: two submitted requests, one paid; the BS I decision "vom XXX" and the
    # follow-up decision are drafts.
    page = login("grants.unna").get(reverse("home:start")).content.decode()
    assert "2 Mittelabrufe warten auf Entscheidung." in page
    assert "2 Bescheide sind Entwürfe mit Lücken." in page
    # KIM §7(3): a changed decision leaves a proposal to accept.
    from decimal import Decimal

    from lotse.funding import services

    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    services.decision_update(
        decision=bs2,
        by=None,
        effective_from=date(2023, 7, 1),
        fte=Decimal("10"),
        amount=Decimal("570000"),
    )
    page = login("grants.unna").get(reverse("home:start")).content.decode()
    assert "1 Änderungsvorschlag nach KIM § 7 Abs. 3 ist offen." in page
    auditor = login("auditor").get(reverse("home:start")).content.decode()
    assert "warten auf Entscheidung" not in auditor  # read-only: nothing to decide

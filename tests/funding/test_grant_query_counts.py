"""Grant pages cost the same number of queries for few or many rows (no N+1); counts pinned."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.urls import reverse

from lotse.demo.grants import BS2_FILE_NUMBER, CONTRACT_TITLE, load_grants
from lotse.demo.staff import load_staff
from lotse.funding.models import (
    GrantDecision,
    PassThroughContract,
    PaymentRequest,
    Programme,
)
from lotse.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(login):
    load_staff()
    load_grants()
    client = login("grants.unna")
    client.get(reverse("funding:grant_list"))  # warm the session and content types
    return client


def _more_rows():
    county = Organisation.objects.get(name="Kreis Unna")
    bergkamen = Organisation.objects.get(name="Bergkamen")
    bs2 = GrantDecision.objects.get(file_number=BS2_FILE_NUMBER)
    for n in range(6):
        GrantDecision.objects.create(
            organisation=county,
            programme=Programme.objects.get(slug="kim-nrw-bs1"),
            file_number=f"X-{n}",
            period_start=date(2023, 1, 1),
        )
        PaymentRequest.objects.create(
            organisation=bergkamen,
            decision=bs2,
            amount=D("100.00"),
            payout_date=date(2023, 5, 1),
            submitted_at="2023-04-01T10:00:00Z",
        )


# The access log's chain lock is one more query on PostgreSQL (pg_advisory_xact_lock).
AUDIT_LOCK = 1 if connection.vendor == "postgresql" else 0
PAGES = {
    "funding:grant_list": (None, 10),
    "funding:request_list": (None, 9),
    # Includes the access-log line (predecessor, insert) and the ledger.
    "funding:decision_detail": ("bs2", 27 + AUDIT_LOCK),
    "funding:contract_detail": ("contract", 18 + AUDIT_LOCK),
    "funding:position_list": (None, 11),
    "funding:overview": ("year", 17),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_do_not_grow_with_rows(officer, name, django_assert_num_queries):
    kind = PAGES[name][0]

    def url():
        if kind == "bs2":
            return reverse(
                name, kwargs={"pk": GrantDecision.objects.get(file_number=BS2_FILE_NUMBER).pk}
            )
        if kind == "contract":
            return reverse(
                name, kwargs={"pk": PassThroughContract.objects.get(title=CONTRACT_TITLE).pk}
            )
        if kind == "year":
            return reverse(name) + "?year=2023"
        return reverse(name)

    pinned = PAGES[name][1]
    target = url()
    with django_assert_num_queries(pinned):
        assert officer.get(target).status_code == 200
    _more_rows()
    with django_assert_num_queries(pinned):
        assert officer.get(target).status_code == 200

"""Two concurrent payment requests can never over-draw a grant (issue 5 item 5).

payment_request_submit locks the grant decision's row (SELECT … FOR UPDATE)
before it sums what is already bound. The check is slowed down on purpose, so
without the lock both threads would read "nothing requested yet" and both pass.
On SQLite every transaction begins IMMEDIATE, which serialises writers anyway;
the race is only real on PostgreSQL, so the test runs there.
"""

import threading
import time
from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection, connections

from lotse.demo.regions import load_regions
from lotse.funding import services
from lotse.funding.models import GrantDecision, PaymentRequest, PaymentStatus, Programme
from lotse.funding.rules import payment_request as rule
from lotse.funding.rules.payment_request import PlannedPayment
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import Organisation

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every writing transaction (BEGIN IMMEDIATE); "
        "the row lock is proven on PostgreSQL (LOTSE_DATABASE_URL=postgres://…)",
    ),
]


def test_two_concurrent_requests_cannot_overdraw_the_grant(monkeypatch):
    # A transactional test after another one (browser, deadlines) finds an empty database.
    load_regions()
    county = Organisation.objects.get(name="Kreis Unna")
    decision = GrantDecision.objects.create(
        organisation=county,
        programme=Programme.objects.get(slug="kim-nrw-bs2"),
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        amount=D("10000.00"),
        fte=D("1.0"),
    )
    original = rule.payment_request_check

    def slow_check(**kwargs):
        time.sleep(0.5)  # both threads would be here at once without the lock
        return original(**kwargs)

    monkeypatch.setattr(services, "payment_request_check", slow_check)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def request_money():
        try:
            start.wait(timeout=10)
            services.payment_request_submit(
                organisation=county,
                decision=decision,
                amount=D("6000.00"),
                payout_date=date(2023, 3, 1),
                planned=[PlannedPayment(date(2023, 3, 31), D("6000.00"))],
                earlier_use="Gehälter",
                share=D("10000.00"),
                by=None,
            )
            outcomes.append("allowed")
        except RuleViolation as refused:
            outcomes.append("refused: " + refused.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request_money) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(o.split(":")[0] for o in outcomes) == ["allowed", "refused"]
    refused = next(o for o in outcomes if o.startswith("refused"))
    assert "übrig" in refused  # the grant's rest, named in the message
    bound = sum(
        p.amount
        for p in PaymentRequest.objects.filter(decision=decision, status=PaymentStatus.SUBMITTED)
    )
    assert bound == D("6000.00") <= decision.amount

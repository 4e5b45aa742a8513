"""Baden-Württemberg: the county's interim proof for 2024 (BW 9.1.6) on the pages."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from lotse.deadlines.models import DeadlineDone
from lotse.funding.models import FundedPosition, GrantDecision, Programme
from lotse.organisations.models import Organisation
from lotse.proofs.models import ProofOfUse, ProofStatus
from lotse.proofs.selectors import proof_data
from lotse.staff.models import Employee, EmploymentPeriod

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(db):
    county = Organisation.objects.get(name="Rems-Murr-Kreis")
    programme = Programme.objects.get(slug="bw-im-2023-transition")
    decision = GrantDecision.objects.create(
        organisation=county,
        authority=county.parent,
        programme=programme,
        decided_on=date(2024, 2, 1),
        file_number="RMK-2024",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        amount=Decimal("60000.00"),
        fte=Decimal("1.000"),
    )
    employee = Employee.objects.create(
        organisation=county,
        first_name="Lena",
        last_name="Probst",
        function="integration_manager",
        hire_date=date(2023, 1, 1),
        degree_field="social_work",
    )
    period = EmploymentPeriod.objects.create(
        organisation=county,
        employee=employee,
        position="IM-RMK-1",
        start=date(2023, 1, 1),
        fte=Decimal("1.0"),
        funded_fte=Decimal("1.0"),
    )
    FundedPosition.objects.create(
        organisation=county,
        employment_period=period,
        programme=programme,
        decision=decision,
        qualification_level="1",
    )
    return decision


def test_interim_proof_2024_is_due_end_of_march_and_marks_its_deadline(login, decision):
    # BW 9.1.6: interim proofs for 2023 and 2024, three months after the year;
    # BW 9.1.4 a: 60,000 EUR per position and year at qualification level 1
    officer = login("grants.remsmurr")
    with time_machine.travel(datetime(2025, 3, 1, 10, 0).astimezone(), tick=False):
        response = officer.post(
            reverse("proofs:list"),
            {
                "grant": f"{decision.pk}-{decision.organisation_id}",
                "kind": "interim",
                "year": "2024",
            },
        )
        assert response.status_code == 302
        proof = ProofOfUse.objects.get(decision=decision)
        assert (proof.due, proof.citation) == (date(2025, 3, 31), "BW 9.1.6")
        assert proof_data(proof)["statement"]["entitlement"] == "60000.00"
        officer.post(reverse("proofs:submit", args=[proof.pk]))
    proof.refresh_from_db()
    assert proof.status == ProofStatus.SUBMITTED
    done = DeadlineDone.objects.get(organisation=decision.organisation)
    assert done.due == date(2025, 3, 31)
    assert "Zwischenverwendungsnachweis" in done.deadline.name
    # The holder's own proof is checked by the granting authority, not by the county.
    officer = login("grants.remsmurr")  # a fresh session after the time travel
    assert officer.post(reverse("proofs:check", args=[proof.pk]), {"note": ""}).status_code == 403
    authority = login("authority.stuttgart")
    authority.post(reverse("proofs:check", args=[proof.pk]), {"note": "geprüft"})
    proof.refresh_from_db()
    assert proof.status == ProofStatus.CHECKED


def test_interim_proof_for_2025_is_refused(login, decision):
    # BW 9.1.6 names only 2023 and 2024
    officer = login("grants.remsmurr")
    response = officer.post(
        reverse("proofs:list"),
        {"grant": f"{decision.pk}-{decision.organisation_id}", "kind": "interim", "year": "2025"},
    )
    assert "nur für 2023 und 2024 (BW 9.1.6)" in response.content.decode()
    assert not ProofOfUse.objects.exists()

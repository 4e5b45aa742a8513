"""Grant objects for the role × URL matrix: Kreis Unna (own), the Rems-Murr-Kreis or a
neighbour of the role (foreign).

Plain rows (no services) so the matrix does not depend on the rules under test.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lotse.core import clock
from lotse.core.tenancy import Area
from lotse.funding.models import (
    ContractAllocation,
    ContractVersion,
    FundedPosition,
    GrantDecision,
    PassThroughContract,
    PaymentRequest,
    PaymentStatus,
    PlannedPaymentLine,
    Programme,
    RecoveryClaim,
    VersionStatus,
)
from lotse.organisations.models import Organisation
from lotse.staff.models import Employee, EmploymentPeriod
from tests.access_registry import BERGKAMEN


@dataclass
class GrantObjects:
    county: Organisation
    town: Organisation
    decision: GrantDecision
    contract: PassThroughContract
    version: ContractVersion
    proposal: ContractVersion
    period: EmploymentPeriod
    position: FundedPosition
    submitted: PaymentRequest
    approved: PaymentRequest
    claim: RecoveryClaim


def grant_objects(county_name: str, town_name: str, tag: str = "1") -> GrantObjects:
    """``tag`` goes into the file number, the contract's title and the employee's name."""
    county = Organisation.objects.get(name=county_name)
    town = Organisation.objects.get(name=town_name)
    authority = county.parent
    bs2 = Programme.objects.get(slug="kim-nrw-bs2")
    decision = GrantDecision.objects.create(
        organisation=county,
        authority=authority,
        programme=bs2,
        decided_on=date(2023, 2, 15),
        file_number=f"MATRIX-{tag}",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        amount=Decimal("114000.00"),
        fte=Decimal("2.000"),
    )
    contract = PassThroughContract.objects.create(
        organisation=county, title=f"Matrix-Vertrag {tag}"
    )
    contract.decisions.add(decision)
    versions = []
    for number, status, fte in (
        (0, VersionStatus.IN_FORCE, "2.0"),
        (None, VersionStatus.PROPOSED, "2.5"),
    ):
        version = ContractVersion.objects.create(
            organisation=county,
            contract=contract,
            number=number,
            status=status,
            effective_from=date(2023, 1, 1) if number == 0 else date(2023, 7, 1),
            term_end=date(2023, 12, 31),
            rate=Decimal("57000.00"),
        )
        ContractAllocation.objects.create(
            organisation=town, version=version, programme=bs2, fte=Decimal(fte)
        )
        versions.append(version)
    employee = Employee.objects.create(
        organisation=town,
        first_name="Grete",
        last_name=f"Matrix-{tag}",
        function="case_manager",
        hire_date=date(2023, 1, 1),
    )
    period = EmploymentPeriod.objects.create(
        organisation=town,
        employee=employee,
        position="FM-MATRIX",
        start=date(2023, 1, 1),
        fte=Decimal("1.0"),
        funded_fte=Decimal("1.0"),
    )
    position = FundedPosition.objects.create(
        organisation=town, employment_period=period, programme=bs2, decision=decision
    )
    requests = []
    for status in (PaymentStatus.SUBMITTED, PaymentStatus.APPROVED):
        request = PaymentRequest.objects.create(
            organisation=town,
            decision=decision,
            amount=Decimal("9500.00"),
            payout_date=date(2023, 2, 1),
            status=status,
            submitted_at=clock.now(),
        )
        PlannedPaymentLine.objects.create(
            organisation=town, request=request, due=date(2023, 2, 28), amount=Decimal("9500.00")
        )
        requests.append(request)
    # A recovery claim against the county, which it may pass on (KIM §11).
    claim = RecoveryClaim.objects.create(
        organisation=county,
        decision=decision,
        amount=Decimal("1000.00"),
        interest_from=date(2024, 1, 1),
    )
    return GrantObjects(
        county, town, decision, contract, *versions, period, position, *requests, claim
    )


def grants_for(world, own: bool) -> GrantObjects:
    """Kreis Unna's grant passed on to Bergkamen (own), or a grant of the county and town
    world.foreign_place names (foreign)."""
    place = BERGKAMEN if own else world.foreign_place(Area.GRANTS)
    cache = world.__dict__.setdefault("_grants", {})
    if place.tag not in cache:
        cache[place.tag] = grant_objects(place.county, place.town, place.tag)
    return cache[place.tag]

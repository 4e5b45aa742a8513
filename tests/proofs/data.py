"""A 2025 KIM Baustein II grant of Kreis Unna passed on to Bergkamen, with two positions.

- Grete Muster, FM-BE-1, 1.0 FTE all year: 57,000.00 EUR (KIM §6);
- Hans Beispiel, FM-BE-2, 0.5 FTE from 1 July: 57,000 × 0.5 × 184/365 = 14,367.12 EUR.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lotse.funding.models import (
    ContractAllocation,
    ContractVersion,
    FundedPosition,
    GrantDecision,
    PassThroughContract,
    Programme,
    VersionStatus,
)
from lotse.organisations.models import Organisation
from lotse.staff.models import Employee, EmploymentPeriod

YEAR = 2025


@dataclass
class Grant:
    county: Organisation
    town: Organisation
    decision: GrantDecision
    positions: list[FundedPosition]


def build_grant(town_name: str = "Bergkamen", county_name: str = "Kreis Unna") -> Grant:
    county = Organisation.objects.get(name=county_name)
    town = Organisation.objects.get(name=town_name)
    bs2 = Programme.objects.get(slug="kim-nrw-bs2")
    decision = GrantDecision.objects.create(
        organisation=county,
        authority=county.parent,
        programme=bs2,
        decided_on=date(YEAR, 1, 20),
        file_number=f"VN-{YEAR}-{town_name}",
        period_start=date(YEAR, 1, 1),
        period_end=date(YEAR, 12, 31),
        amount=Decimal("114000.00"),
        fte=Decimal("2.000"),
    )
    contract = PassThroughContract.objects.create(organisation=county, title=f"VN {town_name}")
    contract.decisions.add(decision)
    version = ContractVersion.objects.create(
        organisation=county,
        contract=contract,
        number=0,
        status=VersionStatus.IN_FORCE,
        effective_from=date(YEAR, 1, 1),
        term_end=date(YEAR, 12, 31),
        rate=Decimal("57000.00"),
    )
    ContractAllocation.objects.create(
        organisation=town, version=version, programme=bs2, fte=Decimal("2.0")
    )
    positions = []
    for first, last, code, start, fte in (
        ("Grete", "Muster", "FM-BE-1", date(YEAR, 1, 1), "1.0"),
        ("Hans", "Beispiel", "FM-BE-2", date(YEAR, 7, 1), "0.5"),
    ):
        employee = Employee.objects.create(
            organisation=town,
            first_name=first,
            last_name=last,
            function="case_manager",
            hire_date=start,
        )
        period = EmploymentPeriod.objects.create(
            organisation=town,
            employee=employee,
            position=code,
            start=start,
            fte=Decimal(fte),
            funded_fte=Decimal(fte),
        )
        positions.append(
            FundedPosition.objects.create(
                organisation=town, employment_period=period, programme=bs2, decision=decision
            )
        )
    return Grant(county, town, decision, positions)


def payroll_csv(rows: list[tuple[str, str, str]]) -> bytes:
    lines = ["Mitarbeiter:in;Monat;Arbeitgeberbrutto"] + [";".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def full_year() -> list[tuple[str, str, str]]:
    """Grete 12 × 5,000.00 = 60,000.00; Hans 6 × 2,000.00 = 12,000.00: actual 72,000.00."""
    rows = [("Grete Muster", f"{m:02d}.{YEAR}", "5.000,00") for m in range(1, 13)]
    rows += [("FM-BE-2", f"{m:02d}.{YEAR}", "2.000,00") for m in range(7, 13)]
    return rows

"""Staff objects for the role × URL matrix and the staff tests.

Own region: an integration manager at Bergkamen (which the county's coordinating
office and grants officer see) and one at Lünen (which its team lead sees; the
county's coordinating office does not, KIM §4(3)). Foreign: Backnang in the other
state, or the role's neighbour (tests/access_registry.py: NEIGHBOURS).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from lotse.accounts.permissions import Role
from lotse.core.tenancy import Area
from lotse.organisations.models import Organisation
from lotse.staff.models import (
    Employee,
    EmploymentPeriod,
    EquivalenceProof,
    SupplementaryTraining,
)
from tests.access_registry import BERGKAMEN, LUENEN

PDF = b"%PDF-1.4\n%demo\n"


@dataclass
class StaffObjects:
    employee: Employee
    period: EmploymentPeriod
    proof: EquivalenceProof
    supplementary: SupplementaryTraining


def staff_objects(organisation: Organisation, *, last_name: str = "Muster") -> StaffObjects:
    """Plain rows (no services), so the matrix does not depend on the rules under test."""
    employee = Employee.objects.create(
        organisation=organisation,
        first_name="Erika",
        last_name=last_name,
        function="integration_manager",
        hire_date=date(2024, 1, 1),
        degree_field="social_work",
        degree_foreign=True,
    )
    period = EmploymentPeriod.objects.create(
        organisation=organisation,
        employee=employee,
        position="IM-TEST",
        start=date(2024, 1, 1),
        end=None,
        fte=Decimal("0.5"),
        funded_fte=Decimal("0.5"),
    )
    proof = EquivalenceProof(
        organisation=organisation,
        employee=employee,
        kind="equivalence_assessment",
        issued_on=date(2024, 2, 1),
    )
    proof.document.save("nachweis.pdf", ContentFile(PDF), save=False)
    proof.save()
    supplementary = SupplementaryTraining.objects.create(
        organisation=organisation,
        employee=employee,
        title="Modul 1",
        provider="Liga",
        start=date(2024, 2, 1),
        end=date(2024, 2, 2),
        days=Decimal(2),
        topics="ab",
    )
    return StaffObjects(employee, period, proof, supplementary)


def staff_for(world, own: bool) -> StaffObjects:
    """The staff objects the current user should reach (own) or never reach (foreign: the
    place world.foreign_place names)."""
    if not own:
        place = world.foreign_place(Area.STAFF)
    elif (
        world.current is not None and world.current.memberships.filter(role=Role.TEAM_LEAD).exists()
    ):
        place = LUENEN
    else:
        place = BERGKAMEN
    cache = world.__dict__.setdefault("_staff_objects", {})
    if place.tag not in cache:
        cache[place.tag] = staff_objects(
            Organisation.objects.get(name=place.town), last_name=f"Muster-{place.tag}"
        )
    return cache[place.tag]

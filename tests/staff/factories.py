"""Plain-value factories for the staff rules: named people, sensible defaults.

Rems-Murr-Kreis (BW) employs Ayla and Bernd as integration managers and Clara in
the coordinating office; Backnang is a town passing money on to its own staff.
"""

from datetime import date
from decimal import Decimal

from lotse.staff.rules.common import DateRange, StaffFunction
from lotse.staff.rules.employment import Consent, EmploymentPeriod, Interruption

RECIPIENT = "rems-murr"
YEAR_2024 = DateRange(date(2024, 1, 1), date(2024, 12, 31))  # a leap year: 366 days


def employment(
    *,
    person: str | None = "ayla",
    position: str = "im-1",
    recipient: str = RECIPIENT,
    function: StaffFunction = StaffFunction.INTEGRATION_MANAGER,
    start: date = date(2024, 1, 1),
    end: date | None = date(2024, 12, 31),
    fte: str | Decimal = "0.5",
    funded_fte: str | Decimal | None = None,
    mini_job: bool = False,
    interruptions: tuple[Interruption, ...] = (),
) -> EmploymentPeriod:
    fte = Decimal(fte)
    return EmploymentPeriod(
        person=person,
        position=position,
        recipient=recipient,
        function=function,
        start=start,
        end=end,
        fte=fte,
        funded_fte=fte if funded_fte is None else Decimal(funded_fte),
        mini_job=mini_job,
        interruptions=interruptions,
    )


def interruption(
    start: date, end: date | None, *, reason: str = "Elternzeit", approved: bool = True
) -> Interruption:
    consent = Consent(given_on=start, reference="RPS-15-5913-1/24") if approved else None
    return Interruption(start=start, end=end, reason=reason, consent=consent)

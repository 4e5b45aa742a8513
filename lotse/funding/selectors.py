"""Reads for funding: load a programme's data and hand plain values to the pure rules.

Programmes belong to no tenant (they are the state's rules), so these reads
need no user; the calculator is open to everyone signed in. Every refusal is a
``RuleViolation`` with the field it concerns and a German message naming the rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from lotse.funding.models import BaseInterestRate, CalculationKind, Programme, RateUnit
from lotse.funding.rules import (
    BaseRate,
    Calculation,
    DayBasis,
    FareLoss,
    Interest,
    PartialMonth,
    PlanningFrame,
    ProRata,
    Rate,
    capped_position_amount,
    check_fte,
    fare_loss_reimbursement,
    interest_49a,
    per_fte_amount,
    planning_frame_distribute,
    select_rates,
)
from lotse.funding.rules.periods import check_period
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur, format_fte

FARE_LOSS_PROGRAMME = "fga"
PLANNING_FRAME_PROGRAMME = "bw-im-2023-planning-frame"
STAFFED = (CalculationKind.PER_FTE, CalculationKind.CAPPED_POSITION)


@dataclass(frozen=True)
class ProgrammeCalculation:
    programme: Programme
    calculation: Calculation
    explanation: list[str]  # the programme's lines, then the arithmetic


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.prefetch_related("rates", "deadlines").order_by("sort_order", "slug")


def programme_get(*, slug: str) -> Programme:
    programme = programme_list().filter(slug=slug).first()
    if programme is None:
        known = ", ".join(programme_list().values_list("slug", flat=True))
        raise RuleViolation(
            f"Unbekanntes Förderprogramm „{slug}“. Bekannt sind: {known}.", "programme"
        )
    return programme


def _rates(programme: Programme, unit: str) -> list[Rate]:
    return [
        Rate(
            amount=rate.amount,
            valid_from=rate.valid_from,
            valid_to=rate.valid_to,
            qualification=rate.qualification,
            citation=rate.citation,
        )
        for rate in programme.rates.all()
        if rate.unit == unit
    ]


def _check_validity(programme: Programme, *, start: date, end: date) -> None:
    citations = "; ".join(programme.citation_list)
    if programme.valid_from and start < programme.valid_from:
        raise RuleViolation(
            f"„{programme.name}“ gilt erst ab dem {format_date(programme.valid_from)} "
            f"({citations}).",
            "start",
        )
    if programme.valid_to and end > programme.valid_to:
        raise RuleViolation(
            f"„{programme.name}“ gilt nur bis zum {format_date(programme.valid_to)} ({citations}).",
            "end",
        )


def programme_calculate(
    *,
    programme: str | Programme,
    fte: Decimal,
    start: date,
    end: date,
    qualification_level: str | int | None = None,
    costs: Decimal | None = None,
    minijob: bool = False,
) -> ProgrammeCalculation:
    """A position's amount under a programme's rules (KIM §6; BW 5.6, 9.1.4, 9.1.8)."""
    if isinstance(programme, str):
        programme = programme_get(slug=programme)
    if programme.calculation not in STAFFED:
        other = {
            CalculationKind.FARE_LOSS: "die Fahrgeldausfall-Berechnung",
            CalculationKind.PLANNING_FRAME: "die Planungsrahmen-Berechnung",
        }.get(programme.calculation, "eine andere Berechnung")
        raise RuleViolation(
            f"„{programme.name}“ wird nicht nach Stellen berechnet; bitte {other} verwenden.",
            "programme",
        )
    check_period(start=start, end=end)
    _check_validity(programme, start=start, end=end)
    check_fte(
        fte=fte,
        min_fte=programme.min_fte,
        max_fte=programme.max_fte,
        minijob=minijob,
        minimum_citation=programme.minimum_citation or "; ".join(programme.citation_list),
    )
    lines = [f"{programme.name} ({'; '.join(programme.citation_list)})."]
    if programme.min_fte is not None:
        lines.append(
            f"Stellenumfang {format_fte(fte)}: mindestens {format_fte(programme.min_fte)} "
            f"({programme.minimum_citation}) – erfüllt."
        )
    level = str(qualification_level).strip().lower() if qualification_level is not None else ""
    if programme.calculation == CalculationKind.CAPPED_POSITION:
        caps = _rates(programme, RateUnit.EUR_PER_YEAR)
        if not caps:
            raise RuleViolation(
                f"Für „{programme.name}“ ist kein Höchstbetrag hinterlegt.", "programme"
            )
        calculation = capped_position_amount(
            caps=caps,
            fte=fte,
            start=start,
            end=end,
            min_fte=programme.min_fte,
            costs=costs,
            citation=programme.minimum_citation or caps[0].citation,
        )
    else:
        all_rates = _rates(programme, RateUnit.EUR_PER_FTE_YEAR)
        if not all_rates:
            raise RuleViolation(
                f"Für „{programme.name}“ sind keine Sätze hinterlegt. {programme.note}".strip(),
                "programme",
            )
        rates = select_rates(rates=all_rates, qualification=level or None)
        if any(rate.qualification for rate in rates):
            lines.append(
                f"Qualifikationsstufe {level}: {format_eur(rates[0].amount)} je 1,0 VZÄ und Jahr "
                f"({rates[0].citation})."
            )
        calculation = per_fte_amount(
            rates=rates,
            fte=fte,
            start=start,
            end=end,
            method=ProRata(programme.pro_rata),
            partial_month=PartialMonth(programme.partial_month),
            costs=costs,
        )
    return ProgrammeCalculation(
        programme=programme, calculation=calculation, explanation=lines + calculation.explanation
    )


def fare_loss_calculate(*, year: int, revenue: Decimal) -> FareLoss:
    """FGA 1: the year's percentage from the ``fga`` programme's rates."""
    programme = programme_get(slug=FARE_LOSS_PROGRAMME)
    percentages = {
        rate.valid_from.year: rate.amount
        for rate in programme.rates.all()
        if rate.unit == RateUnit.PERCENT and rate.valid_from
    }
    return fare_loss_reimbursement(
        year=year, revenue=revenue, percentages=percentages, citation=programme.citation_list[0]
    )


def planning_frame_calculate(
    *,
    budget: Decimal,
    quotas: Mapping[str, Sequence[Decimal]],
    minimum: Decimal | None = None,
) -> PlanningFrame:
    """BW 5.3 with the programme's minimum (180,000 EUR) unless another is given."""
    programme = programme_get(slug=PLANNING_FRAME_PROGRAMME)
    if minimum is None:
        minimum = programme.minimum_amount if programme.minimum_amount is not None else Decimal(0)
    return planning_frame_distribute(
        budget=budget, quotas=quotas, minimum=minimum, citation="BW 5.3"
    )


def base_rate_table() -> list[BaseRate]:
    return [
        BaseRate(valid_from=row.valid_from, percent=row.percent)
        for row in BaseInterestRate.objects.order_by("valid_from")
    ]


def interest_calculate(
    *,
    principal: Decimal,
    start: date,
    end: date,
    day_basis: DayBasis = DayBasis.ACT_365,
    count_first_day: bool = True,
) -> Interest:
    """§ 49a VwVfG interest with the stored base-rate table."""
    return interest_49a(
        principal=principal,
        start=start,
        end=end,
        base_rates=base_rate_table(),
        day_basis=day_basis,
        count_first_day=count_first_day,
    )

"""Funding calculator API (SPEC §4.1, issue 5): programmes as data, arithmetic from lotse.funding.rules.

Every signed-in role may calculate: the rules are public and no tenant's data
is read. Amounts are strings with exactly two decimals; numbers are accepted
as strings or JSON numbers and parsed to Decimal without float (the API's
parser reads JSON numbers as Decimal). A refused input raises ``RuleViolation``, which the
API answers 422 with ``{"detail": [{"field": "…", "msg": "…"}]}``, the message in German
naming the rule (lotse/api/errors.py).
"""

from datetime import date
from typing import Annotated, Any

from ninja import Router, Schema
from pydantic import ConfigDict, WithJsonSchema

from lotse.api.errors import ErrorOut
from lotse.funding import selectors
from lotse.funding.rules import DayBasis
from lotse.funding.rules.periods import parse_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import amount_text, parse_decimal, parse_money

router = Router(tags=["Zuwendungen"])

# Parsed by hand so every refusal is German and names its rule; documented as the types they are.
Number = Annotated[Any, WithJsonSchema({"type": ["string", "number"], "examples": ["0.5"]})]
Money = Annotated[Any, WithJsonSchema({"type": ["string", "number"], "examples": ["1234.56"]})]
Day = Annotated[Any, WithJsonSchema({"type": "string", "format": "date"})]
Level = Annotated[Any, WithJsonSchema({"type": ["string", "integer"], "examples": [1, "4b"]})]


def _required(*names: str) -> ConfigDict:
    return ConfigDict(json_schema_extra={"required": list(names)})


class CalculateIn(Schema):
    model_config = _required("programme", "fte", "start", "end")

    programme: Any = None
    fte: Number = None
    start: Day = None
    end: Day = None
    qualification_level: Level = None
    costs: Money = None
    minijob: Any = False


class SegmentOut(Schema):
    start: date
    end: date
    days: int
    days_in_year: int
    rate: str


class CalculateOut(Schema):
    programme: str
    amount: str
    days: int
    capped_by_costs: bool
    segments: list[SegmentOut]
    explanation: list[str]


class FareLossIn(Schema):
    model_config = _required("year", "revenue")

    year: Annotated[Any, WithJsonSchema({"type": "integer", "examples": [2021]})] = None
    revenue: Money = None


class FareLossOut(Schema):
    year: int
    revenue: str
    percent: str
    amount: str
    explanation: list[str]


class PlanningFrameIn(Schema):
    model_config = _required("budget", "quotas")

    budget: Money = None
    minimum: Money = None
    quotas: Annotated[
        Any,
        WithJsonSchema(
            {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {"type": ["string", "number"]},
                    "minItems": 3,
                    "maxItems": 3,
                },
                "examples": [{"Rems-Murr-Kreis": ["3.8", "3.9", "4.0"]}],
            }
        ),
    ] = None


class PlanningFrameOut(Schema):
    budget: str
    minimum: str
    total: str
    allocations: dict[str, str]
    raised_to_minimum: list[str]
    average_quotas: dict[str, str]
    rounds: int
    explanation: list[str]


class InterestIn(Schema):
    model_config = _required("principal", "start", "end")

    principal: Money = None
    start: Day = None
    end: Day = None
    day_basis: Annotated[
        Any, WithJsonSchema({"type": "string", "enum": [b.value for b in DayBasis]})
    ] = DayBasis.ACT_365.value


class InterestOut(Schema):
    principal: str
    amount: str
    days: int
    explanation: list[str]


class RateOut(Schema):
    qualification: str
    amount: str
    unit: str
    valid_from: date | None
    valid_to: date | None
    citation: str


class DeadlineOut(Schema):
    name: str
    anchor: str
    fixed_date: date | None
    months: int
    days: int
    citation: str


class ProgrammeOut(Schema):
    id: str
    name: str
    description: str
    citations: list[str]
    valid_from: date | None
    valid_to: date | None
    calculation: str
    pro_rata: str
    partial_month: str
    min_fte: str | None
    max_fte: str | None
    minimum_amount: str | None
    needs_qualification_level: bool
    rates: list[RateOut]
    deadlines: list[DeadlineOut]
    required_confirmations: list[str]
    note: str


def _missing(value: Any, field: str, label: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RuleViolation(f"{label} fehlt.", field)


def _flag(value: Any, field: str) -> bool:
    if value in (None, False, "", "0", "false", "nein"):
        return False
    if value in (True, "1", "true", "ja"):
        return True
    raise RuleViolation("Bitte true oder false angeben.", field)


@router.get("/programmes", response=list[ProgrammeOut], url_name="funding_programmes")
def programme_list(request):
    """Shipped programmes with their ids, validity, citations, rates and deadlines."""
    return [
        {
            "id": programme.slug,
            "name": programme.name,
            "description": programme.description,
            "citations": programme.citation_list,
            "valid_from": programme.valid_from,
            "valid_to": programme.valid_to,
            "calculation": programme.calculation,
            "pro_rata": programme.pro_rata,
            "partial_month": programme.partial_month,
            "min_fte": None if programme.min_fte is None else f"{programme.min_fte.normalize():f}",
            "max_fte": None if programme.max_fte is None else f"{programme.max_fte.normalize():f}",
            "minimum_amount": None
            if programme.minimum_amount is None
            else amount_text(programme.minimum_amount),
            "needs_qualification_level": any(r.qualification for r in programme.rates.all()),
            "rates": [
                {
                    "qualification": rate.qualification,
                    "amount": f"{rate.amount.normalize():f}",
                    "unit": rate.unit,
                    "valid_from": rate.valid_from,
                    "valid_to": rate.valid_to,
                    "citation": rate.citation,
                }
                for rate in programme.rates.all()
            ],
            "deadlines": list(programme.deadlines.all()),
            "required_confirmations": programme.confirmation_list,
            "note": programme.note,
        }
        for programme in selectors.programme_list()
    ]


@router.post(
    "/calculate", response={200: CalculateOut, 422: ErrorOut}, url_name="funding_calculate"
)
def calculate(request, payload: CalculateIn):
    """A position's amount: rate × FTE × part of each calendar year, capped by costs (KIM §6; BW 5.6, 9.1.4, 9.1.8)."""
    _missing(payload.programme, "programme", "Das Förderprogramm")
    if not isinstance(payload.programme, str):
        raise RuleViolation(
            "Das Förderprogramm ist als Kennung anzugeben, z. B. kim-nrw-bs2.", "programme"
        )
    _missing(payload.fte, "fte", "Der Stellenumfang (VZÄ)")
    fte = parse_decimal(payload.fte, field="fte", label="Der Stellenumfang (VZÄ)")
    start = parse_date(payload.start, field="start", label="Der Beginn")
    end = parse_date(payload.end, field="end", label="Das Ende")
    level = payload.qualification_level
    if isinstance(level, bool) or (level is not None and not isinstance(level, str | int)):
        raise RuleViolation(
            "Die Qualifikationsstufe ist z. B. 1, 2, 3, 4b oder 4c.", "qualification_level"
        )
    costs = (
        None
        if payload.costs is None or payload.costs == ""
        else parse_money(payload.costs, field="costs", label="Die tatsächlichen Kosten")
    )
    result = selectors.programme_calculate(
        programme=payload.programme.strip(),
        fte=fte,
        start=start,
        end=end,
        qualification_level=level,
        costs=costs,
        minijob=_flag(payload.minijob, "minijob"),
    )
    calculation = result.calculation
    return {
        "programme": result.programme.slug,
        "amount": amount_text(calculation.amount),
        "days": calculation.days,
        "capped_by_costs": calculation.capped_by_costs,
        "segments": [
            {
                "start": segment.start,
                "end": segment.end,
                "days": segment.days,
                "days_in_year": segment.year_days,
                "rate": f"{segment.rate.normalize():f}",
            }
            for segment in calculation.segments
        ],
        "explanation": result.explanation,
    }


def _year(value: Any) -> int:
    _missing(value, "year", "Das Jahr")
    if isinstance(value, bool) or not (
        isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())
    ):
        raise RuleViolation("Das Jahr ist als vierstellige Zahl anzugeben, z. B. 2021.", "year")
    year = int(value)
    if not 1900 <= year <= 2200:
        raise RuleViolation("Das Jahr ist als vierstellige Zahl anzugeben, z. B. 2021.", "year")
    return year


@router.post("/fare-loss", response={200: FareLossOut, 422: ErrorOut}, url_name="funding_fare_loss")
def fare_loss(request, payload: FareLossIn):
    """FGA 1: the year's percentage of the proven fare revenue in local transport."""
    year = _year(payload.year)
    _missing(payload.revenue, "revenue", "Die nachgewiesenen Fahrgeldeinnahmen")
    revenue = parse_money(
        payload.revenue, field="revenue", label="Die nachgewiesenen Fahrgeldeinnahmen"
    )
    result = selectors.fare_loss_calculate(year=year, revenue=revenue)
    return {
        "year": result.year,
        "revenue": amount_text(revenue),
        "percent": f"{result.percent.normalize():f}",
        "amount": amount_text(result.amount),
        "explanation": result.explanation,
    }


def _quotas(value: Any) -> dict[str, list]:
    _missing(value, "quotas", "Die Zuteilungsquoten")
    if not isinstance(value, dict):
        raise RuleViolation(
            'Die Zuteilungsquoten sind ein Objekt: {"Kreis": ["Quote 1", "Quote 2", "Quote 3"]}.',
            "quotas",
        )
    quotas = {}
    for county, values in value.items():
        if not isinstance(values, list):
            raise RuleViolation(f"{county}: bitte eine Liste mit drei Quoten angeben.", "quotas")
        quotas[county.strip()] = [
            parse_decimal(v, field="quotas", label=f"{county}: die Zuteilungsquote") for v in values
        ]
    return quotas


@router.post(
    "/planning-frame",
    response={200: PlanningFrameOut, 422: ErrorOut},
    url_name="funding_planning_frame",
)
def planning_frame(request, payload: PlanningFrameIn):
    """BW 5.2–5.3: each county's frame by its three-year quota, at least the minimum, summing to the budget."""
    _missing(payload.budget, "budget", "Der Gesamtplanungsrahmen")
    budget = parse_money(payload.budget, field="budget", label="Der Gesamtplanungsrahmen")
    minimum = (
        None
        if payload.minimum is None or payload.minimum == ""
        else parse_money(payload.minimum, field="minimum", label="Der Mindestbetrag")
    )
    quotas = _quotas(payload.quotas)
    result = selectors.planning_frame_calculate(budget=budget, quotas=quotas, minimum=minimum)
    return {
        "budget": amount_text(budget),
        "minimum": amount_text(result.minimum),
        "total": amount_text(result.total),
        "allocations": {county: amount_text(a) for county, a in result.allocations.items()},
        "raised_to_minimum": result.raised,
        "average_quotas": {c: f"{q.normalize():f}" for c, q in result.average_quotas.items()},
        "rounds": result.rounds,
        "explanation": result.explanation,
    }


@router.post("/interest", response={200: InterestOut, 422: ErrorOut}, url_name="funding_interest")
def interest(request, payload: InterestIn):
    """§ 49a VwVfG: five percentage points above the base rate per year, by day, from the stored table."""
    _missing(payload.principal, "principal", "Der zu verzinsende Betrag")
    principal = parse_money(payload.principal, field="principal", label="Der zu verzinsende Betrag")
    start = parse_date(payload.start, field="start", label="Der Beginn")
    end = parse_date(payload.end, field="end", label="Das Ende")
    basis = payload.day_basis or DayBasis.ACT_365.value
    if not isinstance(basis, str) or basis not in {b.value for b in DayBasis}:
        raise RuleViolation("Zinstage: „act/365“ oder „act/act“.", "day_basis")
    day_basis = DayBasis(basis)
    result = selectors.interest_calculate(
        principal=principal, start=start, end=end, day_basis=day_basis
    )
    return {
        "principal": amount_text(principal),
        "amount": amount_text(result.amount),
        "days": result.days,
        "explanation": result.explanation,
    }


# Grant files (issue 5 items 3–5): decisions, contracts, payment requests, ledger.
from lotse.api.routers.funding_grants import router as grants_router  # noqa: E402

router.add_router("", grants_router)

"""Indicator API (issue 6 item 7): ``GET /api/v1/indicators?year=YYYY[&unit=<id>]``.

Returns the figures the caller may see, per unit, with indicator ids, names,
definitions and breakdowns. Scoped like the page (Area.AGGREGATES); a unit
outside the caller's scope answers 404 like a missing one. Figures are
suppressed (SPEC §5) unless the caller may read every case behind them (the
case managers and team leads of that municipality). No personal data: counts only.
"""

from typing import Any

from ninja import Router, Schema

from lotse.api.auth import require_area
from lotse.api.errors import ErrorOut
from lotse.core.tenancy import Area
from lotse.indicators import selectors

router = Router(tags=["Kennzahlen"])


class UnitOut(Schema):
    id: int
    name: str
    kind: str


class ReportOut(Schema):
    unit: UnitOut
    year: int
    period_start: str
    reference_date: str
    due_date: str
    catalogue: dict[str, Any] | None
    suppressed: bool
    threshold: int
    indicators: list[dict[str, Any]]


class IndicatorsOut(Schema):
    year: int
    units: list[ReportOut]


@router.get(
    "",
    response={200: IndicatorsOut, 422: ErrorOut},
    url_name="indicators",
    summary="Kennzahlen eines Jahres",
)
def indicators(request, year: int, unit: int | None = None):
    require_area(request, Area.AGGREGATES)
    selectors.check_year(year)  # a RuleViolation naming "year" answers 422 (lotse/api/errors.py)
    units = selectors.units_for(request.user)
    if unit is not None:
        chosen = [selectors.unit_for(request.user, units, unit)]
    else:
        default = selectors.default_unit(request.user, units)
        chosen = [default] if default else []
    reports = [
        selectors.report_for(request.user, node, year, units=units).as_json() for node in chosen
    ]
    return {"year": year, "units": reports}

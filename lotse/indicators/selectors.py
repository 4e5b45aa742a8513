"""Indicator reports for a user, a unit and a year (SPEC §5, issue 6 items 2–3).

A *unit* is a node of the organisation tree (municipality, association,
welfare organisation, county, state). Its figures are those of the records
kept by the unit or by nodes below it; an association also covers its member
towns of the reference date (BW 3.5). Everything is read within the user's
Area.AGGREGATES scope (lotse.core.tenancy), so a county's coordinating office
never counts a town that coordinates itself (KIM §4(3)).

Suppression (SPEC §5): figures leave the municipality level suppressed. A user
sees a unit unsuppressed only where they may read every case behind it anyway
(Area.CASES over the whole unit: the case managers and team leads of that
municipality); everyone else, and every export, gets suppressed figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lotse.accounts.scope import active_memberships, organisation_ids_for
from lotse.core import clock
from lotse.core.tenancy import Area
from lotse.indicators.models import Indicator, IndicatorSet, Programme, Shape
from lotse.indicators.queries import QUERIES, Context, Measure, RawFigure
from lotse.indicators.rules import (
    Reason,
    Suppressed,
    suppress_list,
    suppress_table,
)
from lotse.kernel.errors import RuleViolation
from lotse.organisations import rules as org_rules
from lotse.organisations.models import AssociationMembership, Organisation

UNIT_KINDS = (
    org_rules.STATE,
    org_rules.COUNTY,
    org_rules.ASSOCIATION,
    org_rules.MUNICIPALITY,
    org_rules.WELFARE,
)
# Units that close their reporting year themselves (issue 6 item 5, BW 6.1).

# … and the county closes its aggregate for the granting authority (BW 4.2 g, 6.1).
COUNTY_KIND = org_rules.COUNTY
FIRST_YEAR = 2000
LAND_KEYS = {Programme.BW: "08", Programme.KIM: "05"}


def check_year(year: int, *, today: date | None = None) -> int:
    today = today or clock.today()
    if year < FIRST_YEAR or year > today.year:
        raise RuleViolation(
            _("Berichtsjahr: bitte ein Jahr von %(first)s bis %(last)s angeben.")
            % {"first": FIRST_YEAR, "last": today.year},
            "year",
        )
    return year


def reference_date(indicator_set: IndicatorSet | None, year: int) -> date:
    """BW 9.1.9: the reference date is 31 December of the reporting year."""
    if indicator_set is None:
        return date(year, 12, 31)
    return date(year, indicator_set.reference_month, indicator_set.reference_day)


def due_date(indicator_set: IndicatorSet | None, year: int) -> date:
    """BW 9.1.9: due by 31 January of the following year."""
    if indicator_set is None:
        return date(year + 1, 1, 31)
    return date(year + 1, indicator_set.due_month, indicator_set.due_day)


# --- Cells ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One published value: the number, or what stands for it when it is suppressed."""

    value: int | Decimal | None
    text: str
    reason: str | None = None
    explanation: str = ""

    @property
    def suppressed(self) -> bool:
        return self.reason is not None

    def as_json(self) -> dict:
        value = self.value
        if isinstance(value, Decimal):
            value = str(value)
        return {"value": value, "display": self.text, "suppressed": self.suppressed} | (
            {"reason": self.reason} if self.reason else {}
        )


def _number(value: int | Decimal) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def _cell(value) -> Cell:
    if isinstance(value, Suppressed):
        return Cell(None, value.text, str(value.reason), value.label)
    return Cell(value, _number(value))


WITHHELD_RATIO = Cell(
    None,
    "•",
    str(Reason.SECONDARY),
    "nicht ausgewiesen, weil die zugrunde liegende Anzahl unterdrückt ist",
)


@dataclass
class Figure:
    indicator: Indicator
    rows: list[tuple[str, str]] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)
    cells: list = field(default_factory=list)  # list: [Cell]; table: [[Cell]]
    row_totals: list[Cell] = field(default_factory=list)
    column_totals: list[Cell] = field(default_factory=list)
    total: Cell | None = None
    measures: list[tuple[Measure, Cell]] = field(default_factory=list)

    @property
    def shape(self) -> str:
        return self.indicator.shape

    @property
    def any_suppressed(self) -> bool:
        cells = [*self.row_totals, *self.column_totals, *(m[1] for m in self.measures)]
        if self.total is not None:
            cells.append(self.total)
        for item in self.cells:
            cells.extend(item if isinstance(item, list) else [item])
        return any(cell.suppressed for cell in cells)

    @property
    def table_rows(self):
        """(label, cells, row total) for templates."""
        if self.shape == Shape.TABLE:
            return [
                (label, cells, total)
                for (_key, label), cells, total in zip(
                    self.rows, self.cells, self.row_totals, strict=True
                )
            ]
        return [
            (label, [cell], None)
            for (_key, label), cell in zip(self.rows, self.cells, strict=False)
        ]

    def as_json(self) -> dict:
        indicator = self.indicator
        data = {
            "id": indicator.code,
            "name": indicator.name,
            "group": indicator.group,
            "definition": indicator.definition,
            "source": indicator.source,
            "breakdowns": indicator.breakdowns,
            "shape": indicator.shape,
        }
        if self.shape == Shape.MEASURES:
            data["values"] = [
                {"key": m.key, "label": m.label, "target": m.target, **cell.as_json()}
                for m, cell in self.measures
            ]
            return data
        data["rows"] = [{"key": key, "label": label} for key, label in self.rows]
        if self.shape == Shape.TABLE:
            data["columns"] = [{"key": key, "label": label} for key, label in self.columns]
            data["cells"] = [[cell.as_json() for cell in row] for row in self.cells]
            data["row_totals"] = [cell.as_json() for cell in self.row_totals]
            data["column_totals"] = [cell.as_json() for cell in self.column_totals]
        else:
            data["cells"] = [cell.as_json() for cell in self.cells]
        data["total"] = self.total.as_json() if self.total else None
        return data


def publish(indicator: Indicator, raw: RawFigure, *, suppress: bool, k: int) -> Figure:
    """Apply primary and secondary suppression (rules.suppression) where the figure needs it."""
    suppress = suppress and indicator.suppress
    figure = Figure(indicator=indicator, rows=raw.rows, columns=raw.columns)
    if indicator.shape == Shape.MEASURES:
        hidden = False
        for measure in raw.measures:
            if suppress and measure.kind == "count":
                shown = suppress_list([measure.value], k=k).values[0]
                hidden = hidden or isinstance(shown, Suppressed)
                figure.measures.append((measure, _cell(shown)))
            else:
                figure.measures.append((measure, _cell(measure.value)))
        if hidden:
            figure.measures = [
                (m, WITHHELD_RATIO if m.kind == "ratio" else cell) for m, cell in figure.measures
            ]
        return figure
    if indicator.shape == Shape.LIST:
        counts = list(raw.counts)
        if not counts:
            figure.total = _cell(0)
            return figure
        if suppress:
            shown = suppress_list(counts, k=k)
            figure.cells = [_cell(value) for value in shown.values]
            figure.total = _cell(shown.total)
        else:
            figure.cells = [_cell(value) for value in counts]
            figure.total = _cell(sum(counts))
        return figure
    counts = [list(row) for row in raw.counts]
    if not counts:
        figure.column_totals = [_cell(0) for _column in raw.columns]
        figure.total = _cell(0)
        return figure
    if suppress:
        shown = suppress_table(counts, k=k)
        figure.cells = [[_cell(value) for value in row] for row in shown.cells]
        figure.row_totals = [_cell(value) for value in shown.row_totals]
        figure.column_totals = [_cell(value) for value in shown.column_totals]
        figure.total = _cell(shown.grand_total)
    else:
        figure.cells = [[_cell(value) for value in row] for row in counts]
        figure.row_totals = [_cell(sum(row)) for row in counts]
        figure.column_totals = [_cell(sum(column)) for column in zip(*counts, strict=True)]
        figure.total = _cell(sum(map(sum, counts)))
    return figure


# --- Units ----------------------------------------------------------------------------------


def units_for(user, *, on: date | None = None) -> list[Organisation]:
    """The nodes whose indicators the user may see (Area.AGGREGATES), top down."""
    ids = organisation_ids_for(user, Area.AGGREGATES, on=on)
    return list(
        Organisation.objects.for_user(user, on=on)
        .filter(id__in=ids, kind__in=UNIT_KINDS)
        .order_by("path")
    )


def default_unit(user, units: list[Organisation]) -> Organisation | None:
    """The highest node where the user holds a role with aggregates, else the first unit."""
    by_id = {unit.pk: unit for unit in units}
    held = [
        by_id[membership.organisation_id]
        for membership in active_memberships(user)
        if membership.organisation_id in by_id
    ]
    if held:
        return min(held, key=lambda unit: unit.path.count("/"))
    return units[0] if units else None


def unit_for(user, units: list[Organisation], pk) -> Organisation:
    """The unit if the user may see its indicators; 404 otherwise (foreign and missing alike)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    for unit in units:
        if unit.pk == pk:
            return unit
    raise Http404


def unit_node_ids(user, unit: Organisation, units: list[Organisation], on: date) -> frozenset[int]:
    """The unit's nodes within the user's aggregate scope (its subtree, for an
    association also its member towns on ``on``)."""
    prefixes = [unit.path]
    if unit.kind == org_rules.ASSOCIATION:
        prefixes += list(
            AssociationMembership.objects.on(on)
            .filter(association=unit)
            .values_list("municipality__path", flat=True)
        )
    scope = organisation_ids_for(user, Area.AGGREGATES)
    return frozenset(
        node.pk
        for node in units
        if node.pk in scope and any(node.path.startswith(prefix) for prefix in prefixes)
    )


def indicator_set_for(unit: Organisation, year: int) -> IndicatorSet | None:
    """The catalogue of the unit's programme for the year (latest version).

    The programme follows the Land: the first two digits of the county's official
    key (AGS); without one, the setting LOTSE_INDICATOR_PROGRAMME decides.
    """
    ancestors = [*unit.ancestor_ids(), unit.pk]
    key = (
        Organisation.objects.filter(kind=org_rules.COUNTY)
        .exclude(official_key="")
        .filter(Q(id__in=ancestors) | Q(path__startswith=unit.path))
        .order_by("path")
        .values_list("official_key", flat=True)
        .first()
    )
    sets = (
        IndicatorSet.objects.filter(first_year__lte=year)
        .filter(Q(last_year__isnull=True) | Q(last_year__gte=year))
        .order_by("-first_year", "-version")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("sort", "code"))
        )
    )
    if key:
        sets = sets.filter(land_key=key[:2])
    else:
        sets = sets.filter(programme=settings.LOTSE_INDICATOR_PROGRAMME)
    return sets.first()


def may_see_unsuppressed(user, unit_ids: frozenset[int]) -> bool:
    """Only who may read every case behind the figures anyway (SPEC §5)."""
    cases = organisation_ids_for(user, Area.CASES)
    return bool(unit_ids) and unit_ids <= cases


@dataclass
class Report:
    unit: Organisation
    year: int
    start: date
    reference: date
    due: date
    indicator_set: IndicatorSet | None
    suppressed: bool
    k: int
    figures: list[Figure]
    unit_ids: frozenset[int] = frozenset()

    def by_code(self, code: str) -> Figure | None:
        return next((f for f in self.figures if f.indicator.code == code), None)

    @property
    def groups(self) -> list[tuple[str, list[Figure]]]:
        groups: dict[str, list[Figure]] = {}
        for figure in self.figures:
            groups.setdefault(figure.indicator.group, []).append(figure)
        return list(groups.items())

    def as_json(self) -> dict:
        indicator_set = self.indicator_set
        return {
            "unit": {"id": self.unit.pk, "name": self.unit.name, "kind": self.unit.kind},
            "year": self.year,
            "period_start": self.start.isoformat(),
            "reference_date": self.reference.isoformat(),
            "due_date": self.due.isoformat(),
            "catalogue": (
                {
                    "programme": indicator_set.programme,
                    "first_year": indicator_set.first_year,
                    "version": indicator_set.version,
                    "title": indicator_set.title,
                }
                if indicator_set
                else None
            ),
            "suppressed": self.suppressed,
            "threshold": self.k,
            "indicators": [figure.as_json() for figure in self.figures],
        }


def report_for(
    user,
    unit: Organisation,
    year: int,
    *,
    units: list[Organisation],
    reference: date | None = None,
    force_suppression: bool = False,
) -> Report:
    """Every indicator of the unit's catalogue for the year, suppressed where it must be."""
    indicator_set = indicator_set_for(unit, year)
    start = date(year, 1, 1)
    reference = reference or reference_date(indicator_set, year)
    if not start <= reference <= date(year, 12, 31):
        raise RuleViolation(_("Stichtag: das Datum muss im Berichtsjahr liegen."), "reference")
    unit_ids = unit_node_ids(user, unit, units, reference)
    suppressed = force_suppression or not may_see_unsuppressed(user, unit_ids)
    k = settings.LOTSE_SMALL_COUNT_THRESHOLD
    ctx = Context(user=user, unit_ids=unit_ids, start=start, reference=reference)
    figures = []
    for indicator in indicator_set.indicators.all() if indicator_set else []:
        query = QUERIES.get(indicator.computation)
        if query is None:
            continue
        figures.append(publish(indicator, query(ctx), suppress=suppressed, k=k))
    return Report(
        unit=unit,
        year=year,
        start=start,
        reference=reference,
        due=due_date(indicator_set, year),
        indicator_set=indicator_set,
        suppressed=suppressed,
        k=k,
        figures=figures,
        unit_ids=unit_ids,
    )


# --- Completeness: who has closed the year (issue 6 items 4–5) ----------------------------


@dataclass
class ClosureRow:
    unit: Organisation
    versions: list  # YearClosure, newest first
    overdue: bool
    can_reopen: bool = False

    @property
    def in_force(self):
        return next((v for v in self.versions if v.reopened_at is None), None)


def closure_status(user, report: Report, units: list[Organisation]) -> list[ClosureRow]:
    """Every unit below (or equal to) the report's unit that closes its own year, with
    its closings of the year; one query."""
    from lotse.indicators.models import YearClosure

    closing = [
        u
        for u in units
        if u.pk in report.unit_ids
        and (u.kind in org_rules.CASE_KEEPERS or (u.kind == COUNTY_KIND and u == report.unit))
    ]
    versions: dict[int, list] = {u.pk: [] for u in closing}
    for closure in YearClosure.objects.for_user(user).filter(
        year=report.year, organisation_id__in=list(versions)
    ):
        versions[closure.organisation_id].append(closure)
    overdue = clock.today() > report.due
    rows = []
    for unit in closing:
        history = sorted(versions[unit.pk], key=lambda c: -c.version)
        row = ClosureRow(unit=unit, versions=history, overdue=False)
        row.overdue = overdue and row.in_force is None
        rows.append(row)
    return rows


def _numbers(item: dict) -> tuple:
    """What a published indicator says, without its (translatable) labels."""

    def shown(cell) -> str | None:
        return cell["display"] if cell else None

    if "values" in item:
        return tuple((value["key"], value["display"]) for value in item["values"])
    cells = item.get("cells", [])
    if item.get("columns") is not None:
        cells = [tuple(shown(cell) for cell in row) for row in cells]
        return (
            tuple(row["key"] for row in item.get("rows", [])),
            tuple(column["key"] for column in item["columns"]),
            tuple(cells),
            tuple(shown(cell) for cell in item.get("row_totals", [])),
            tuple(shown(cell) for cell in item.get("column_totals", [])),
            shown(item.get("total")),
        )
    return (
        tuple(row["key"] for row in item.get("rows", [])),
        tuple(shown(cell) for cell in cells),
        shown(item.get("total")),
    )


def differing_indicators(stored: dict, current: dict, *, limit: int = 5) -> list[str]:
    """Names of the indicators whose published figures differ between a closed version
    and today's (both suppressed the same way): the county's cross-check (BW 4.2 g)."""
    before = {item["id"]: _numbers(item) for item in stored.get("indicators", [])}
    names = [
        item["name"]
        for item in current.get("indicators", [])
        if before.get(item["id"]) != _numbers(item)
    ]
    if len(names) > limit:
        rest = len(names) - limit
        names = [*names[:limit], str(_("und %(n)s weitere") % {"n": rest})]
    return names


@dataclass
class BasisChange:
    """A unit's closing the county's closing rests on, changed since (BW 4.2 g)."""

    unit: str
    version: int
    reopened_at: object = None
    reason: str = ""
    newer: int | None = None


def basis_changes(rows: list[ClosureRow], county: Organisation) -> list[BasisChange]:
    """For the county's closing in force: the units whose closed version it used has been
    reopened since (and which version is in force now). No query: uses the rows."""
    county_row = next((row for row in rows if row.unit == county), None)
    if county_row is None or county_row.in_force is None:
        return []
    by_unit = {row.unit.pk: row for row in rows}
    changes = []
    for used in county_row.in_force.figures.get("basis", []):
        row = by_unit.get(used["unit"])
        if row is None:
            continue
        version = next((v for v in row.versions if v.version == used["version"]), None)
        if version is None or version.reopened_at is None:
            continue
        changes.append(
            BasisChange(
                unit=row.unit.name,
                version=used["version"],
                reopened_at=version.reopened_at,
                reason=version.reopen_reason,
                newer=row.in_force.version if row.in_force else None,
            )
        )
    return changes


# --- Dashboard extras (issue 6 item 6) -------------------------------------------------------


@dataclass
class Extras:
    new_by_month: Figure
    consultations_by_month: Figure
    themes_by_municipality: Figure


def _pseudo(code: str, name: str, shape: str) -> Indicator:
    # Not a catalogue entry: shown on the dashboard only, suppressed like every count.
    return Indicator(code=code, name=name, group="", definition="", shape=shape, suppress=True)


def dashboard_extras(user, report: Report) -> Extras:
    """Monthly trends and themes per municipality for the unit: three aggregate queries."""
    from lotse.indicators.queries import monthly, themes_by_municipality

    ctx = Context(
        user=user, unit_ids=report.unit_ids, start=report.start, reference=report.reference
    )
    months = monthly(ctx)
    themes = themes_by_municipality(ctx)
    suppress = report.suppressed
    return Extras(
        new_by_month=publish(
            _pseudo("trend.new", str(_("Neue Fälle je Monat")), Shape.LIST),
            months["new"],
            suppress=suppress,
            k=report.k,
        ),
        consultations_by_month=publish(
            _pseudo("trend.consultations", str(_("Beratungsgespräche je Monat")), Shape.LIST),
            months["consultations"],
            suppress=suppress,
            k=report.k,
        ),
        themes_by_municipality=publish(
            _pseudo("themes.municipality", str(_("Strukturelle Themen je Gemeinde")), Shape.TABLE),
            themes,
            suppress=suppress,
            k=report.k,
        ),
    )

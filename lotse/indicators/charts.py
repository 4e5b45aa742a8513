"""Server-rendered SVG charts of the dashboard (issue 6 item 6), built from published cells.

Every chart is drawn from cells that are shown anyway (already suppressed where they
must be), so a chart never reveals more than its table. A suppressed cell is drawn
as a hatched, labelled placeholder ("<5", "•"), never as a bar of height 0; a true 0
is an empty bar with the label "0". No query here: the page's query count stays fixed.

The funnel's cumulative stages (e.g. "angenommen oder weiter" = accepted + waiting +
completed) are *sums of shown cells*: a stage is shown only when every part of it is
shown (then it adds nothing a reader could not add up), otherwise it is withheld as
"•" — a new sum over a hidden cell would let the hidden cell be worked out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from lotse.indicators.selectors import Cell, Figure, Report

BAR_WIDTH = 300  # SVG user units of the longest bar
ROW_HEIGHT = 32
LABEL_WIDTH = 230
PLACEHOLDER_WIDTH = 40  # a suppressed bar: hatched, fixed width, with its marker

WITHHELD_SUM = Cell(
    None,
    "•",
    "secondary",
    "nicht ausgewiesen, weil ein Teil der Summe unterdrückt ist",
)


@dataclass
class Bar:
    label: str
    cell: Cell
    width: int = 0
    y: int = 0
    kind: str = "bar"  # "bar"; in the funnel "dropout" (declined, no-show) or "open"

    @property
    def text_x(self) -> int:
        return LABEL_WIDTH + (PLACEHOLDER_WIDTH if self.cell.suppressed else self.width) + 6


@dataclass
class Chart:
    """A horizontal bar chart; ``key`` makes the SVG ids unique on the page."""

    key: str
    title: str
    note: str
    bars: list[Bar]
    caption: str = ""
    head: str = ""

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def any_suppressed(self) -> bool:
        return any(bar.cell.suppressed for bar in self.bars)


def _scale(bars: list[Bar]) -> list[Bar]:
    values = [bar.cell.value for bar in bars if bar.cell.value is not None]
    longest = max(values, default=0) or 1
    for index, bar in enumerate(bars):
        bar.y = index * ROW_HEIGHT
        bar.width = 0 if bar.cell.value is None else round(BAR_WIDTH * bar.cell.value / longest)
    return bars


def _sum(cells: list[Cell]) -> Cell:
    """The sum of shown cells, or withheld when any part is suppressed (see module doc)."""
    if any(cell.value is None for cell in cells):
        return WITHHELD_SUM
    total = sum(cell.value for cell in cells)
    return Cell(total, str(total))


def bar_chart(key: str, title: str, note: str, labels: list[str], cells: list[Cell]) -> Chart:
    bars = [Bar(label=str(label), cell=cell) for label, cell in zip(labels, cells, strict=True)]
    return Chart(key=key, title=title, note=note, bars=_scale(bars))


def referral_funnel(figure: Figure | None) -> Chart | None:
    """KIM §3(2)d: referrals of the period by their status on the reference date as a
    funnel — sent (all) → accepted or waiting (or further) → completed — with declined
    and no-show as drop-outs and those still without an answer."""
    if figure is None or figure.total is None:
        return None
    by_status = dict(
        zip((key for key, _label in figure.columns), figure.column_totals, strict=True)
    )
    if not by_status:
        return None
    bars = [
        Bar(str(_("vermittelt (alle Vermittlungen)")), figure.total),
        Bar(
            str(_("angenommen, auf der Warteliste oder abgeschlossen")),
            _sum([by_status["accepted"], by_status["waiting"], by_status["completed"]]),
        ),
        Bar(str(_("abgeschlossen")), by_status["completed"]),
        Bar(str(_("ausgestiegen: abgelehnt")), by_status["declined"], kind="dropout"),
        Bar(str(_("ausgestiegen: nicht wahrgenommen")), by_status["no_show"], kind="dropout"),
        Bar(str(_("noch ohne Rückmeldung")), by_status["sent"], kind="open"),
    ]
    return Chart(
        key="funnel",
        title=str(_("Ergebnis der Vermittlungen als Trichter (KIM §3(2)d)")),
        note=str(
            _(
                "Vermittlungen im Berichtsjahr nach ihrem Stand am Stichtag: von allen "
                "Vermittlungen über angenommen oder Warteliste bis abgeschlossen; abgelehnte und "
                "nicht wahrgenommene Vermittlungen sind als Ausstiege heller, solche ohne Rückmeldung "
                "grau dargestellt. "
                "Unterdrückte Werte sind schraffiert mit ihrem Zeichen dargestellt, nicht als 0; "
                "eine Stufe, zu der ein unterdrückter Wert gehört, ist als „•“ ausgeblendet."
            )
        ),
        bars=_scale(bars),
        caption=str(_("Ergebnis der Vermittlungen als Tabelle")),
        head=str(_("Stufe")),
    )


# Goal attainment (BW 4.1.6.2 f): set, then how the goals ended; open and in progress
# are the rest of "set" and stay in the full table below.
GOAL_COLUMNS = (
    ("set", _("gesetzt")),
    ("reached", _("erreicht")),
    ("partly_reached", _("teilweise erreicht")),
    ("not_reached", _("nicht erreicht")),
    ("dropped", _("verworfen")),
)
GOAL_COLUMN_WIDTH = 110
GOAL_ROW_HEIGHT = 28
GOAL_LABEL_WIDTH = 190


@dataclass
class GoalCell:
    cell: Cell
    x: int
    width: int

    @property
    def text_x(self) -> int:
        return self.x + (PLACEHOLDER_WIDTH if self.cell.suppressed else self.width) + 4


@dataclass
class GoalRow:
    label: str
    y: int
    cells: list[GoalCell]


@dataclass
class GoalChart:
    rows: list[GoalRow]
    columns: list[tuple[str, str, int]]  # key, label, x

    @property
    def height(self) -> int:
        return 30 + len(self.rows) * GOAL_ROW_HEIGHT

    @property
    def width(self) -> int:
        return GOAL_LABEL_WIDTH + len(GOAL_COLUMNS) * GOAL_COLUMN_WIDTH


def goal_attainment(figure: Figure | None) -> GoalChart | None:
    """BW 4.1.6.2 f: per life area the goals set and how many were reached, partly
    reached, not reached or dropped; every bar on one scale (the largest shown value)."""
    if figure is None or not figure.row_totals:
        return None
    keys = [key for key, _label in figure.columns]
    rows = []
    for (_key, label), cells, total in zip(
        figure.rows, figure.cells, figure.row_totals, strict=True
    ):
        if total.value == 0:
            continue  # a true 0: no goals in this life area (the table lists it)
        by_status = dict(zip(keys, cells, strict=True))
        rows.append((label, [total] + [by_status[key] for key, _l in GOAL_COLUMNS[1:]]))
    values = [c.value for _label, cells in rows for c in cells if c.value is not None]
    longest = max(values, default=0) or 1
    scale = GOAL_COLUMN_WIDTH - 40
    chart_rows = []
    for index, (label, cells) in enumerate(rows):
        chart_rows.append(
            GoalRow(
                label=str(label),
                y=30 + index * GOAL_ROW_HEIGHT,
                cells=[
                    GoalCell(
                        cell=cell,
                        x=GOAL_LABEL_WIDTH + column * GOAL_COLUMN_WIDTH,
                        width=0 if cell.value is None else round(scale * cell.value / longest),
                    )
                    for column, cell in enumerate(cells)
                ],
            )
        )
    return GoalChart(
        rows=chart_rows,
        columns=[
            (key, str(label), GOAL_LABEL_WIDTH + index * GOAL_COLUMN_WIDTH)
            for index, (key, label) in enumerate(GOAL_COLUMNS)
        ],
    )


BREAKDOWNS = (
    ("persons.gender", _("Beratene Personen nach Geschlecht")),
    ("persons.age", _("Beratene Personen nach Altersgruppe")),
    ("persons.residence", _("Beratene Personen nach Aufenthaltsstatus")),
    ("persons.country", _("Beratene Personen nach Herkunftsland")),
)


def distributions(report: Report) -> list[Chart]:
    """The counselled persons by gender, age group, residence status and country: the
    row totals (new + ongoing) of the catalogue's tables, which the tables show too."""
    charts = []
    for code, title in BREAKDOWNS:
        figure = report.by_code(code)
        if figure is None or not figure.row_totals:
            continue
        charts.append(
            bar_chart(
                key=code.replace(".", "-"),
                title=str(title),
                note=str(
                    _(
                        "Neue und fortlaufende Beratungen zusammen (Spalte „Summe“ der Tabelle "
                        "„%(name)s“ weiter unten). Unterdrückte Werte sind schraffiert mit ihrem "
                        "Zeichen dargestellt, nicht als 0."
                    )
                    % {"name": figure.indicator.name}
                ),
                labels=[label for _key, label in figure.rows],
                cells=figure.row_totals,
            )
        )
    return charts

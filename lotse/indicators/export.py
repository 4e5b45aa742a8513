"""Indicator exports (issue 6 item 5): xlsx laid out like a form, and CSV.

Exports leave the municipality, so they are always built from a suppressed
report (selectors.report_for(..., force_suppression=True)); a suppressed cell is
written as "<k" or "•", never as 0.
"""

import csv
import re
from io import BytesIO, StringIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from lotse.indicators.models import Shape
from lotse.indicators.selectors import Cell, Figure, Report
from lotse.kernel.dates import format_date

TITLE = Font(bold=True, size=14)
BOLD = Font(bold=True)


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def _value(cell: Cell | None):
    """The number, or the marker text for a suppressed cell."""
    if cell is None:
        return ""
    return cell.text if cell.suppressed else cell.value


def _sheet_title(name: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", name)[:31].strip() or "Kennzahlen"
    base, number = title, 2
    while title in used:
        suffix = f" {number}"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(title)
    return title


def _header(sheet, report: Report) -> None:
    catalogue = report.indicator_set
    sheet.append([catalogue.title if catalogue else "Kennzahlen"])
    sheet.cell(row=sheet.max_row, column=1).font = TITLE
    rows = [
        ("Einheit", report.unit.name),
        ("Art der Einheit", report.unit.get_kind_display()),
        ("Berichtsjahr", report.year),
        ("Berichtszeitraum", f"{format_date(report.start)} – {format_date(report.reference)}"),
        ("Stichtag", format_date(report.reference)),
        ("Abgabe bis", format_date(report.due)),
        ("Katalog", f"{catalogue.programme} ab {catalogue.first_year}, Version {catalogue.version}")
        if catalogue
        else ("Katalog", "–"),
        (
            "Geschützte Werte",
            f"Anzahlen von 1 bis {report.k - 1} als „<{report.k}“; "
            "„•“ verhindert, dass sie aus Summen errechnet werden.",
        ),
    ]
    for label, value in rows:
        sheet.append([label, _safe(str(value)) if isinstance(value, str) else value])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.append([])


def _figure(sheet, figure: Figure) -> None:
    indicator = figure.indicator
    sheet.append([f"{indicator.name} ({indicator.code})"])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.append([indicator.definition + (f" [{indicator.source}]" if indicator.source else "")])
    sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(wrap_text=False)
    if figure.shape == Shape.MEASURES:
        for measure, cell in figure.measures:
            row = [_safe(measure.label), _value(cell)]
            if measure.target:
                row.append(f"gefordert: mindestens {measure.target}")
            sheet.append(row)
    elif figure.shape == Shape.TABLE:
        sheet.append(["", *(_safe(label) for _key, label in figure.columns), "Summe"])
        for label, cells, total in figure.table_rows:
            sheet.append([_safe(label), *(_value(cell) for cell in cells), _value(total)])
        sheet.append(
            ["Summe", *(_value(cell) for cell in figure.column_totals), _value(figure.total)]
        )
    else:
        for label, cells, _total in figure.table_rows:
            sheet.append([_safe(label), _value(cells[0])])
        sheet.append(["Summe", _value(figure.total)])
    sheet.append([])


def workbook(report: Report) -> bytes:
    """One sheet per indicator group, each headed with the unit, year and reference date."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for group, figures in report.groups:
        sheet = book.create_sheet(_sheet_title(group, used))
        _header(sheet, report)
        sheet.column_dimensions["A"].width = 48
        for figure in figures:
            _figure(sheet, figure)
    if not book.worksheets:
        _header(book.create_sheet("Kennzahlen"), report)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


CSV_HEADER = [
    "einheit_id",
    "einheit",
    "jahr",
    "stichtag",
    "kennzahl",
    "name",
    "zeile",
    "zeile_bezeichnung",
    "spalte",
    "spalte_bezeichnung",
    "wert",
    "unterdrueckt",
]


def _csv_rows(report: Report, figure: Figure):
    head = [
        report.unit.pk,
        _safe(report.unit.name),
        report.year,
        report.reference.isoformat(),
        figure.indicator.code,
        _safe(figure.indicator.name),
    ]

    def row(row_key, row_label, column_key, column_label, cell):
        text = cell.text if cell.suppressed else str(cell.value)
        return [
            *head,
            row_key,
            _safe(row_label),
            column_key,
            _safe(column_label),
            text,
            "ja" if cell.suppressed else "nein",
        ]

    if figure.shape == Shape.MEASURES:
        for measure, cell in figure.measures:
            yield row(measure.key, measure.label, "", "", cell)
        return
    if figure.shape == Shape.TABLE:
        for (row_key, row_label), cells, total in zip(
            figure.rows, figure.cells, figure.row_totals, strict=True
        ):
            for (column_key, column_label), cell in zip(figure.columns, cells, strict=True):
                yield row(row_key, row_label, column_key, column_label, cell)
            yield row(row_key, row_label, "summe", "Summe", total)
        for (column_key, column_label), cell in zip(
            figure.columns, figure.column_totals, strict=True
        ):
            yield row("summe", "Summe", column_key, column_label, cell)
    else:
        for (row_key, row_label), cell in zip(figure.rows, figure.cells, strict=True):
            yield row(row_key, row_label, "", "", cell)
    if figure.total is not None:
        yield row(
            "summe", "Summe", "summe" if figure.shape == Shape.TABLE else "", "", figure.total
        )


def csv_text(report: Report) -> str:
    """Long format, one value per line; semicolons and a BOM so spreadsheets open it as is."""
    output = StringIO()
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for figure in report.figures:
        writer.writerows(_csv_rows(report, figure))
    return "\ufeff" + output.getvalue()


# --- PDF narrative (issue 6 item 5: "a PDF narrative") ----------------------------------------


def _text(figure: Figure | None, *, key: str | None = None, column: str | None = None) -> str:
    """The shown text of one figure's value: a row, a column total, a measure or the total."""
    if figure is None:
        return "–"
    if figure.shape == Shape.MEASURES:
        cell = next((c for m, c in figure.measures if m.key == key), None)
    elif column is not None:
        index = [k for k, _label in figure.columns].index(column)
        cell = figure.column_totals[index] if figure.column_totals else None
    elif key is not None:
        index = next((i for i, (k, _label) in enumerate(figure.rows) if k == key), None)
        cell = None if index is None else figure.cells[index]
    else:
        cell = figure.total
    if cell is None:
        return "0"
    return cell.text


def narrative(report: Report) -> list[str]:
    """German sentences for the Sachbericht (BW 8.2), built from the suppressed figures only."""
    from django.utils.translation import gettext as _

    get = report.by_code
    sentences = [
        _(
            "Im Berichtsjahr %(year)s wurden %(total)s Personen beraten, davon %(new)s neu "
            "und %(ongoing)s fortlaufend; %(closed)s Beratungen wurden abgeschlossen."
        )
        % {
            "year": report.year,
            "total": _text(get("persons.counselled")),
            "new": _text(get("persons.counselled"), key="new"),
            "ongoing": _text(get("persons.counselled"), key="ongoing"),
            "closed": _text(get("persons.closed")),
        },
        _(
            "Es wurden %(made)s Integrationspläne erstellt und %(reviewed)s fortgeschrieben; "
            "es fanden %(consultations)s Beratungsgespräche statt."
        )
        % {
            "made": _text(get("plans.count"), key="made"),
            "reviewed": _text(get("plans.count"), key="reviewed"),
            "consultations": _text(get("consultations.channel")),
        },
        _(
            "Von %(referrals)s Vermittlungen an Regeldienste und Angebote waren am Stichtag "
            "%(completed)s abgeschlossen und %(accepted)s angenommen (KIM §3(2)d)."
        )
        % {
            "referrals": _text(get("referrals.outcome")),
            "completed": _text(get("referrals.outcome"), column="completed"),
            "accepted": _text(get("referrals.outcome"), column="accepted"),
        },
        _("Von %(goals)s Zielen in den Integrationsplänen sind %(reached)s erreicht.")
        % {
            "goals": _text(get("goals.life_area")),
            "reached": _text(get("goals.life_area"), column="reached"),
        },
        _(
            "Am Stichtag liefen %(active)s Fälle bei %(fte)s VZÄ im Integrations- und "
            "Fallmanagement (%(per_fte)s Fälle je VZÄ)."
        )
        % {
            "active": _text(get("caseload.per_fte"), key="active"),
            "fte": _text(get("caseload.per_fte"), key="fte"),
            "per_fte": _text(get("caseload.per_fte"), key="per_fte"),
        },
        _(
            "Die Koordinierende Stelle führte %(events)s Vernetzungsveranstaltungen durch "
            "(gefordert: mindestens vier im Jahr, BW 4.2 e)."
        )
        % {"events": _text(get("network.events"), key="events")},
    ]
    return sentences


def pdf(report: Report) -> bytes:
    from lotse.documents.pdf import render_pdf

    return render_pdf(
        "indicators/report_pdf.html",
        {"report": report, "narrative": narrative(report)},
        lang="de",
    )

"""Reading allocation quotas from pasted text, CSV or xlsx, with line-and-column errors.

A row is ``Kreis; Quote Jahr 1; Quote Jahr 2; Quote Jahr 3`` (BW 5.3: the
three years before the announcement). A first row whose number cells are not
numbers but years or words is taken as the header. Every error names the line
and the column, and nothing is stored unless the whole file is right.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import parse_decimal

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Zeile %(line)s, Spalte „%(column)s“: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class QuotaImportError(RuleViolation):
    """Every bad cell of a quota table at once (a table problem carries its lines)."""

    def __init__(self, errors: list[LineError | str]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def rows_from_text(text: str) -> list[list[str]]:
    """Pasted lines, cells split at semicolons or tabs (copied from a spreadsheet)."""
    return [
        [cell.strip() for cell in line.replace("\t", ";").split(";")] for line in text.splitlines()
    ]


def rows_from_upload(upload) -> list[list[str]]:
    """Rows of a CSV (UTF-8, ``;`` or ``,``) or of the first sheet of an xlsx file."""
    if upload.size > MAX_BYTES:
        raise QuotaImportError([_("Die Datei ist größer als 2 MB.")])
    data = upload.read()
    if data[:4] == b"PK\x03\x04":  # xlsx is a zip archive
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many kinds for broken files
            raise QuotaImportError([_("Die xlsx-Datei lässt sich nicht lesen.")]) from exc
        return [
            ["" if value is None else _cell_text(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QuotaImportError(
            [_("Die Datei ist weder xlsx noch Text in UTF-8 (CSV). Bitte als CSV UTF-8 speichern.")]
        ) from exc
    dialect = ";" if text.count(";") >= text.count(",") else ","
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=dialect)
    ]


def _cell_text(value) -> str:
    # Spreadsheet numbers arrive as int/float: their repr is what the sheet shows,
    # read back as text so no float reaches the money code (SPEC §4.1).
    return repr(value) if isinstance(value, float) else str(value)


def parse_quotas(rows: list[list[str]], years: list[int]) -> dict[str, list[Decimal]]:
    """County name → quotas for ``years``; raises QuotaImportError listing every bad cell."""
    columns = [_("Kreis")] + [_("Quote %(year)s") % {"year": year} for year in years]
    errors: list[LineError | str] = []
    quotas: dict[str, list[Decimal]] = {}
    seen: dict[str, int] = {}
    rows = [
        (number, row) for number, row in enumerate(rows, start=1) if any(c.strip() for c in row)
    ]
    if len(rows) > MAX_ROWS:
        raise QuotaImportError([_("Mehr als 2000 Zeilen: bitte nur die Kreise eines Landes.")])
    if rows and _is_header(rows[0][1]):
        rows = rows[1:]
    for number, row in rows:
        cells = [cell.strip() for cell in row] + [""] * (4 - len(row))
        name = cells[0]
        if not name:
            errors.append(LineError(number, columns[0], _("Der Name des Kreises fehlt.")))
            continue
        if any(cell.strip() for cell in cells[4:]):
            errors.append(
                LineError(number, columns[-1], _("Mehr als drei Quoten: BW 5.3 zählt drei Jahre."))
            )
            continue
        key = name.casefold()
        if key in seen:
            errors.append(
                LineError(
                    number,
                    columns[0],
                    _("%(name)s steht schon in Zeile %(first)s.")
                    % {"name": name, "first": seen[key]},
                )
            )
            continue
        seen[key] = number
        values = []
        for column, cell in zip(columns[1:], cells[1:4], strict=True):
            if not cell:
                errors.append(LineError(number, column, _("Die Quote fehlt.")))
                continue
            try:
                value = parse_decimal(cell, field="quota", label=_("Die Quote"))
            except RuleViolation as error:
                errors.append(LineError(number, column, error.message))
                continue
            if value < 0 or value > 100:
                errors.append(
                    LineError(number, column, _("Eine Quote liegt zwischen 0 und 100 Prozent."))
                )
                continue
            values.append(value.quantize(Decimal("0.000001")))
        if len(values) == 3:
            quotas[name] = values
    if errors:
        raise QuotaImportError(errors)
    if not quotas:
        raise QuotaImportError([_("Die Datei enthält keine Kreise.")])
    return quotas


def _is_header(row: list[str]) -> bool:
    cells = [cell.strip() for cell in row[1:4]]
    if not cells:
        return False
    try:
        for cell in cells:
            parse_decimal(cell, field="quota")
    except RuleViolation:
        return True
    # Three years (e.g. 2022; 2023; 2024) are a header, not quotas.
    return all(cell.isdigit() and 1990 <= int(cell) <= 2100 for cell in cells)

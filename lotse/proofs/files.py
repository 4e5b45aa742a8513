"""Uploaded tables as rows of cells: CSV (semicolon or comma, UTF-8 or Windows-1252) or xlsx.

Spreadsheet numbers arrive as int or float from openpyxl; a float is turned
into a Decimal through its shortest text (``repr``), never by arithmetic, and
the rules then insist on whole cents.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from lotse.proofs.rules.tables import Problem, TableError

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000


def _refuse(message: str) -> TableError:
    return TableError([Problem(1, "", message)])


def read_rows(name: str, content: bytes) -> list[list]:
    if len(content) > MAX_BYTES:
        raise _refuse("Die Datei ist größer als 5 MB.")
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(content)
    if name.lower().endswith((".csv", ".txt")):
        return _csv_rows(content)
    raise _refuse("Bitte eine CSV- oder xlsx-Datei hochladen.")


def _csv_rows(content: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if len(rows) > MAX_ROWS:
        raise _refuse(f"Die Datei hat mehr als {MAX_ROWS} Zeilen.")
    return rows


def _xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise _refuse("Die xlsx-Datei lässt sich nicht lesen.") from exc
    sheet = book.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append([Decimal(repr(v)) if isinstance(v, float) else v for v in row])
        if len(rows) > MAX_ROWS:
            raise _refuse(f"Die Datei hat mehr als {MAX_ROWS} Zeilen.")
    book.close()
    return rows

"""Reading a payroll export or a list of receipts, line by line (issue 5 item 6).

The input is a header row and data rows of cells (text, or numbers and dates
from a spreadsheet). Every problem is reported with its line number (as the
user's spreadsheet counts: the header is line 1) and the column's name, in
German; the caller saves nothing unless the whole file is clean.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from lotse.funding.rules.periods import parse_date
from lotse.kernel.dates import format_date
from lotse.kernel.errors import Detail, RuleViolation
from lotse.kernel.money import parse_decimal
from lotse.proofs.rules.periods import months_between

MONTH_NAMES = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "dezember": 12, "dez": 12,
}  # fmt: skip

# Accepted headers (lower case, without spaces) → the column's role.
PAYROLL_COLUMNS = {
    "employee": ("Mitarbeiter:in", ["mitarbeiter:in", "mitarbeiterin", "mitarbeiter",
                                    "beschäftigte:r", "name", "stelle", "stellennummer",
                                    "stellenbezeichnung"]),
    "month": ("Monat", ["monat", "abrechnungsmonat", "zeitraum", "abrechnungszeitraum"]),
    "amount": ("Arbeitgeberbrutto", ["arbeitgeberbrutto", "ag-brutto", "agbrutto",
                                     "gesamtkostenarbeitgeber", "personalkosten",
                                     "bruttopersonalkosten", "betrag"]),
}  # fmt: skip
NUMBER_COLUMN = {
    "number": ("Personalnummer", ["personalnummer", "pers.-nr.", "pers.nr.", "persnr",
                                  "personal-nr.", "personalnr."]),
}  # fmt: skip
RECEIPT_COLUMNS = {
    "date": ("Datum", ["datum", "belegdatum", "zahlungsdatum"]),
    "payee": ("Empfänger", ["empfänger", "empfaenger", "zahlungsempfänger", "payee"]),
    "reason": ("Grund", ["grund", "zweck", "verwendungszweck", "buchungstext"]),
    "amount": ("Betrag", ["betrag", "betrag(eur)", "betrageur"]),
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.line == 1 and not self.column:
            return f"Zeile 1 (Kopfzeile): {self.message}"
        where = f"Zeile {self.line}"
        if self.column:
            where += f", Spalte „{self.column}“"
        return f"{where}: {self.message}"


class TableError(RuleViolation):
    """The file as a whole is refused; ``problems`` lists every bad line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(
            "Die Datei wurde nicht übernommen: " + "; ".join(str(p) for p in problems[:3]), "file"
        )

    def details(self) -> list[Detail]:
        # Every bad line, not only the first three of the message; ``loc`` says where.
        return [
            {
                "field": "file",
                "message": str(problem),
                "loc": ["file", str(problem.line), *([problem.column] if problem.column else [])],
            }
            for problem in self.problems
        ]


@dataclass(frozen=True)
class PayrollLine:
    line: int
    position_key: str
    month: date
    amount: Decimal


@dataclass(frozen=True)
class ReceiptLine:
    line: int
    day: date
    payee: str
    reason: str
    amount: Decimal


def _norm(text: object) -> str:
    return re.sub(r"\s+", "", str(text or "")).lower()


def _columns(
    header: list[object], spec: Mapping[str, tuple[str, Sequence[str]]]
) -> tuple[dict[str, int], list[Problem]]:
    found: dict[str, int] = {}
    names = [_norm(cell) for cell in header]
    for role, (_label, aliases) in spec.items():
        for index, name in enumerate(names):
            if name in aliases:
                found[role] = index
                break
    problems = [
        Problem(1, label, "Diese Spalte fehlt in der Kopfzeile.")
        for role, (label, _aliases) in spec.items()
        if role not in found
    ]
    return found, problems


def _cell(row: list[object], index: int) -> object:
    return row[index] if index < len(row) else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def parse_month(value: object) -> date:
    """A payroll month: 01.2023, 1/2023, 2023-01, 01.01.2023, "Januar 2023" or a spreadsheet date."""
    if isinstance(value, datetime):
        return date(value.year, value.month, 1)
    if isinstance(value, date):
        return date(value.year, value.month, 1)
    text = _text(value).lower()
    patterns: tuple[tuple[str, Callable[[re.Match[str]], tuple[int, int]]], ...] = (
        (r"^(\d{1,2})[./](\d{4})$", lambda m: (int(m[2]), int(m[1]))),
        (r"^(\d{4})-(\d{1,2})$", lambda m: (int(m[1]), int(m[2]))),
        (r"^(\d{4})-(\d{1,2})-(\d{1,2})$", lambda m: (int(m[1]), int(m[2]))),
        (r"^\d{1,2}\.(\d{1,2})\.(\d{4})$", lambda m: (int(m[2]), int(m[1]))),
    )
    for pattern, pick in patterns:
        match = re.match(pattern, text)
        if match:
            year, month = pick(match)
            if 1 <= month <= 12 and 1900 <= year <= 2100:
                return date(year, month, 1)
            break
    match = re.match(r"^([a-zäöü]+)\.?\s+(\d{4})$", text)
    if match and match[1] in MONTH_NAMES:
        return date(int(match[2]), MONTH_NAMES[match[1]], 1)
    raise RuleViolation("ist kein Monat (Beispiele: 01.2023, 2023-01, Januar 2023).", "month")


def parse_amount(value: object, *, allow_negative: bool) -> Decimal:
    """EUR in German or program notation, whole cents; payroll corrections may be negative."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        number = Decimal(value)
        if not number.is_finite() or abs(number) >= Decimal("1000000000"):
            raise RuleViolation("ist keine gültige Zahl.", "amount")
    else:
        text = _text(value)
        if not text:
            raise RuleViolation("ist leer; bitte einen Betrag angeben.", "amount")
        number = parse_decimal(text, field="amount", label="Der Betrag")
    if number != number.quantize(Decimal("0.01")):
        raise RuleViolation("hat mehr als zwei Nachkommastellen (ganze Cent).", "amount")
    if number < 0 and not allow_negative:
        raise RuleViolation("darf nicht negativ sein.", "amount")
    return number.quantize(Decimal("0.01"))


def _message(error: RuleViolation) -> str:
    text = error.message
    for prefix in ("Der Betrag ", "Das Datum "):
        text = text.removeprefix(prefix)
    return text


def personnel_number_key(value: object) -> str:
    """A personnel number as typed or as a spreadsheet number: "00123", 123 → "#123"."""
    text = _norm(_text(value))
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]  # a spreadsheet number cell
    if text.isdigit():
        text = text.lstrip("0") or "0"
    return f"#{text}" if text else ""


def read_payroll(
    rows: list[list[object]], *, positions: dict[str, str], start: date, end: date
) -> list[PayrollLine]:
    """Payroll lines for the proof period; ``positions`` maps normalised names (and
    personnel numbers as ``personnel_number_key``) to position keys.

    A row is matched by its personnel number when the file has a column
    „Personalnummer“, else by the name or position designation. Raises
    ``TableError`` with every problem found; a file without data lines is
    refused too (an empty import would silently replace nothing).
    """
    if not rows:
        raise TableError([Problem(1, "", "Die Datei ist leer.")])
    numbers, _none = _columns(rows[0], NUMBER_COLUMN)
    spec = PAYROLL_COLUMNS
    if numbers:
        spec = {role: value for role, value in PAYROLL_COLUMNS.items() if role != "employee"}
    columns, problems = _columns(rows[0], spec)
    columns |= numbers
    if problems:
        raise TableError(problems)
    months = set(months_between(start, end))
    lines: list[PayrollLine] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(_text(cell) == "" for cell in row):
            continue
        if numbers:
            column = "Personalnummer"
            who = _text(_cell(row, columns["number"]))
            key = positions.get(personnel_number_key(who))
            hint = (
                "keiner geförderten Stelle dieses Nachweises ist diese Personalnummer zugeordnet."
            )
        else:
            column = "Mitarbeiter:in"
            who = _text(_cell(row, columns["employee"]))
            key = positions.get(_norm(who))
            hint = (
                "keine geförderte Stelle dieses Nachweises passt zu diesem Eintrag "
                "(Name oder Stellenbezeichnung wie in Lotse erfasst)."
            )
        if not who:
            problems.append(Problem(number, column, "ist leer."))
        elif key is None:
            problems.append(Problem(number, column, hint))
        try:
            month = parse_month(_cell(row, columns["month"]))
            if month not in months:
                problems.append(
                    Problem(
                        number,
                        "Monat",
                        f"{month:%m.%Y} liegt außerhalb des Nachweiszeitraums "
                        f"({format_date(start)}–{format_date(end)}).",
                    )
                )
        except RuleViolation as error:
            month = None
            problems.append(Problem(number, "Monat", error.message))
        try:
            amount = parse_amount(_cell(row, columns["amount"]), allow_negative=True)
        except RuleViolation as error:
            amount = None
            problems.append(Problem(number, "Arbeitgeberbrutto", _message(error)))
        if key and month and amount is not None:
            lines.append(PayrollLine(number, key, month, amount))
    if problems:
        raise TableError(problems)
    if not lines:
        raise TableError([Problem(2, "", "Die Datei enthält keine Datenzeilen.")])
    return lines


def read_receipts(rows: list[list[object]], *, start: date, end: date) -> list[ReceiptLine]:
    """Receipts (Belegliste: date, payee, reason, amount; SPEC §4.3) within the proof period."""
    if not rows:
        raise TableError([Problem(1, "", "Die Datei ist leer.")])
    columns, problems = _columns(rows[0], RECEIPT_COLUMNS)
    if problems:
        raise TableError(problems)
    lines: list[ReceiptLine] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(_text(cell) == "" for cell in row):
            continue
        raw_day = _cell(row, columns["date"])
        day = None
        try:
            day = raw_day.date() if isinstance(raw_day, datetime) else raw_day
            if not isinstance(day, date):
                day = parse_date(_text(raw_day), field="date")
            if not start <= day <= end:
                problems.append(
                    Problem(
                        number,
                        "Datum",
                        f"{format_date(day)} liegt außerhalb des Nachweiszeitraums "
                        f"({format_date(start)}–{format_date(end)}).",
                    )
                )
        except RuleViolation as error:
            day = None
            problems.append(Problem(number, "Datum", _message(error)))
        payee = _text(_cell(row, columns["payee"]))
        reason = _text(_cell(row, columns["reason"]))
        if not payee:
            problems.append(Problem(number, "Empfänger", "ist leer."))
        elif len(payee) > 200:
            problems.append(Problem(number, "Empfänger", "ist länger als 200 Zeichen."))
        if not reason:
            problems.append(Problem(number, "Grund", "ist leer."))
        elif len(reason) > 300:
            problems.append(Problem(number, "Grund", "ist länger als 300 Zeichen."))
        try:
            amount = parse_amount(_cell(row, columns["amount"]), allow_negative=False)
        except RuleViolation as error:
            amount = None
            problems.append(Problem(number, "Betrag", _message(error)))
        if day and payee and reason and amount is not None:
            lines.append(ReceiptLine(number, day, payee[:200], reason[:300], amount))
    if problems:
        raise TableError(problems)
    if not lines:
        raise TableError([Problem(2, "", "Die Datei enthält keine Datenzeilen.")])
    return lines


def name_keys(*, key: str, first_name: str, last_name: str, position: str) -> dict[str, str]:
    """The spellings a payroll export may use for one position's holder."""
    names = {
        f"{first_name} {last_name}",
        f"{last_name}, {first_name}",
        f"{last_name} {first_name}",
    }
    if position:
        names.add(position)
    return {_norm(name): key for name in names}

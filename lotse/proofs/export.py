"""The proof of use as an xlsx workbook: statement, receipts, narrative, confirmations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

EUR = '#,##0.00 "EUR"'


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def _bold(sheet) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def proof_workbook(data: dict) -> bytes:
    book = Workbook()
    head = book.active
    head.title = "Nachweis"
    for label, value in (
        ("Nachweis", data["title"]),
        ("Fassung", data["version"]),
        ("Nachweisende Stelle", data["organisation"]),
        ("Zuwendungsempfänger des Bescheids", data["holder"]),
        ("Bescheid", data["decision"]["label"]),
        ("Aktenzeichen", data["decision"]["file_number"] or "–"),
        ("Programm", data["decision"]["programme"]),
        ("Zeitraum von", date.fromisoformat(data["period_start"])),
        ("Zeitraum bis", date.fromisoformat(data["period_end"])),
        ("fällig am", date.fromisoformat(data["due"]) if data["due"] else "–"),
        ("Rechtsgrundlage", data["citation"]),
        (
            "eingereicht am",
            date.fromisoformat(data["submitted_on"]) if data.get("submitted_on") else "Entwurf",
        ),
    ):
        head.append([label, _safe(value) if isinstance(value, str) else value])
        if isinstance(value, date):
            head.cell(row=head.max_row, column=2).number_format = "DD.MM.YYYY"
    head.column_dimensions["A"].width = 36
    head.column_dimensions["B"].width = 60

    money = book.create_sheet("Zahlenmäßiger Nachweis")
    money.append(
        ["Stelle", "Anspruch nach Programm", "Ist-Personalausgaben", "Differenz", "Hinweis"]
    )
    _bold(money)
    statement = data["statement"]
    for row in statement["positions"]:
        money.append(
            [
                _safe(row["label"]),
                Decimal(row["entitlement"]),
                Decimal(row["actual"]),
                Decimal(row["difference"]),
                _safe(row["note"]),
            ]
        )
    money.append(["Summe", Decimal(statement["entitlement"]), Decimal(statement["actual"])])
    if statement["share"] is not None:
        money.append(["Zuweisung nach Bescheid/Vertrag", Decimal(statement["share"])])
    money.append(["Programmbetrag", Decimal(statement["programme_amount"])])
    money.append(["Zuwendungsfähig", Decimal(statement["eligible"])])
    for row in money.iter_rows(min_row=2, min_col=2, max_col=4):
        for cell in row:
            cell.number_format = EUR
    money.column_dimensions["A"].width = 60

    receipts = book.create_sheet("Belegliste")
    receipts.append(["Nr.", "Datum", "Empfänger", "Grund", "Betrag"])
    _bold(receipts)
    for number, row in enumerate(data["receipts"], start=1):
        receipts.append(
            [
                number,
                date.fromisoformat(row["date"]),
                _safe(row["payee"]),
                _safe(row["reason"]),
                Decimal(row["amount"]),
            ]
        )
        receipts.cell(row=receipts.max_row, column=2).number_format = "DD.MM.YYYY"
        receipts.cell(row=receipts.max_row, column=5).number_format = EUR
    receipts.append(["", "", "", "Summe", Decimal(data["receipts_total"])])
    receipts.cell(row=receipts.max_row, column=5).number_format = EUR

    report = book.create_sheet("Sachbericht")
    for line in data["narrative"].splitlines() or [""]:
        report.append([_safe(line)])
    report.column_dimensions["A"].width = 120

    figures = book.create_sheet("Kennzahlen")
    figures.append(["Bereich", "Kennzahl", "Wert (unterdrückt ab kleinen Fallzahlen)", "Quelle"])
    _bold(figures)
    for figure in data["figures"]:
        figures.append(
            [
                _safe(figure["group"]),
                _safe(figure["name"]),
                _safe(figure["value"]),
                _safe(figure["source"]),
            ]
        )

    people = book.create_sheet("Bestätigungen")
    people.append(
        [
            "Person",
            "Stelle (Arbeitgeber)",
            "Nachweis",
            "Rechtsgrundlage",
            "Stand",
            "Befund",
            "Belege",
        ]
    )
    _bold(people)
    for person in data["confirmations"]:
        for rule in person["rules"]:
            people.append(
                [
                    _safe(person["name"]),
                    _safe(person["organisation"]),
                    rule["rule"],
                    rule["source"],
                    f"{rule['state_label']}: {rule['summary']}",
                    _safe(" ".join(rule["findings"])),
                    _safe(rule["evidence"]),
                ]
            )
    output = BytesIO()
    book.save(output)
    return output.getvalue()

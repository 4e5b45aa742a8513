"""The compliance view as an xlsx workbook: one sheet per person, one per recipient."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from lotse.staff.selectors import COVERAGE, PERSON_RULES, ComplianceReport, PersonCompliance


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def compliance_workbook(report: ComplianceReport, people: list[PersonCompliance]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Personen"
    header = [
        "Zuwendungsempfänger",
        "Name",
        "Funktion",
        "Aufnahme der Tätigkeit",
        "Qualifikationsstufe",
    ]
    for rule in PERSON_RULES:
        header += [f"{rule.title} ({rule.source})", f"{rule.title}: Befund"]
    sheet.append(header)
    for person in people:
        employee = person.employee
        row = [
            _safe(employee.organisation.name),
            _safe(str(employee)),
            employee.function_enum.label,
            employee.hire_date,
            person.level_label,
        ]
        for rule in PERSON_RULES:
            status = person.status(rule.key)
            row += [
                f"{status.state.label}: {status.summary}",
                _safe(" ".join(f.message for f in status.findings)),
            ]
        sheet.append(row)
        sheet.cell(row=sheet.max_row, column=4).number_format = "DD.MM.YYYY"

    shown = {p.employee.organisation_id for p in people}
    recipients = book.create_sheet("Zuwendungsempfänger")
    recipients.append(
        [
            "Zuwendungsempfänger",
            f"{COVERAGE.title} ({COVERAGE.source})",
            "Tage Lücke",
            "Tage genehmigte Unterbrechung",
            "Befund",
        ]
    )
    for entry in report.recipients:
        if entry.organisation.pk not in shown:
            continue
        coverage = entry.coverage
        recipients.append(
            [
                _safe(entry.organisation.name),
                f"{entry.status.state.label}: {entry.status.summary}",
                coverage.gap_days if coverage else 0,
                coverage.approved_days if coverage else 0,
                _safe(" ".join(f.message for f in entry.status.findings)),
            ]
        )
    for ws in (sheet, recipients):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    meta = book.create_sheet("Stand")
    meta.append(["Jahr", report.year])
    meta.append(["Stand", report.as_of])
    meta.cell(row=2, column=2).number_format = "DD.MM.YYYY"
    meta.append(["Quelle", "VwV Integrationsmanagement 2023 (BW); Auswertung durch Lotse"])
    out = BytesIO()
    book.save(out)
    return out.getvalue()

"""The proof-of-use rules: periods and due days, the financial statement, reading tables."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from lotse.kernel.errors import RuleViolation
from lotse.proofs.rules.periods import proof_period
from lotse.proofs.rules.statement import PositionLine, financial_statement
from lotse.proofs.rules.tables import (
    TableError,
    name_keys,
    parse_month,
    read_payroll,
    read_receipts,
)

# --- Periods and due days ----------------------------------------------------------------


@pytest.mark.parametrize("year", [2023, 2027])
def test_kim_annual_proof_is_due_on_15_january(year):
    # KIM §8: "bis zum 15.01. des jeweiligen Folgejahres"
    period = proof_period(slug="kim-nrw-bs2", kind="annual", year=year)
    assert (period.start, period.end) == (date(year, 1, 1), date(year, 12, 31))
    assert period.due == date(year + 1, 1, 15)
    assert period.citation == "KIM § 8"


@pytest.mark.parametrize(
    ("quarter", "start", "end", "due"),
    [
        (1, date(2024, 1, 1), date(2024, 3, 31), date(2024, 4, 28)),
        (2, date(2024, 4, 1), date(2024, 6, 30), date(2024, 7, 28)),
        (3, date(2024, 7, 1), date(2024, 9, 30), date(2024, 10, 28)),
        (4, date(2024, 10, 1), date(2024, 12, 31), date(2025, 1, 28)),
    ],
)
def test_kim_quarterly_proof_is_due_four_weeks_after_the_quarter(quarter, start, end, due):
    # KIM §15(2): proof for the elapsed period within 4 weeks after each quarter end
    period = proof_period(slug="kim-nrw-bs1", kind="quarterly", year=2024, quarter=quarter)
    assert (period.start, period.end, period.due) == (start, end, due)
    assert period.quarter == quarter


def test_bw_annual_proof_is_due_three_months_after_the_year():
    # BW 8.1: within three months after the end of the grant period
    period = proof_period(slug="bw-im-2023-transition", kind="annual", year=2025)
    assert period.due == date(2026, 3, 31)
    assert period.citation == "BW 8.1"


@pytest.mark.parametrize("year", [2023, 2024])
def test_bw_interim_proofs_exist_for_2023_and_2024(year):
    # BW 9.1.6: Zwischenverwendungsnachweise für 2023 und 2024, drei Monate nach dem Jahr
    period = proof_period(slug="bw-im-2017-original", kind="interim", year=year)
    assert period.due == date(year + 1, 3, 31)
    assert period.citation == "BW 9.1.6"


def test_bw_interim_proof_refused_for_other_years():
    # BW 9.1.6 names only 2023 and 2024
    with pytest.raises(RuleViolation, match="2023 und 2024"):
        proof_period(slug="bw-im-2017-original", kind="interim", year=2025)


def test_quarterly_proofs_only_for_kim_and_interim_only_for_bw():
    # KIM §15(2) vs BW 9.1.6
    with pytest.raises(RuleViolation, match="KIM"):
        proof_period(slug="bw-im-2023-transition", kind="quarterly", year=2024, quarter=1)
    with pytest.raises(RuleViolation, match=r"BW 9\.1\.6"):
        proof_period(slug="kim-nrw-bs2", kind="interim", year=2024)
    with pytest.raises(RuleViolation, match="Quartal"):
        proof_period(slug="kim-nrw-bs2", kind="quarterly", year=2024, quarter=5)


# --- Financial statement -----------------------------------------------------------------


def test_eligible_is_capped_by_actual_costs():
    # KIM §8 (Abrechnung nach tatsächlichen Ausgaben), BW 8.3: min(programme amount, actual)
    statement = financial_statement(
        [
            PositionLine("1", "A", D("57000.00"), D("51234.56")),
            PositionLine("2", "B", D("14367.12"), D("9000.00")),
        ]
    )
    assert statement.entitlement == D("71367.12")
    assert statement.actual == D("60234.56")
    assert statement.eligible == D("60234.56")
    assert "tatsächlichen Ausgaben" in statement.explanation[-1]


def test_eligible_is_capped_by_the_programme_amount_in_total():
    # KIM §6 rate per position; the cap applies to the total (ANBest-P 1.2: the plan binds in total)
    statement = financial_statement(
        [
            PositionLine("1", "A", D("57000.00"), D("60000.00")),
            PositionLine("2", "B", D("14367.12"), D("12000.00")),
        ]
    )
    assert statement.eligible == D("71367.12")
    assert statement.lines[0].difference == D("3000.00")


def test_share_under_the_contract_caps_the_programme_amount():
    # KIM §4(1), §6: the recipient receives its share, however many positions it fills
    statement = financial_statement(
        [
            PositionLine("1", "A", D("57000.00"), D("58000.00")),
            PositionLine("2", "B", D("57000.00"), D("58000.00")),
        ],
        share=D("85500.00"),
    )
    assert statement.programme_amount == D("85500.00")
    assert statement.eligible == D("85500.00")
    assert any("Zuweisung" in line for line in statement.explanation)


# --- Reading tables ----------------------------------------------------------------------

NAMES = name_keys(key="7", first_name="Grete", last_name="Muster", position="FM-BE-1") | name_keys(
    key="8", first_name="Hans", last_name="Beispiel", position="FM-BE-2"
)
YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
HEADER = ["Mitarbeiter:in", "Monat", "Arbeitgeberbrutto"]


def test_payroll_lines_match_names_and_designations_in_any_spelling():
    rows = [
        HEADER,
        ["Grete Muster", "01.2025", "5.000,00"],
        ["Muster, Grete", "2025-02", "5000.5"],
        ["fm-be-2", "Juli 2025", D("2000")],
        ["", "", ""],
        ["Beispiel Hans", datetime(2025, 8, 1), 1999],  # noqa: DTZ001 - openpyxl gives naive datetimes
    ]
    lines = read_payroll(rows, positions=NAMES, **YEAR)
    assert [(line.line, line.position_key, line.month, line.amount) for line in lines] == [
        (2, "7", date(2025, 1, 1), D("5000.00")),
        (3, "7", date(2025, 2, 1), D("5000.50")),
        (4, "8", date(2025, 7, 1), D("2000.00")),
        (6, "8", date(2025, 8, 1), D("1999.00")),
    ]


def test_payroll_errors_name_line_and_column_in_german():
    rows = [
        HEADER,
        ["Grete Muster", "01.2025", "5.000,00"],
        ["Grete Muster", "13.2025", "5.000,00"],
        ["Unbekannt", "02.2025", "5.000,00"],
        ["Hans Beispiel", "03.2024", "12,345"],
    ]
    with pytest.raises(TableError) as caught:
        read_payroll(rows, positions=NAMES, **YEAR)
    problems = [str(p) for p in caught.value.problems]
    assert problems[0].startswith("Zeile 3, Spalte „Monat“: ist kein Monat")
    assert problems[1].startswith("Zeile 4, Spalte „Mitarbeiter:in“: keine geförderte Stelle")
    assert problems[2].startswith("Zeile 5, Spalte „Monat“: 03.2024 liegt außerhalb")
    assert (
        problems[3]
        == "Zeile 5, Spalte „Arbeitgeberbrutto“: hat mehr als zwei Nachkommastellen (ganze Cent)."
    )


def test_payroll_without_a_required_column_names_the_column():
    with pytest.raises(TableError) as caught:
        read_payroll([["Name", "Monat"], ["Grete Muster", "01.2025"]], positions=NAMES, **YEAR)
    assert [str(p) for p in caught.value.problems] == [
        "Zeile 1, Spalte „Arbeitgeberbrutto“: Diese Spalte fehlt in der Kopfzeile."
    ]


def test_payroll_header_aliases_and_empty_files():
    lines = read_payroll(
        [["Stelle", "Abrechnungsmonat", "AG-Brutto"], ["FM-BE-1", "1/2025", "-120,00"]],
        positions=NAMES,
        **YEAR,
    )
    assert lines[0].amount == D("-120.00")  # a payroll correction may be negative
    with pytest.raises(TableError, match="keine Datenzeilen"):
        read_payroll([HEADER], positions=NAMES, **YEAR)


def test_receipts_are_read_with_their_errors():
    # SPEC §4.3: Belegliste with date, payee, reason, amount
    rows = [
        ["Datum", "Empfänger", "Grund", "Betrag"],
        ["14.03.2025", "VHS", "Raummiete", "120,00"],
        ["2025-02-30", "VHS", "Raummiete", "120,00"],
        ["01.04.2025", "", "Raummiete", "-5"],
    ]
    with pytest.raises(TableError) as caught:
        read_receipts(rows, **YEAR)
    problems = [str(p) for p in caught.value.problems]
    assert problems[0].startswith("Zeile 3, Spalte „Datum“")
    assert "Zeile 4, Spalte „Empfänger“: ist leer." in problems
    assert "Zeile 4, Spalte „Betrag“: darf nicht negativ sein." in problems
    good = read_receipts(rows[:2], **YEAR)
    assert good[0].day == date(2025, 3, 14) and good[0].amount == D("120.00")


@pytest.mark.parametrize(
    ("text", "month"),
    [("03.2025", date(2025, 3, 1)), ("2025-3", date(2025, 3, 1)), ("15.03.2025", date(2025, 3, 1)),
     ("März 2025", date(2025, 3, 1)), ("Dez. 2025", date(2025, 12, 1))],
)  # fmt: skip
def test_months_in_the_spellings_payroll_exports_use(text, month):
    assert parse_month(text) == month

"""Indicator exports (issue 6 item 5): xlsx with one sheet per group laid out like a form,
and CSV; both always suppressed (SPEC §5), even for the town's own case manager."""

import csv
from io import BytesIO, StringIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.indicators.data import YEAR, build


@pytest.fixture
def town(db):
    return build().town


def test_xlsx_has_a_sheet_per_group_headed_with_unit_year_and_reference_date(login, town):
    response = login("coord.unna").get(
        reverse("indicators:export_xlsx"), {"year": YEAR, "unit": town.pk}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'-{town.pk}-{YEAR}.xlsx"')
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames[:3] == ["Beratene Personen", "Integrationspläne", "Beratungsgespräche"]
    sheet = book["Beratene Personen"]
    header = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, max_row=9, values_only=True)}
    assert header["Einheit"] == "Bergkamen"
    assert header["Berichtsjahr"] == YEAR
    assert header["Stichtag"] == f"31.12.{YEAR}"  # BW 9.1.9
    assert header["Abgabe bis"] == f"31.01.{YEAR + 1}"
    rows = list(sheet.iter_rows(values_only=True))
    start = next(
        i
        for i, row in enumerate(rows)
        if row[0] == "Beratene Personen (neu und fortlaufend) (persons.counselled)"
    )
    # SPEC §5: 2 new and 2 ongoing are shown as "<5", never as a number or 0.
    assert rows[start + 2][:2] == ("neu", "<5")
    assert rows[start + 3][:2] == ("fortlaufend", "<5")


def test_csv_is_long_format_and_suppressed_for_the_own_town_too(login, town):
    # Exports leave the municipality, so even the case manager's export is suppressed.
    response = login("cm.bergkamen").get(reverse("indicators:export_csv"), {"year": YEAR})
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(StringIO(text.lstrip("\ufeff")), delimiter=";"))
    persons = [row for row in rows if row["kennzahl"] == "persons.counselled"]
    assert [(row["zeile"], row["wert"], row["unterdrueckt"]) for row in persons] == [
        ("new", "<5", "ja"),
        ("ongoing", "<5", "ja"),
        ("summe", "<5", "ja"),
    ]
    events = next(row for row in rows if row["kennzahl"] == "network.events")
    assert events["wert"] == "2" and events["unterdrueckt"] == "nein"  # not about persons


def test_export_with_a_bad_year_shows_the_form_error(login):
    response = login("coord.unna").get(reverse("indicators:export_csv"), {"year": "0"})
    assert response.status_code == 400
    assert "Berichtsjahr" in response.content.decode()


def test_pdf_narrative_is_built_from_the_suppressed_figures(login, town):
    # Issue 6 item 5: a PDF narrative; it leaves the unit, so "<5" rather than the counts.
    from pypdf import PdfReader

    response = login("cm.bergkamen").get(reverse("indicators:export_pdf"), {"year": YEAR})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert f"Im Berichtsjahr {YEAR} wurden <5 Personen beraten" in text
    assert "Vernetzungsveranstaltungen durch" in text and "Bergkamen" in text

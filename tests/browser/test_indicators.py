"""The coordinating office of Kreis Unna walks the indicators: the county, one town with
suppressed cells, the xlsx export and the networking events; axe-core finds no WCAG 2.1
A/AA violation (issue 6 tests; SPEC §5)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login
from tests.browser.test_case_flow import seed_catalogues

pytestmark = pytest.mark.browser


def test_coordinating_office_walks_the_indicators(page, demo_site):
    from lotse.core import clock
    from lotse.demo.cases import load_cases
    from lotse.indicators.catalogue import ensure_catalogue

    seed_catalogues()
    ensure_catalogue()
    load_cases(clock.today(), towns=["Bergkamen", "Kamen"])
    login(page, demo_site, "coord.unna")
    page.locator("nav.lotse-nav").get_by_role("link", name="Kennzahlen").click()
    expect(page.locator("main h1")).to_have_text("Kennzahlen")
    expect(page.get_by_role("heading", name=f"Kreis Unna – {clock.today().year}")).to_be_visible()
    expect(page.get_by_text("Diese Zahlen verlassen die Gemeinde")).to_be_visible()
    expect(page.get_by_role("img", name="Vermittlungen nach Ergebnis (KIM §3(2)d)")).to_be_visible()
    expect(page.get_by_role("heading", name="Abschluss des Berichtsjahres")).to_be_visible()
    # Issue 6 item 6: the funnel, goal attainment and the distributions, each with its table.
    for chart in (
        "Ergebnis der Vermittlungen als Trichter (KIM §3(2)d)",
        "Zielerreichung nach Lebensbereich (BW 4.1.6.2 f)",
        "Beratene Personen nach Geschlecht",
    ):
        expect(page.get_by_role("img", name=chart)).to_be_visible()
    expect(
        page.get_by_role("table", name="Ergebnis der Vermittlungen als Tabelle")
    ).to_be_attached()
    assert_accessible(page)

    page.locator("#id_unit").select_option(label="Bergkamen (Stadt oder Gemeinde)")
    with page.expect_navigation():
        page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_role("heading", name=f"Bergkamen – {clock.today().year}")).to_be_visible()
    expect(page.locator("main").get_by_text("<5").first).to_be_visible()
    # A suppressed bar is a hatched placeholder with its marker, not a bar of height 0.
    assert page.locator("svg rect.lotse-bar-suppressed").count() > 0
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Als Excel-Datei (xlsx) exportieren").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.get_by_role("link", name="Vernetzungsveranstaltungen").click()
    expect(page.locator("main h1")).to_have_text("Vernetzungsveranstaltungen")
    assert_accessible(page)
    page.get_by_role("link", name="Veranstaltung erfassen").click()
    page.get_by_label("Koordinierende Stelle").select_option(label="Kreis Unna")
    page.get_by_label("Datum").fill(clock.today().isoformat())
    page.get_by_label("Thema").fill("Netzwerktreffen Arbeitsmarkt")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("cell", name="Netzwerktreffen Arbeitsmarkt")).to_be_visible()
    assert_accessible(page)

"""The coordinating office of Kreis Unna walks the staff compliance view: filter,
open a person's timeline, back; axe-core finds no WCAG 2.1 A/AA violation."""

import pytest
from playwright.sync_api import expect

from lotse.demo.staff import load_staff
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_coordinating_office_walks_the_compliance_view(page, demo_site):
    load_staff()
    login(page, demo_site, "coord.unna")
    expect(page.get_by_role("link", name="Personal und Qualifikation")).to_be_visible()
    assert_accessible(page)

    page.locator("nav.lotse-nav").get_by_role("link", name="Personal").click()
    expect(page.locator("main h1")).to_contain_text("Personal und Qualifikation")
    expect(
        page.get_by_role("columnheader", name="Prüfung auf extremistische Vorbelastung (BW 4.3)")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Nina Hartmann")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Zuwendungsempfänger").select_option(label="Bergkamen")
    page.get_by_label("Stand").select_option("ok")
    with page.expect_navigation():
        page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("link", name="Nina Hartmann")).to_be_visible()
    expect(page.get_by_role("link", name="Tobias Brenner")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Nina Hartmann").click()
    expect(page.locator("main h1")).to_have_text("Nina Hartmann")
    expect(page.get_by_role("heading", name="Zeitstrahl")).to_be_visible()
    expect(page.get_by_text("Aufnahme der Tätigkeit").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Beschäftigungszeit erfassen").click()
    expect(page.locator("main h1")).to_have_text("Beschäftigungszeit erfassen")
    page.get_by_label("Stelle", exact=True).fill("KIM-BS2-BK-1")
    page.get_by_label("von", exact=True).fill("2025-01-01")
    page.get_by_label("Stellenumfang (VZÄ)").fill("0,5")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("bereits besetzt").first).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.goto(f"{demo_site.url}/personal/")
        page.get_by_role("link", name="Als Excel-Datei (xlsx) exportieren").click()
    assert download.value.suggested_filename.endswith(".xlsx")

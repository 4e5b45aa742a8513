"""grants.unna uses the calculator: result step by step, a refusal that keeps the input; axe 0."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_grants_officer_calculates_a_position(page, demo_site):
    login(page, demo_site, "grants.unna")
    page.locator("nav.lotse-nav").get_by_role("link", name="Förderrechner").click()
    expect(page.get_by_role("heading", level=1, name="Förderrechner")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Förderprogramm").select_option("kim-nrw-bs2")
    page.get_by_label("Stellenumfang (VZÄ)").fill("0,5")
    page.get_by_label("Besetzt ab").fill("2023-07-01")
    page.get_by_label("Besetzt bis").fill("2023-12-31")
    page.get_by_role("button", name="Berechnen").click()

    # KIM §6: 57,000 × 0.5 × 184/365
    expect(page.get_by_role("heading", name="Zuwendung: 14.367,12 EUR")).to_be_visible()
    expect(
        page.get_by_text("57.000,00 EUR × 0,5 VZÄ × 184/365 Tage = 14.367,12 EUR")
    ).to_be_visible()
    assert_accessible(page)

    # BW 5.5: under 0.25 FTE is refused; what was typed stays.
    page.get_by_label("Förderprogramm").select_option("bw-im-2023-transition")
    page.get_by_label("Qualifikationsstufe").select_option("3")
    page.get_by_label("Stellenumfang (VZÄ)").fill("0,2")
    page.get_by_role("button", name="Berechnen").click()
    expect(page.get_by_role("alert")).to_contain_text("BW 5.5")
    expect(page.get_by_label("Stellenumfang (VZÄ)")).to_have_value("0,2")
    expect(page.get_by_label("Qualifikationsstufe")).to_have_value("3")
    assert_accessible(page)


def test_planning_frame_page_is_accessible(page, demo_site):
    login(page, demo_site, "authority.arnsberg")
    page.goto(f"{demo_site.url}/zuwendungen/rechner/planungsrahmen/")
    page.get_by_label("Gesamtplanungsrahmen (EUR)").fill("1.000.000,00")
    page.get_by_label("Zuteilungsquoten der letzten drei Jahre").fill(
        "Kreis A; 10; 10; 10\nKreis B; 1; 2; 1\nKreis C; 30; 31; 29"
    )
    page.get_by_role("button", name="Verteilen").click()
    expect(page.get_by_role("cell", name="205.000,00 EUR")).to_be_visible()
    assert_accessible(page)

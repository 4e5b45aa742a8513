"""The administration maintains the catalogues in the browser (issue 3 item 5): the
overview, a local provider for Kreis Unna, the consent purposes' warning, a theme
proposal merged; axe-core checks every page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login
from tests.browser.test_case_flow import seed_catalogues, submit

pytestmark = pytest.mark.browser


def test_admin_maintains_catalogues(page, demo_site):
    from lotse.cases.models import BarrierTheme, Service

    seed_catalogues()
    BarrierTheme.objects.create(code="browser-vorschlag", label="Browser-Vorschlag", proposed=True)
    login(page, demo_site, "admin")
    page.get_by_role("link", name="Kataloge", exact=True).first.click()
    expect(page.locator("main h1")).to_have_text("Kataloge")
    expect(page.get_by_text("wartet auf Prüfung")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Regeldienste und Angebote").click()
    assert_accessible(page)
    page.get_by_role("link", name="Neuer Eintrag").click()
    assert_accessible(page)
    page.fill("input[name=label]", "Sprachcafé Kreis Unna")
    page.select_option("select[name=kind]", label="Verein, Ehrenamt, Zivilgesellschaft")
    page.select_option("select[name=organisation]", label="Kreis Unna")
    page.fill("input[name=website]", "https://sprachcafe.example")
    submit(page)
    expect(page.get_by_text("„Sprachcafé Kreis Unna“ wurde angelegt")).to_be_visible()
    expect(page.locator("tbody tr", has_text="Sprachcafé Kreis Unna")).to_contain_text("Kreis Unna")
    provider = Service.objects.get(label="Sprachcafé Kreis Unna")
    page.goto(f"{demo_site.url}/kataloge/angebote/{provider.pk}/loeschen/")
    assert_accessible(page)

    page.goto(f"{demo_site.url}/kataloge/einwilligungszwecke/")
    assert_accessible(page)
    page.get_by_role("link", name="Bearbeiten").first.click()
    expect(page.get_by_text("Änderung wirkt auf die Einwilligungsregeln")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{demo_site.url}/kataloge/strukturelle-themen/")
    expect(page.locator("tbody tr").first).to_contain_text("Vorschlag aus einem Fall")
    assert_accessible(page)
    page.locator("tbody tr", has_text="Browser-Vorschlag").get_by_role(
        "link", name="Zusammenführen"
    ).click()
    assert_accessible(page)
    page.select_option("select[name=target]", label="Kein bezahlbarer Wohnraum")
    submit(page)
    expect(
        page.get_by_text("wurde mit „Kein bezahlbarer Wohnraum“ zusammengeführt")
    ).to_be_visible()

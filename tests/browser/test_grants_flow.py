"""grants.unna works through the grant files: the Unna contract, an amendment with its comparison,
a payment request refused by the two-month rule, the ledger, settlement and the overview; axe 0."""

import pytest
from playwright.sync_api import expect

from lotse.demo.grants import load_grants
from lotse.demo.staff import load_staff
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


@pytest.fixture
def grants_site(demo_site):
    load_staff()
    load_grants()
    return demo_site


def test_grants_officer_amends_the_contract_and_requests_money(page, grants_site):
    login(page, grants_site, "grants.unna")
    page.locator("nav.lotse-nav").get_by_role("link", name="Zuwendungen").click()
    expect(page.get_by_role("heading", level=1, name="Zuwendungen")).to_be_visible()
    expect(page.get_by_text("Entwurf").first).to_be_visible()  # BS I "vom XXX"
    assert_accessible(page)

    page.get_by_role("link", name="Weiterleitungsvertrag KIM Kreis Unna").click()
    expect(page.get_by_text("2. Änderung").first).to_be_visible()
    assert_accessible(page)

    # A 3rd amendment: Nordkreis from 5.0 to 6.0 FTE from 1 July 2023.
    page.get_by_role("link", name="Änderung erfassen").click()
    page.get_by_label("in Kraft ab").fill("2023-07-01")
    page.locator("input[name=allocations-1-fte]").fill("6,0")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("3. Änderung")
    expect(page.locator("ins", has_text="6,0 VZÄ")).to_be_visible()
    expect(page.locator("del", has_text="5,0 VZÄ")).to_be_visible()
    assert_accessible(page)

    # ANBest-P Nr. 1.4: a payout on 1 March covers payments due until 1 May only.
    page.goto(f"{grants_site.url}/zuwendungen/mittelabrufe/neu/")
    page.get_by_label("Zuwendung").select_option(
        label=page.locator("#id_grant option", has_text="Bergkamen").first.inner_text()
    )
    page.get_by_label("angeforderter Betrag (EUR)").fill("30.000,00")
    page.get_by_label("gewünschte Auszahlung am").fill("2023-03-01")
    page.get_by_label("geplante Zahlungen in den zwei Monaten nach der Auszahlung").fill(
        "31.03.2023; 15.000,00; Gehälter März\n31.05.2023; 15.000,00; Gehälter Mai"
    )
    page.get_by_label("Verwendung der bisher ausgezahlten Teilbeträge").fill("Gehälter Februar")
    page.get_by_role("button", name="Abruf einreichen").click()
    expect(page.get_by_role("alert")).to_contain_text("innerhalb von zwei Monaten")
    expect(page.get_by_role("alert")).to_contain_text("ANBest-P Nr. 1.4")
    expect(page.get_by_label("angeforderter Betrag (EUR)")).to_have_value("30.000,00")
    assert_accessible(page)

    page.get_by_label("angeforderter Betrag (EUR)").fill("15.000,00")
    page.get_by_role("button", name="Abruf einreichen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mittelabruf Nr.")
    assert_accessible(page)
    page.get_by_label("freigeben").check()
    page.get_by_role("button", name="Entscheidung speichern").click()
    expect(page.get_by_role("button", name="Auszahlung speichern")).to_be_visible()
    assert_accessible(page)


def test_ledger_positions_settlement_and_overview_are_accessible(page, grants_site):
    login(page, grants_site, "grants.unna")
    page.goto(f"{grants_site.url}/zuwendungen/")
    page.get_by_role("link", name="Bescheid vom 15.02.2023").first.click()
    expect(page.get_by_role("heading", name="Mittelkonto")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Abrechnung erfassen").click()
    page.get_by_role("link", name="Lünen").click()
    page.get_by_label("zuwendungsfähige Ist-Ausgaben (EUR)").fill("40.000,00")
    page.get_by_label("abgerechnet am").fill("2024-03-01")
    page.get_by_label("Zinsen ab").fill("2024-03-01")
    assert_accessible(page)
    page.get_by_role("button", name="Abrechnen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rückforderung")
    page.get_by_label("Zinsen berechnen bis").fill("2025-06-30")
    page.get_by_role("button", name="Zinsen berechnen").click()
    expect(page.get_by_text("Zinsen, kaufmännisch auf Cent gerundet")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{grants_site.url}/zuwendungen/stellen/?year=2024")
    expect(page.get_by_role("heading", name="Summe je Kreis")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{grants_site.url}/zuwendungen/uebersicht/?year=2023")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.get_by_role("cell", name="47.500,00 EUR").first).to_be_visible()
    assert_accessible(page)

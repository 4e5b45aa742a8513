"""grants.unna works through the deadline list; the authority distributes a planning frame and
the county passes it on (issue 5 items 8 and 9); axe 0 on every page."""

import pytest
from playwright.sync_api import expect

from lotse.core import clock
from lotse.demo.grants import load_grants
from lotse.demo.planning import load_planning
from lotse.demo.staff import load_staff
from lotse.organisations.models import Organisation
from lotse.planning.models import FrameRound
from tests.browser.conftest import assert_accessible, login
from tests.deadlines.test_deadlines import grant

pytestmark = pytest.mark.browser


def test_grants_officer_marks_a_deadline_done(page, demo_site):
    load_staff()
    load_grants()
    # A grant running this year, passed on to Lünen: its KIM §8 and §15(2) deadlines fall now.
    grant(
        Organisation.objects.get(name="Kreis Unna"),
        Organisation.objects.get(name="Lünen"),
        year=clock.today().year,
    )
    login(page, demo_site, "grants.unna")
    page.locator("nav.lotse-nav").get_by_role("link", name="Fristen").click()
    expect(page.get_by_role("heading", level=1, name="Fristen")).to_be_visible()
    page.get_by_label("Vorausschau").select_option("365")
    page.get_by_role("button", name="Anzeigen").click()
    rows = page.locator("tbody tr")
    expect(rows.first).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_text("Lünen").first).to_be_visible()
    before = rows.count()
    page.get_by_role("button", name="erledigt").first.click()
    expect(page.get_by_text("Die Frist ist als erledigt markiert.")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(before - 1)
    assert_accessible(page)


def test_authority_reads_in_quotas_and_the_county_passes_the_frame_on(page, demo_site):
    load_planning()
    authority = Organisation.objects.get(name="Regierungspräsidium Stuttgart")
    login(page, demo_site, "authority.stuttgart")
    page.goto(f"{demo_site.url}/zuwendungen/planungsrahmen/")
    page.get_by_role("link", name="Planungsrahmen anlegen").click()
    page.get_by_label("Jahr", exact=True).fill("2027")
    page.get_by_label("Gesamtplanungsrahmen (EUR)").fill("1.000.000,00")
    page.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("heading", level=1, name="Planungsrahmen 2027")).to_be_visible()
    # BW 5.3: a typing error is named by line and column, and nothing is stored.
    page.get_by_label("Zuteilungsquoten einfügen").fill(
        "Rems-Murr-Kreis; 4,1; 4,0; 4,2\nStuttgart; 5,5; x; 5,4\nUlm; 0,1; 0,1; 0,1"
    )
    page.get_by_role("button", name="Quoten einlesen").click()
    expect(page.get_by_role("alert")).to_contain_text("Zeile 2, Spalte „Quote 2024“")
    assert_accessible(page)
    page.get_by_label("Zuteilungsquoten einfügen").fill(
        "Rems-Murr-Kreis; 4,1; 4,0; 4,2\nStuttgart; 5,5; 5,6; 5,4\nUlm; 0,1; 0,1; 0,1"
    )
    page.get_by_role("button", name="Quoten einlesen").click()
    expect(page.get_by_role("cell", name="180.000,00 EUR")).to_be_visible()
    expect(page.get_by_text("auf den Mindestbetrag angehoben").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Bekanntgeben").click()
    expect(page.get_by_text("Bekanntgegeben: 1 Kreise")).to_be_visible()
    assert FrameRound.objects.get(organisation=authority, year=2027).announced_on == clock.today()

    page.context.clear_cookies()  # sign out: the county's officer takes over
    login(page, demo_site, "grants.remsmurr")
    page.goto(f"{demo_site.url}/zuwendungen/planungsrahmen/")
    page.get_by_role("link", name="2026").click()
    expect(page.get_by_role("heading", name="Weitergabe nach Zuweisungszahlen")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Verbund Schwäbischer Wald")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Zuweisungszahl Backnang").fill("-3")
    page.get_by_role("button", name="Zuweisungszahlen speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("nicht negativ")
    expect(page.get_by_label("Zuweisungszahl Backnang")).to_have_value("-3")
    assert_accessible(page)

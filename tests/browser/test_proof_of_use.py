"""grants.unna opens Lünen's 2023 proof of use, imports a payroll file with one bad line (the
German error names line and column, nothing is saved), fixes it, imports again and downloads
the PDF; axe 0 on every page (issue 5 items 6 and 11)."""

import pytest
from playwright.sync_api import expect

from lotse.demo.grants import load_grants
from lotse.demo.proofs import load_proofs
from lotse.demo.staff import load_staff
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

HEADER = "Mitarbeiter:in;Monat;Arbeitgeberbrutto"


def _payroll(bad: bool) -> str:
    rows = [HEADER]
    for month in range(1, 13):
        rows.append(f"Aylin Kaya;{month:02d}.2023;4.500,00")
        rows.append(f"KIM-BS2-SE-1;{month:02d}.2023;4.400,00")
        rows.append(f"Ahrens, Miriam;{month:02d}.2023;4.300,00")
    if bad:
        rows[2] = "KIM-BS2-SE-1;01.2023;4.4OO,00"  # line 3: letter O instead of zero
    return "\n".join(rows) + "\n"


@pytest.fixture
def proofs_site(demo_site):
    load_staff()
    load_grants()
    load_proofs()
    return demo_site


def test_grants_officer_imports_payroll_and_downloads_the_pdf(page, proofs_site, tmp_path):
    login(page, proofs_site, "grants.unna")
    page.locator("nav.lotse-nav").get_by_role("link", name="Zuwendungen").click()
    page.get_by_role("link", name="Verwendungsnachweise").click()
    expect(page.get_by_role("heading", level=1, name="Verwendungsnachweise")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("row", name="Lünen").get_by_role(
        "link", name="Verwendungsnachweis 2023"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verwendungsnachweis 2023")
    expect(page.get_by_text("Aylin Kaya").first).to_be_visible()
    assert_accessible(page)

    bad = tmp_path / "lohn-2023.csv"
    bad.write_text(_payroll(bad=True), encoding="utf-8")
    page.set_input_files("input[name=lohn-file]", str(bad))
    page.get_by_role("button", name="Lohnabrechnung importieren").click()
    expect(page.locator("#import-problems")).to_contain_text("Zeile 3, Spalte „Arbeitgeberbrutto“")
    expect(page.get_by_text("Noch keine Personalausgaben erfasst.")).to_be_visible()
    assert_accessible(page)

    good = tmp_path / "lohn-2023-korrigiert.csv"
    good.write_text(_payroll(bad=False), encoding="utf-8")
    page.set_input_files("input[name=lohn-file]", str(good))
    page.get_by_role("button", name="Lohnabrechnung importieren").click()
    expect(page.get_by_text("36 Zeilen übernommen")).to_be_visible()
    # KIM §8: 12 × (4,500 + 4,400 + 4,300) = 158,400.00 EUR actual costs, below 171,000.00
    expect(page.get_by_role("row", name="Summe").first).to_contain_text("158.400,00 EUR")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF herunterladen").click()
    assert download.value.suggested_filename == "verwendungsnachweis-Luenen-2023-v1.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

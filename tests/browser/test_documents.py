"""Print controls on the case and plan pages and the document text pages pass axe
(WCAG 2.1 A/AA); a bad placeholder is refused at the field with the input kept."""

from datetime import date

import pytest
from playwright.sync_api import expect

from lotse.documents.models import DocumentText
from tests.browser.conftest import assert_accessible, login
from tests.browser.test_case_flow import seed_catalogues
from tests.cases.factories import add_goal, make_plan, running_case

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def seeded_texts(demo_site):
    """Transactional tests flush what migrations seeded; seed catalogues and texts again."""
    import importlib

    from django.apps import apps

    seed_catalogues()
    importlib.import_module("lotse.documents.migrations.0002_shipped_texts").seed(apps, None)


def test_print_controls_are_accessible(page, demo_site):
    client = running_case(start=date(2025, 3, 1))
    plan = make_plan(client, on=date(2025, 3, 15), today=date(2025, 3, 15))
    add_goal(plan, today=date(2025, 3, 15))
    login(page, demo_site, "cm.luenen")
    page.goto(f"{demo_site.url}/faelle/{client.pk}/")
    expect(page.locator("#id_consent_language")).to_have_value("ar")
    assert_accessible(page)
    page.goto(f"{demo_site.url}/faelle/{client.pk}/integrationsplan/")
    expect(page.locator("#id_summary_language")).to_be_visible()
    assert_accessible(page)
    page.goto(
        f"{demo_site.url}/dokumente/faelle/{client.pk}/integrationsplan/kurzfassung/?sprache=ti"
    )
    expect(page.locator("main h1")).to_have_text("Keine Übersetzung vorhanden")
    assert_accessible(page)


def test_text_pages_are_accessible_and_keep_bad_input(page, demo_site):
    shipped = DocumentText.objects.get(kind="plan_summary", language="uk", organisation=None)
    login(page, demo_site, "admin")
    page.goto(f"{demo_site.url}/dokumente/texte/")
    expect(page.locator("main h1")).to_have_text("Texte der Dokumente")
    assert_accessible(page)
    page.goto(f"{demo_site.url}/dokumente/texte/neu/?von={shipped.pk}")
    assert_accessible(page)
    page.fill("#id_body", "Привіт {ім'я}\n{goals}")
    page.click("main button[type=submit]:not([name=preview])")
    expect(page.locator("#id_body_error")).to_contain_text("unbekannter Platzhalter")
    expect(page.locator("#id_body")).to_have_value("Привіт {ім'я}\n{goals}")
    assert_accessible(page)

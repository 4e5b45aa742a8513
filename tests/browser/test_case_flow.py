"""A case manager's first weeks with a client, in the browser: new case → consent
with the signed form → initial consultation → second consultation → the plan is
due on the worklist → the plan with a goal → a referral → its outcome → the
worklist is clear (BW 4.1.4 a, c, f; 4.1.5; 4.1.6; KIM §3(2)d). axe-core checks
every page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n% unterschrieben\n"


def seed_catalogues() -> None:
    """Transactional browser tests flush the migration-seeded catalogues (consent
    purposes, services, themes); seed them again, as the migrations do."""
    import importlib

    from django.apps import apps

    for name in ("0002_catalogues", "0004_service_catalogue", "0006_barrier_themes"):
        importlib.import_module(f"lotse.cases.migrations.{name}").seed(apps, None)


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def test_new_case_to_plan_due(page, demo_site, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    seed_catalogues()
    login(page, demo_site, "cm.luenen")
    page.goto(f"{demo_site.url}/faelle/neu/")
    assert_accessible(page)
    page.fill("input[name=initials]", "AK")
    page.fill("input[name=birth_year]", "1990")
    submit(page)
    expect(page.locator("main h1")).to_contain_text("Fall 20")
    case_number = page.locator("main h1").inner_text().split()[1]
    assert_accessible(page)

    page.get_by_role("link", name="Einwilligung erfassen").first.click()
    expect(page.locator("legend", has_text="Zwecke")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Beratung und Fallführung", exact=False).check()
    page.get_by_label("bei der Vermittlung an Regeldienste", exact=False).check()
    page.fill("input[name=explained_in]", "Arabisch")
    form = tmp_path / "einwilligung.pdf"
    form.write_bytes(PDF)
    page.set_input_files("input[name=signed_form]", str(form))
    submit(page)
    expect(page.get_by_text("Die Einwilligung wurde erfasst.")).to_be_visible()

    page.get_by_role("link", name="Erstberatungsgespräch erfassen").click()
    assert_accessible(page)
    page.fill("input[name=duration_minutes]", "60")
    submit(page)
    expect(page.get_by_text("der Beratungszeitraum beginnt")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Zweites Gespräch erfassen (mit Integrationsplan)").click()
    page.fill("input[name=duration_minutes]", "45")
    submit(page)
    # BW 4.1.4 f: the second consultation leads straight into the plan form.
    expect(page.get_by_text("ist der Integrationsplan fällig")).to_be_visible()
    expect(page.locator("main h1")).to_contain_text("Integrationsplan")
    plan_url = page.url
    assert_accessible(page)

    page.goto(f"{demo_site.url}/faelle/arbeitsliste/")
    expect(
        page.locator("tbody tr", has_text=case_number).filter(has_text="Integrationsplan fehlt")
    ).to_have_count(1)
    assert_accessible(page)
    page.goto(f"{demo_site.url}/faelle/")
    assert_accessible(page)

    page.goto(plan_url)
    page.get_by_label("a) Persönliche Angaben").fill("Lebt mit zwei Kindern")
    page.select_option("select[name=language_level]", "A1")
    submit(page)
    expect(page.get_by_text("Der Integrationsplan wurde angelegt")).to_be_visible()
    expect(page.get_by_text("c) Bildung und Ausbildung").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ziel hinzufügen").click()
    page.select_option("select[name=life_area]", "language")
    page.get_by_label("Ziel", exact=True).fill("Deutsch B1")
    page.get_by_label("Schritte").fill("Integrationskurs besuchen")
    assert_accessible(page)
    submit(page)
    expect(page.get_by_text("Das Ziel wurde gespeichert.")).to_be_visible()
    page.get_by_role("link", name="Versionen und Änderungen ansehen").click()
    expect(page.get_by_text("Deutsch B1").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Zurück zum Fall", exact=False).click()
    page.get_by_role("link", name="Vermittlung erfassen").click()
    page.select_option(
        "select[name=service]", label="Migrationsberatung für erwachsene Zugewanderte (MBE)"
    )
    page.get_by_label("Anlass").fill("Beratung zum Familiennachzug")
    page.select_option("select[name=goal]", index=1)
    assert_accessible(page)
    submit(page)
    expect(page.get_by_text("Die Vermittlung an Migrationsberatung")).to_be_visible()
    page.get_by_role("link", name="Vermittlung ansehen", exact=False).click()
    assert_accessible(page)
    page.get_by_label("angenommen", exact=True).check()
    page.get_by_label("Ergebnis oder Notiz").fill("Termin am Montag")
    submit(page)
    expect(page.get_by_text("Der Stand der Vermittlung wurde gespeichert.")).to_be_visible()
    expect(page.get_by_text("angenommen").first).to_be_visible()
    assert_accessible(page)

    page.goto(f"{demo_site.url}/faelle/arbeitsliste/")
    # Only this case's rows: demo cases may have their own items.
    rows = page.locator("tbody tr", has_text=case_number)
    expect(rows.filter(has_text="Integrationsplan fehlt")).to_have_count(0)
    assert_accessible(page)


def test_wrong_date_shows_a_german_message_and_keeps_input(page, demo_site):
    login(page, demo_site, "cm.luenen")
    page.goto(f"{demo_site.url}/faelle/neu/")
    page.fill("input[name=initials]", "BK")
    page.fill("input[name=birth_year]", "2999")
    submit(page)
    expect(
        page.get_by_text("Geburtsjahr: Das Jahr 2999 liegt in der Zukunft.").first
    ).to_be_visible()
    expect(page.locator("input[name=initials]")).to_have_value("BK")
    assert_accessible(page)


def test_conference_reassessment_and_themes_pages_are_accessible(page, demo_site):
    # KIM §3(2)b–c and the structural themes: the forms and the coordination's counts.
    from datetime import timedelta

    from lotse.cases import services
    from lotse.cases.models import ConsentPurpose
    from lotse.core import clock
    from tests.cases.factories import add_goal, make_plan, person, refer, running_case

    seed_catalogues()
    start = clock.today() - timedelta(days=10)
    client = running_case(start=start)
    client.consents.get().purposes.add(ConsentPurpose.objects.get(code="weiterleitung"))
    add_goal(make_plan(client, on=start), today=start)
    refer(client, on=start)
    services.conference_record(
        client=client,
        held_on=start,
        agenda="Arbeit",
        participants=[services.Participant(name="A", body="Jobcenter", legal_domain="sgb2")],
        agreements=[services.Agreement(life_area="work", text="Praktikum")],
        by=person("cm.luenen"),
        today=start,
    )
    services.reassessment_record(
        client=client, held_on=start, ratings={"work": (2, 3)}, by=person("cm.luenen"), today=start
    )
    login(page, demo_site, "cm.luenen")
    for path in ("fallkonferenzen/neu/", "re-assessment/neu/", "themen/neu/"):
        page.goto(f"{demo_site.url}/faelle/{client.pk}/{path}")
        expect(page.locator("main h1")).to_be_visible()
        assert_accessible(page)
    page.get_by_label("Oder ein neues Thema").fill("Kein WLAN in der Unterkunft")
    submit(page)
    expect(page.get_by_text("Das strukturelle Thema wurde erfasst.")).to_be_visible()
    # The case page with a plan, a referral, a conference and a re-assessment.
    expect(page.get_by_text("Zuletzt am", exact=False)).to_be_visible()
    assert_accessible(page)


def test_coordination_sees_theme_counts(page, demo_site):
    login(page, demo_site, "coord.luenen")
    page.goto(f"{demo_site.url}/faelle/strukturelle-themen/")
    expect(page.locator("main h1")).to_have_text("Strukturelle Themen")
    assert_accessible(page)

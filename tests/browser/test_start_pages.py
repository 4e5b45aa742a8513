"""Every demo role signs in, lands on its start page and walks its navigation;
axe-core checks each page against WCAG 2.1 A and AA."""

import pytest
from playwright.sync_api import expect

from lotse.demo.regions import USERS
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username", [u.username for u in USERS])
def test_start_page_and_navigation_are_accessible(page, demo_site, username):
    login(page, demo_site, username)

    assert page.url == f"{demo_site.url}/"
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator(".lotse-cards .kern-card").first).to_be_visible()
    assert_accessible(page)

    hrefs = page.locator("nav.lotse-nav a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs, "the main navigation has no links"
    for href in hrefs:
        response = page.goto(href)
        assert response is not None and response.ok, (
            f"{href} answered {response and response.status}"
        )
        expect(page.locator("main h1")).to_be_visible()
        assert_accessible(page)


def test_login_page_is_accessible(page, demo_site):
    page.goto(f"{demo_site.url}/login/")
    expect(page.get_by_role("heading", level=1, name="Anmelden")).to_be_visible()
    assert_accessible(page)


def test_wrong_password_shows_error_and_keeps_username(page, demo_site):
    login(page, demo_site, "cm.luenen", password="falsch-falsch-falsch")

    expect(page.get_by_text("Anmeldung fehlgeschlagen.").first).to_be_visible()
    expect(page.locator("input[name=username]")).to_have_value("cm.luenen")
    expect(page.locator("input[name=password]")).to_have_value("")
    assert_accessible(page)


def test_language_switch_to_english(page, demo_site):
    login(page, demo_site, "cm.luenen")
    expect(page.locator("html")).to_have_attribute("lang", "de")

    with page.expect_navigation():
        page.locator("header").get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("header").get_by_role("button", name="Deutsch")).to_be_visible()
    assert page.url == f"{demo_site.url}/"
    assert_accessible(page)

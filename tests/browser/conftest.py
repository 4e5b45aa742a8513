"""Playwright against pytest-django's live server: one Chromium per session,
a fresh browser context per test, axe-core for the WCAG checks.

Browser downloads don't work here, so we drive Debian's /usr/bin/chromium.
"""

import os
import shutil
from functools import cache
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio loop in this thread; Django would
# otherwise refuse ORM calls made from the test body and fixtures.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from lotse.demo.regions import load_regions

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "Lotse-Demo-2026!"
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def _axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def _unavailable(reason: str) -> None:
    # Locally a missing browser is a setup gap (`make browser-deps`); in CI it is a failure.
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not (CHROMIUM.exists() and shutil.which(str(CHROMIUM))):
        _unavailable(f"{CHROMIUM} not found; install it with `make browser-deps`")
    if not AXE_SOURCE.exists():
        _unavailable(f"{AXE_SOURCE} not found; run `make install` (npm devDependency axe-core)")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def demo_site(live_server, settings):
    """The live server with both demo regions, in demo mode (no second factor).

    Transactional tests flush the database afterwards, so the regions loaded
    once per session are gone by the next test; loading is idempotent.
    """
    settings.LOTSE_DEMO = True
    load_regions()
    return live_server


@pytest.fixture
def page(browser, demo_site) -> Page:
    # bypass_csp: the app's strict CSP would otherwise block injecting axe-core.
    context: BrowserContext = browser.new_context(bypass_csp=True, locale="de-DE")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def login(page: Page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def assert_accessible(page: Page) -> None:
    """Run axe-core on the current page; fail listing every WCAG 2.1 A/AA violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = result["violations"]
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
    assert not violations, f"axe found violations on {page.url}:\n" + "\n".join(lines)
